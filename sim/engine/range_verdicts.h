// Verdicts at every sample size of a range at once (docs/statistics.md, "Verdicts over a
// range"): the sequential verdict of monte_carlo.h run at each size n = first … last side
// by side on the same trials, each trial giving its failure at every size
// (Experiment::failures_over: one grown dataset where the experiment is nested()).
//
// Each size has its own Robbins confidence sequence at the tests' level α_n, and a size's
// verdict freezes when its sequence first decides; trials go on while any size is open, up
// to the cap. A size's verdict is therefore exactly the one its own sequential test would
// give alone (the same trials, the same stopping rule), so its error is that test's, whose
// exact operating characteristic operating_characteristic.h computes. Over the range the
// family-wise error is at most Σ_n α_n whatever the dependence between sizes (Bonferroni):
// with α_n = α/|range| every verdict is right at once with probability >= 1 − α.
// Verdicts and trial counts depend only on the trials' outcomes in order: the same bytes
// for any thread count.
//
//   RangeVerdicts r = decide_over_range(experiment, 60, 250, eps, tests, threads);
//   r.at(74).verdict
#pragma once

#include "sim/engine/experiment.h"
#include "sim/engine/monte_carlo.h"
#include "sim/stats/sequential_test.h"

#include <cstdint>
#include <vector>

namespace elicit::engine {

struct SizeVerdict {
  std::int64_t trials = 0;             // trials looked at when the verdict froze (or the cap)
  std::int64_t failures = 0;           // sure failures among them
  std::int64_t possible_failures = 0;  // the upper end of a bracket (= failures when exact)
  stats::Verdict verdict = stats::Verdict::inconclusive;
};

struct RangeVerdicts {
  std::int64_t first = 0, last = 0;
  std::vector<SizeVerdict> sizes;  // index n − first
  std::int64_t trials = 0;         // trials run (the most any size looked at)
  std::int64_t size_trials = 0;    // (size, trial) failures computed, for the cost
  const SizeVerdict& at(std::int64_t n) const {
    return sizes.at(static_cast<std::size_t>(n - first));
  }
};

// Throws std::invalid_argument when first < 1 or last < first.
[[nodiscard]] RangeVerdicts decide_over_range(const Experiment& experiment, std::int64_t first,
                                              std::int64_t last, const Rational& eps,
                                              const VerdictTests& tests, int threads);

}  // namespace elicit::engine
