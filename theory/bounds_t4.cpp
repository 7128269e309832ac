// T4: k retrieved examples per query, k = O(ε⁻² log(1/δ)) (docs/theory.md §3.4).
// Reading T4/soft-label-mean: labels y ~ Bernoulli(σ(wᵀx + b)); the ICL learner
// averages the labels of its k neighbours; error |p̂ − p(x)| at zero neighbour bias.
#include "theory/detail/bounds_lists.h"
#include "theory/detail/formula_helpers.h"

#include <fmt/format.h>

namespace elicit::theory::detail {

std::vector<Bound> t4_bounds() {
  const std::string reading = "T4/soft-label-mean";
  return {
      {"T4/paper", Theorem::T4, reading, BoundKind::paper, "1/eps^2 * ln(1/delta)",
       "paper Thm 4 with constant 1 (its §6.3 example: 460.5 for eps=0.1, delta=0.01); "
       "docs/theory.md §3.4",
       true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return size_of(std::log(1 / in.delta) / (in.eps * in.eps));
       }},
      {"T4/hoeffding", Theorem::T4, reading, BoundKind::sufficient, "ln(2/delta)/(2 eps^2)",
       "Hoeffding, two-sided, one query; docs/theory.md §3.4", true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return size_of(std::log(2 / in.delta) / (2 * in.eps * in.eps));
       }},
      {"T4/hoeffding-split", Theorem::T4, reading, BoundKind::sufficient, "2 ln(2/delta)/eps^2",
       "Hoeffding at eps/2, the paper's eps/2 + eps/2 split; docs/theory.md §3.4", true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return size_of(2 * std::log(2 / in.delta) / (in.eps * in.eps));
       }},
      {"T4/hoeffding-queries", Theorem::T4, reading, BoundKind::sufficient,
       "ln(2 q/delta)/(2 eps^2)",
       "Hoeffding with a union bound over q test queries (uniform claim); docs/theory.md §3.4",
       true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         return size_of(std::log(2 * in.q / in.delta) / (2 * in.eps * in.eps),
                        fmt::format("q = {}", in.q));
       }},
      {"T4/normal-lower", Theorem::T4, reading, BoundKind::lower_asymptotic,
       "z_{1-delta/2}^2/(4 eps^2)",
       "Bernoulli(1/2) mean, normal approximation; docs/theory.md §3.4", true, true,
       [](const Inputs& in) -> std::optional<Evaluation> {
         const double z = two_sided_normal_quantile(in.delta);
         return size_of(z * z / (4 * in.eps * in.eps));
       }},
  };
}

}  // namespace elicit::theory::detail
