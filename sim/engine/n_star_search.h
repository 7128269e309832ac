// The n* search: the smallest sample size from which the failure rate stays at or below δ,
// as the theorems mean it (docs/design.md principle 6; docs/statistics.md, "n*").
//
// The failure rate is not monotone in n (lattice effects of counts oscillate by ±30%
// between neighbouring n), so nothing between two evaluated sizes may be assumed. The
// search has two stages, splitting the error α of the whole search in halves:
//   1. locate: single-size sequential verdicts (monte_carlo.h) at level α/(2K), at most
//      K = max_evaluations of them, each with a quarter of the trial cap (an unproven top,
//      the whole cap): down by halves from the top U (a size a rigorous bound
//      proves sufficient, or n_max, which must then HOLD) to a VIOLATED size, then
//      bisecting between the largest VIOLATED size v and the next size evaluated above it,
//      to the relative tolerance;
//   2. check every size: verdicts at every n of [v + 1, U] at once (range_verdicts.h), at
//      level α/(2·(U − v)) each.
// With probability >= 1 − α every verdict is right at once (Bonferroni), and then
//   lower = 1 + the largest VIOLATED size <= n*      (the rate there is above δ)
//   n* <= upper = 1 + the largest size of [v + 1, U] that does not HOLD (v + 1 if all do):
//                 every size from upper to U HOLDS, and U is proven sufficient.
// When U is n_max and no bound proves it, the bracket is of the n* of sizes <= n_max, and
// says so. Sizes whose rate the cap cannot tell from δ stay undecided ("≈ δ") and widen the
// bracket; the result says which and what deciding them would cost. Where the experiment's
// exact failure curve is cheap (a dynamic program), the exact eventual n* and first
// crossing are reported beside the bracket.
//
//   NStarSearch s = search_n_star(experiment, eps, delta, settings);
//   s.lower, s.upper, s.estimate, s.range, s.exact
#pragma once

#include "sim/engine/exact_failure_curve.h"
#include "sim/engine/experiment.h"
#include "sim/engine/monte_carlo.h"
#include "sim/engine/setting_error.h"
#include "sim/stats/sequential_test.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace elicit::engine {

struct NStarSearchSettings {
  std::int64_t proven_sufficient = 0;  // a size some rigorous bound proves sufficient; 0: none
  std::string proven_by;               // that bound's id
  std::int64_t n_max = 0;              // the ceiling when nothing is proven below it
  Rational relative_tolerance = Rational(1, 100);
  int max_evaluations = 40;     // K: the locating stage's verdicts
  double alpha = 0.01;          // every verdict of the search is right at once w.p. >= 1 − alpha
  std::int64_t trials = 10000;  // each verdict's trial cap
  std::int64_t max_range_sizes = 100'000;  // stage 2 checks at most this many sizes
  double exact_work_limit = 2e9;  // estimated multiply-adds an exact curve may cost (0: never)
  int threads = 1;
};

struct Evaluation {
  std::int64_t n = 0;
  std::int64_t trials = 0;
  std::int64_t failures = 0;
  stats::Verdict verdict = stats::Verdict::inconclusive;
};

// The exact n* of the experiment's failure curve over [1, to] (a dynamic program).
struct ExactNStar {
  std::int64_t to = 0;       // the curve's last size (the proven sufficient size)
  CurveSampleSize eventual;  // the smallest n with P(k) <= δ for every k in [n, to]
  CurveSampleSize first;     // the smallest n with P(n) <= δ
};

struct NStarSearch {
  std::int64_t lower = 1;
  std::int64_t upper = 0;
  // 1 + the largest size of the checked range whose observed rate is above δ, within
  // [lower, upper]: a point estimate from the whole curve, for tables and ratios.
  std::int64_t estimate = 0;
  bool upper_proven = false;  // the checked range reaches a size a bound proves sufficient
  std::string lower_basis;    // what each end rests on, in words
  std::string upper_basis;
  bool budget_exhausted = false;        // the locating stage used all K evaluations
  double alpha_per_evaluation = 0;      // the locating stage's level per verdict
  double alpha_per_size = 0;            // the checking stage's level per size
  std::vector<Evaluation> evaluations;  // the locating stage, in the order made
  std::int64_t range_first = 0;         // every size of [range_first, range_last] checked
  std::int64_t range_last = 0;
  std::vector<Evaluation> range;  // one per size of the range, in order
  std::int64_t range_trials = 0;  // trials the checking stage ran
  std::int64_t undecided = 0;     // sizes of the range left INCONCLUSIVE (≈ δ)
  // The smallest size shown to HOLD (0: none): the first crossing is at most this.
  std::int64_t first_crossing_at_most = 0;
  bool tolerance_met = true;
  std::string width_note;  // why the bracket is wider than the tolerance, and the cost
  std::optional<ExactNStar> exact;
};

// Throws SettingError("n_max") when nothing is proven below n_max and the rate at n_max is
// not shown <= δ, and SettingError("n_max") when the sizes to check exceed max_range_sizes
// with no proven size to fall back on.
[[nodiscard]] NStarSearch search_n_star(const Experiment& experiment, const Rational& eps,
                                        const Rational& delta, const NStarSearchSettings& settings);

}  // namespace elicit::engine
