// T1 / Lemma 3: the O(1/√N) rate, made explicit for an idealised ICL learner that
// returns the empirical conditional of the N examples relevant to a query
// (docs/theory.md §3.2). The paper states no constant, so there is no paper row; T1's
// metric is TV = L1/2.
#include "theory/detail/bounds_lists.h"
#include "theory/detail/formula_helpers.h"

namespace elicit::theory::detail {

std::vector<Bound> t1_bounds() {
  const std::string rate = "T1/tv-rate";
  return {
      {"T1/mcdiarmid-tv", Theorem::T1, rate, BoundKind::sufficient,
       "ceil((sqrt(V-1) + sqrt(2 ln(1/delta)))^2 / (4 eps^2))",
       "McDiarmid on the empirical conditional, TV = L1/2; docs/theory.md §3.2", true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         // L1 ≤ 2ε is TV ≤ ε: the §3.1 formula at accuracy 2ε.
         const double ln_n = ln_mcdiarmid_l1(std::log(in.V), 2 * in.eps, -std::log(in.delta));
         return ceil_size_of(std::exp(ln_n));
       }},
      {"T1/hoeffding-binary", Theorem::T1, rate, BoundKind::sufficient,
       "ceil(ln(2/delta) / (2 eps^2))  [V = 2]", "Hoeffding, two-sided; docs/theory.md §3.2", true,
       true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         if (in.V != 2) return std::nullopt;  // binary outputs only
         return ceil_size_of(std::log(2 / in.delta) / (2 * in.eps * in.eps));
       }},
      {"T1/normal-lower", Theorem::T1, rate, BoundKind::lower_asymptotic,
       "z_{1-delta/2}^2 / (4 eps^2)",
       "Bernoulli(1/2) mean, normal approximation (a binary sub-problem of any V); "
       "docs/theory.md §3.4",
       true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         const double z = two_sided_normal_quantile(in.delta);
         return size_of(z * z / (4 * in.eps * in.eps));
       }},
  };
}

}  // namespace elicit::theory::detail
