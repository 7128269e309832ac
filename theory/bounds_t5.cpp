// T5: sequences of length l over V symbols, k examples per context,
// k = O(l log V/ε² · log 1/δ) (docs/theory.md §3.5). The literal L1 statement is false
// for arbitrary p_fine (uniform over V^l needs k ≈ V^l); the min-distance and
// sup-norm readings are the versions that can hold. With m contexts every δ
// becomes δ/m (union bound). V^l is handled in log space throughout.
#include "sim/exact/checked_int.h"
#include "theory/detail/bounds_lists.h"
#include "theory/detail/formula_helpers.h"

#include <fmt/format.h>

namespace elicit::theory::detail {
namespace {

double ln_sequences(const Inputs& in) { return in.l * std::log(in.V); }  // ln V^l
double ln_inv_delta(const Inputs& in) { return std::log(in.m / in.delta); }

}  // namespace

std::vector<Bound> t5_bounds() {
  const std::string literal = "T5/literal-L1";
  const std::string min_distance = "T5/min-distance";
  const std::string sup_norm = "T5/sup-norm";
  return {
      {"T5/paper", Theorem::T5, literal, BoundKind::paper, "l ln V/eps^2 * ln(1/delta)",
       "paper Thm 5 with constant 1; docs/theory.md §3.5", true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         const double k = ln_sequences(in) / (in.eps * in.eps) * ln_inv_delta(in);
         // TV(p̂, uniform on V^l) ≥ 1 − k/V^l when p̂ has at most k support points.
         const double floor = 2 * -std::expm1(std::log(k) - ln_sequences(in));
         return size_of(k, fmt::format("at this k, uniform p on V^l has L1 error >= {:.3g}",
                                       std::max(floor, 0.0)));
       }},
      {"T5/paper-pre-simplification", Theorem::T5, literal, BoundKind::paper_literal,
       "l ln V/eps^2 * (l ln V + ln(1/delta))",
       "paper Thm 5 proof before dropping log(V^l) from log(V^l/delta); docs/theory.md §2", true,
       true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return size_of(ln_sequences(in) / (in.eps * in.eps) *
                        (ln_sequences(in) + ln_inv_delta(in)));
       }},
      {"T5/mcdiarmid-any", Theorem::T5, literal, BoundKind::sufficient,
       "(sqrt(V^l - 1) + sqrt(2 ln(1/delta)))^2/eps^2",
       "McDiarmid for an arbitrary distribution on V^l sequences; docs/theory.md §3.5(c)", true,
       true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         const double ln_k = ln_mcdiarmid_l1(ln_sequences(in), in.eps, ln_inv_delta(in));
         return Evaluation{SampleSize::from_log(ln_k), std::nullopt, {}};
       }},
      {"T5/support-floor", Theorem::T5, literal, BoundKind::lower, "V^l (1 - eps/2)",
       "an estimate supported on its k samples is at L1 >= 2(1 - k/V^l) from uniform p; "
       "docs/theory.md §2 (T5 counterexample)",
       true, false,
       [](const Inputs& in) -> std::optional<Evaluation> {
         const std::string note = "for estimates supported on the prompt's samples";
         // Exact ⌈V^l (1 − ε/2)⌉ while V^l is an int64: the boundary k matters here.
         if (ln_sequences(in) < 62 * std::numbers::ln2) {
           const Rational floor = Rational(checked_pow(static_cast<std::int64_t>(in.V),
                                                       static_cast<std::int64_t>(in.l))) *
                                  (1 - in.eps_exact / 2);
           const Integer k = (numerator(floor) + denominator(floor) - 1) / denominator(floor);
           return Evaluation{SampleSize::from_value(k.convert_to<double>()), std::nullopt, note};
         }
         return Evaluation{SampleSize::from_log(ln_sequences(in) + std::log1p(-in.eps / 2)),
                           std::nullopt, note};
       }},
      {"T5/min-distance", Theorem::T5, min_distance, BoundKind::sufficient,
       "8/eps^2 * (2 l ln V + ln(1/delta))",
       "Yatracos minimum-distance estimate over V^l candidates, realizable: L1 <= 4 Delta "
       "(derived; Devroye-Lugosi 2001 Thm 6.3), Hoeffding + union over V^l(V^l-1) sets; "
       "docs/theory.md §3.5(a)",
       true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return size_of(8 / (in.eps * in.eps) * (2 * ln_sequences(in) + ln_inv_delta(in)));
       }},
      {"T5/sup-hoeffding-union", Theorem::T5, sup_norm, BoundKind::sufficient,
       "(l ln V + ln(2/delta))/(2 eps^2)",
       "Hoeffding + union over V^l sequences, max_s |p^(s) - p(s)| <= eps; docs/theory.md §3.5(b)",
       true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return size_of((ln_sequences(in) + std::log(2.0) + ln_inv_delta(in)) /
                        (2 * in.eps * in.eps));
       }},
      {"T5/sup-dkw", Theorem::T5, sup_norm, BoundKind::sufficient, "2/eps^2 * ln(2/delta)",
       "DKW with Massart's constant on the CDF of any ordering of V^l; independent of V, l; "
       "docs/theory.md §3.5(b)",
       true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return size_of(2 / (in.eps * in.eps) * (std::log(2.0) + ln_inv_delta(in)));
       }},
      {"T5/sup-normal-lower", Theorem::T5, sup_norm, BoundKind::lower_asymptotic,
       "z_{1-delta/2}^2/(4 eps^2)",
       "one sequence of mass 1/2: Bernoulli mean, normal approximation; docs/theory.md §3.4", true,
       true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         const double z = two_sided_normal_quantile(in.delta / in.m);
         return size_of(z * z / (4 * in.eps * in.eps));
       }},
  };
}

}  // namespace elicit::theory::detail
