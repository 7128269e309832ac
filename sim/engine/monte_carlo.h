// The Monte Carlo engine shared by every reading: failure counts over trials (in
// parallel, the same bytes for any thread count), adaptive verdicts, the n* search
// and error samples for rate fits.
//
//   auto v = decide_at(experiment, n, eps, delta, settings);   // HOLDS / VIOLATED / ...
//   auto s = search_n_star(experiment, eps, delta, settings);  // smallest adequate n
#pragma once

#include "sim/engine/experiment.h"
#include "sim/engine/run_settings.h"
#include "sim/stats/clopper_pearson.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace elicit::engine {

// A run setting too small for the work it governs (e.g. n_max below n*): the user's
// to change, so it names the setting.
class SettingError : public std::invalid_argument {
 public:
  SettingError(std::string key, const std::string& message)
      : std::invalid_argument(message), key_(std::move(key)) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

// Failures among trials [first, first + count) at sample size n. Trials are split
// into contiguous chunks per thread and the counts added: the result does not
// depend on `threads`.
[[nodiscard]] std::int64_t count_failures(const Experiment& experiment, std::int64_t n,
                                          const Rational& eps, std::uint64_t first,
                                          std::int64_t count, int threads);

// Exact errors of trials [0, count), in trial order.
[[nodiscard]] std::vector<Rational> trial_errors(const Experiment& experiment, std::int64_t n,
                                                 std::int64_t count, int threads);

struct VerdictAt {
  std::int64_t n = 0;
  std::int64_t trials = 0;
  std::int64_t failures = 0;
  stats::Interval interval;
  stats::Verdict verdict = stats::Verdict::inconclusive;
};

// Runs `trials`, then doubles the trials while the verdict is inconclusive, up to
// max_trials (the same trial sequence extended, so no draw is wasted).
[[nodiscard]] VerdictAt decide_at(const Experiment& experiment, std::int64_t n, const Rational& eps,
                                  const Rational& delta, const RunSettings& settings);

// n* = the smallest n whose failure rate is <= δ, with the fixed trial count:
// estimate (F/T <= δ), and the range from "not VIOLATED" (CP lower <= δ) to
// "HOLDS" (CP upper <= δ). Doubling from 1, then bisection; the same trial keys at
// every n (common random numbers) and one memo of failure counts serve all three.
// Throws SettingError("n_max") when the rate is still above δ at settings.n_max.
struct NStar {
  std::int64_t estimate = 0;
  std::int64_t lower = 0;  // smallest n not VIOLATED
  std::int64_t upper = 0;  // smallest n that HOLDS
  std::int64_t evaluations = 0;
};
[[nodiscard]] NStar search_n_star(const Experiment& experiment, const Rational& eps,
                                  const Rational& delta, const RunSettings& settings);

}  // namespace elicit::engine
