// T3: linear classification in dimension d, |D'| = O(d/ε) (THEORY.md §3.3).
// Reading T3/0-1-realizable: halfspaces with bias (VC dimension D = d + 1),
// realizable, error = 0-1 disagreement with the fine-tuned halfspace; any
// consistent learner. Reading T3/subset-max-margin: the existence claim for a
// separable D with the max-margin separator as the fine-tuned model.
#include "theory/behw.h"
#include "theory/detail/bounds_lists.h"
#include "theory/detail/formula_helpers.h"

namespace elicit::theory::detail {

std::vector<Bound> t3_bounds() {
  const std::string realizable = "T3/0-1-realizable";
  return {
      {"T3/paper", Theorem::T3, realizable, BoundKind::paper, "d/eps",
       "paper Thm 3 with constant 1 (no delta); THEORY.md §3.3", true,
       [](const Inputs& in) -> std::optional<Evaluation> { return size_of(in.d / in.eps); }},
      {"T3/behw-implicit", Theorem::T3, realizable, BoundKind::sufficient,
       "min n: 2 min(2^(2n), (2e n/D)^D) 2^(-eps n/2) <= delta, D = d+1",
       "Blumer-Ehrenfeucht-Haussler-Warmuth 1989 with Sauer's lemma; THEORY.md §3.3", true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return size_of(static_cast<double>(behw_implicit_sample_size(in.d + 1, in.eps, in.delta)));
       }},
      {"T3/behw-closed", Theorem::T3, realizable, BoundKind::sufficient,
       "max(4/eps log2(2/delta), 8 D/eps log2(13/eps))",
       "Blumer-Ehrenfeucht-Haussler-Warmuth 1989, closed form; THEORY.md §3.3", true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         const double vc = in.d + 1;
         return size_of(std::max(4 / in.eps * std::log2(2 / in.delta),
                                 8 * vc / in.eps * std::log2(13 / in.eps)));
       }},
      {"T3/ehkv-lower", Theorem::T3, realizable, BoundKind::lower,
       "max((D-1)/(32 eps), (1-eps)/eps ln(1/delta))",
       "Ehrenfeucht-Haussler-Kearns-Valiant 1989 (order confirmed from the abstract; the "
       "constants 1/32 and (1-eps) are recalled, not verified); THEORY.md §3.3",
       false,
       [](const Inputs& in) -> std::optional<Evaluation> {
         std::string note;
         // EHKV state the bound for ε ≤ 1/8 and δ ≤ 1/100; outside it is only indicative.
         if (in.eps_exact > Rational(1, 8) || in.delta_exact > Rational(1, 100)) {
           note = "outside its stated range eps <= 1/8, delta <= 1/100";
         }
         const double vc = in.d + 1;
         return size_of(
             std::max((vc - 1) / (32 * in.eps), (1 - in.eps) / in.eps * std::log(1 / in.delta)),
             note);
       }},
      {"T3/support-vectors", Theorem::T3, "T3/subset-max-margin", BoundKind::sufficient, "d + 1",
       "max-margin separator is fixed by <= d+1 support vectors in general position "
       "(zero disagreement on D, independent of eps); THEORY.md §3.3",
       true, [](const Inputs& in) -> std::optional<Evaluation> { return size_of(in.d + 1); }},
  };
}

}  // namespace elicit::theory::detail
