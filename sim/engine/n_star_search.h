// The n* search: the smallest sample size from which the failure rate stays at or
// below δ, as the theorems mean it (docs/design.md principle 6; docs/statistics.md (n*)).
//
// The failure rate is not monotone in n (lattice effects of counts), so the first
// n whose rate is below δ can be far below n*. The search therefore brackets n*
// from both sides with sequential verdicts (monte_carlo.h):
//   - from above it starts at a size a rigorous bound proves sufficient (every
//     larger n too), or at n_max, which must then HOLD;
//   - it halves down to a VIOLATED size, then bisects two edges: the largest
//     VIOLATED size v and the smallest size h above which every evaluated size
//     HOLDS; each bisection stops when its bracket is narrower than the relative
//     tolerance (and 1).
// Every verdict is at level α/K, K = max_evaluations (the tests are built so), so with probability
// >= 1 − α all of them are right at once (Bonferroni). Then
//   lower = v + 1 <= n*                          (the rate at v is above δ)
//   n* <= upper = h, provided the rate is <= δ at the sizes above h that were not
//                  evaluated (below the proven size); evaluated ones all HOLD.
// Sizes whose rate is too close to δ for the trial cap end INCONCLUSIVE ("≈ δ"):
// the test's indifference zone; they lie between lower and upper.
//
//   NStarSearch s = search_n_star(experiment, eps, delta, tests, settings);
//   s.lower, s.upper, s.estimate, s.evaluations
#pragma once

#include "sim/engine/experiment.h"
#include "sim/engine/monte_carlo.h"
#include "sim/engine/setting_error.h"
#include "sim/stats/sequential_test.h"

#include <cstdint>
#include <string>
#include <vector>

namespace elicit::engine {

struct NStarSearchSettings {
  std::int64_t proven_sufficient = 0;  // a size some rigorous bound proves sufficient; 0: none
  std::string proven_by;               // that bound's id
  std::int64_t n_max = 0;              // the ceiling when nothing is proven below it
  Rational relative_tolerance = Rational(1, 100);
  int max_evaluations = 40;  // K: each verdict's test must be at level α/K
  int threads = 1;
};

struct Evaluation {
  std::int64_t n = 0;
  std::int64_t trials = 0;
  std::int64_t failures = 0;
  stats::Verdict verdict = stats::Verdict::inconclusive;
};

struct NStarSearch {
  std::int64_t lower = 1;
  std::int64_t upper = 0;
  // 1 + the largest evaluated size whose observed rate is above δ, within
  // [lower, upper]: a point estimate for tables and ratios.
  std::int64_t estimate = 0;
  bool upper_proven = false;            // upper is the proven size itself (nothing assumed)
  std::string upper_basis;              // what the upper end rests on, in words
  bool budget_exhausted = false;        // stopped at max_evaluations before its tolerance
  std::vector<Evaluation> evaluations;  // in the order made
};

// Throws SettingError("n_max") when nothing is proven below n_max and the rate
// at n_max is not shown <= δ.
[[nodiscard]] NStarSearch search_n_star(const Experiment& experiment, const Rational& eps,
                                        const Rational& delta, const VerdictTests& tests,
                                        const NStarSearchSettings& settings);

}  // namespace elicit::engine
