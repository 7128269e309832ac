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
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace elicit::engine {

// Progress display only, never results: told how many trials at sample size n were
// just computed, on the thread that asked for them (a cell's thread; the trials
// themselves may run on others). Installed per thread, so that cells running side by
// side each report to their own observer; nothing is told when none is installed.
using TrialObserver = std::function<void(std::int64_t n, std::int64_t trials)>;
class ScopedTrialObserver {
 public:
  explicit ScopedTrialObserver(TrialObserver observer);  // for the calling thread
  ~ScopedTrialObserver();
  ScopedTrialObserver(const ScopedTrialObserver&) = delete;
  ScopedTrialObserver& operator=(const ScopedTrialObserver&) = delete;

 private:
  TrialObserver observer_;
  const TrialObserver* previous_;
};

namespace detail {
// Runs body(begin, end, worker) over `count` items split into contiguous chunks, one
// per worker thread (at most `threads`); rethrows the first worker's exception.
void parallel_chunks(std::int64_t count, int threads,
                     const std::function<void(std::int64_t, std::int64_t, int)>& body);
// Tells the calling thread's observer (if any) that `trials` trials at n were computed.
void tell_observer(std::int64_t n, std::int64_t trials);
}  // namespace detail

// Failures among trials [first, first + count) at sample size n. Trials are split
// into contiguous chunks per thread and the counts added: the result does not
// depend on `threads`.
[[nodiscard]] std::int64_t count_failures(const Experiment& experiment, std::int64_t n,
                                          const Rational& eps, std::uint64_t first,
                                          std::int64_t count, int threads);

// Exact errors of trials [0, count), in trial order.
[[nodiscard]] std::vector<Rational> trial_errors(const Experiment& experiment, std::int64_t n,
                                                 std::int64_t count, int threads);

// The bracketed failure of each of trials [first, first + count) at sample size n,
// in trial order (computed in parallel, the same for any thread count).
[[nodiscard]] std::vector<TrialFailure> trial_failures(const Experiment& experiment, std::int64_t n,
                                                       const Rational& eps, std::uint64_t first,
                                                       std::int64_t count, int threads);

// The trial facts (Experiment::trial_facts) of trials [0, count) at sample size n,
// each combined over the trials (summed or the largest), in the order the experiment
// names them; empty when it reports none. The same for any thread count.
[[nodiscard]] std::vector<NamedValue> combined_trial_facts(const Experiment& experiment,
                                                           std::int64_t n, std::int64_t count,
                                                           int threads);

// The two sequential tests of a verdict. For an exact error they are one test at δ.
// When each trial's failure is a bracket with slack β (TrialFailure), P(error > eps)
// lies within β of the rates of its ends, so HOLDS is decided on the `possibly`
// failures against δ − β and VIOLATED on the `surely` failures against δ + β: each
// verdict then keeps its level for the true error.
class VerdictTests {
 public:
  // Throws SettingError("trials") when the cap could never decide HOLDS, and
  // std::invalid_argument when the slack leaves no room below delta.
  VerdictTests(const Rational& delta, double alpha, std::int64_t cap, double slack = 0);
  const stats::SequentialTest& holds() const { return *holds_; }
  const stats::SequentialTest& violated() const { return violated_ ? *violated_ : *holds_; }
  std::int64_t cap() const { return holds_->max_trials(); }

 private:
  std::unique_ptr<stats::SequentialTest> holds_, violated_;
};

// A sequential verdict at sample size n: trials 0, 1, 2, … are looked at one by
// one, in order, and the first trial at which the test decides ends the cell, or
// the test's trial cap does (INCONCLUSIVE). Trials are computed in parallel batches
// that grow as the verdict stays open, but the verdict and the trial count depend
// only on the trials' outcomes in order: the same for any thread count.
struct VerdictAt {
  std::int64_t n = 0;
  std::int64_t trials = 0;
  std::int64_t failures = 0;           // sure failures (all failures for an exact error)
  std::int64_t possible_failures = 0;  // the upper end of a bracket (= failures when exact)
  stats::Verdict verdict = stats::Verdict::inconclusive;
  stats::Interval interval;  // the confidence sequence of the failure rate at the stop
};
[[nodiscard]] VerdictAt decide_at(const Experiment& experiment, std::int64_t n, const Rational& eps,
                                  const VerdictTests& tests, int threads);

}  // namespace elicit::engine
