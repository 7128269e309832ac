// The Monte Carlo engine shared by every reading: failure counts over trials (in
// parallel, the same bytes for any thread count), sequential verdicts, and error
// samples for rate fits.
//
//   auto v = decide_at(experiment, n, eps, test, threads);   // HOLDS / VIOLATED / ...
// (the n* search is in n_star_search.h).
#pragma once

#include "sim/engine/experiment.h"
#include "sim/engine/run_settings.h"
#include "sim/engine/setting_error.h"
#include "sim/stats/sequential_test.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace elicit::engine {

// Failures among trials [first, first + count) at sample size n. Trials are split
// into contiguous chunks per thread and the counts added: the result does not
// depend on `threads`.
[[nodiscard]] std::int64_t count_failures(const Experiment& experiment, std::int64_t n,
                                          const Rational& eps, std::uint64_t first,
                                          std::int64_t count, int threads);

// Exact errors of trials [0, count), in trial order.
[[nodiscard]] std::vector<Rational> trial_errors(const Experiment& experiment, std::int64_t n,
                                                 std::int64_t count, int threads);

// Whether each of trials [first, first + count) fails at sample size n, in trial
// order (computed in parallel, the same for any thread count).
[[nodiscard]] std::vector<char> trial_failures(const Experiment& experiment, std::int64_t n,
                                               const Rational& eps, std::uint64_t first,
                                               std::int64_t count, int threads);

// A sequential verdict at sample size n: trials 0, 1, 2, … are looked at one by
// one, in order, and the first trial at which the test decides ends the cell, or
// the test's trial cap does (INCONCLUSIVE). Trials are computed in parallel batches
// that grow as the verdict stays open, but the verdict and the trial count depend
// only on the trials' outcomes in order: the same for any thread count.
struct VerdictAt {
  std::int64_t n = 0;
  std::int64_t trials = 0;
  std::int64_t failures = 0;
  stats::Verdict verdict = stats::Verdict::inconclusive;
  stats::Interval interval;  // the test's confidence sequence at the stopping trial
};
[[nodiscard]] VerdictAt decide_at(const Experiment& experiment, std::int64_t n, const Rational& eps,
                                  const stats::SequentialTest& test, int threads);

}  // namespace elicit::engine
