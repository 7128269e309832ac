// One cell's experiment: a trial draws a dataset of size n from the cell's fixed
// target, runs the ICL learner's fast path on it, and returns the exact error.
//
// Every trial is a pure function of (seed, cell, trial index) and n; the target is
// drawn once per cell from its own stream. replay() runs the same trial through the
// exact transformer on the real token prompt and throws ReplayMismatch when the two
// disagree in any bit (docs/design.md principle 2). The experiments themselves live in
// sim/experiments/, one file each; the readings that use them in sim/readings/.
#pragma once

#include "sim/engine/exact_failure_curve.h"
#include "sim/exact/rational.h"
#include "sim/random/stream.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace elicit::engine {

class ReplayMismatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ReplayOutcome {
  bool ran = false;
  std::string detail;  // what was compared, or why the replay was skipped
};

// An exact quantity an experiment reports beside its failures (e.g. an error floor).
struct NamedValue {
  std::string name;
  Rational value;
};

// An exact quantity of one trial reported beside its error (e.g. the double-precision
// drift of an exact computation, or 1 when an iterative learner stopped at its cap). A
// verdict combines it over its trials: the sum (a count) when `summed`, else the
// largest value; the combined value is reported under `name`.
struct TrialFact {
  std::string name;
  Rational value;
  bool summed = false;
};

// The fine-tuned model as drawn, for the results: a digest of its exact values, and
// the values themselves (one list per context) while there are at most 256.
struct TargetLaw {
  std::string digest;
  std::vector<std::vector<Rational>> values;  // empty when too many to list
};

// A trial's failure when the error is only estimated (e.g. on a fresh test sample):
// `surely` implies error > eps, and error > eps implies `possibly`, each except with
// probability at most failure_slack() per trial. An exact error has surely ==
// possibly and no slack.
struct TrialFailure {
  bool surely = false;
  bool possibly = false;
};

class Experiment {
 public:
  virtual ~Experiment() = default;

  // The exact error of the learner on trial `trial` with n samples (per context).
  [[nodiscard]] virtual Rational error(std::int64_t n, std::uint64_t trial) const = 0;
  // error > eps, possibly by a faster exact test.
  [[nodiscard]] virtual bool fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const {
    return error(n, trial) > eps;
  }
  // The failure as a bracket (see TrialFailure); by default the exact fails().
  [[nodiscard]] virtual TrialFailure bracketed_failure(std::int64_t n, std::uint64_t trial,
                                                       const Rational& eps) const {
    const bool failed = fails(n, trial, eps);
    return {failed, failed};
  }
  // The bracketed failure of trial `trial` at every size n = first … last (index n − first).
  // Every entry has the law of bracketed_failure(n, trial, eps) on its own, so a verdict
  // at each size keeps its level; how the sizes depend on each other is the experiment's.
  // By default each size is drawn afresh from the trial's stream (common random numbers).
  // An experiment with nested() grows one dataset instead — the dataset of size n + 1 is
  // the dataset of size n plus one example, as the theorems grow it — starting from a
  // draw at `first`, so one call costs about one trial at `last`. Either way an entry
  // depends on (trial, first, n) only, never on `last`: a caller may ask a shorter range
  // of the same start and get the same prefix.
  [[nodiscard]] virtual std::vector<TrialFailure> failures_over(std::int64_t first,
                                                                std::int64_t last,
                                                                std::uint64_t trial,
                                                                const Rational& eps) const {
    std::vector<TrialFailure> out;
    for (std::int64_t n = first; n <= last; ++n) out.push_back(bracketed_failure(n, trial, eps));
    return out;
  }
  // Whether failures_over grows one dataset (else it draws each size afresh).
  [[nodiscard]] virtual bool nested() const { return false; }
  // The probability per trial that the bracket is wrong (0 for exact errors).
  [[nodiscard]] virtual double failure_slack() const { return 0; }
  // Replays the trial through the transformer when its prompt has at most
  // max_tokens tokens.
  [[nodiscard]] virtual ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                                             std::int64_t max_tokens) const = 0;
  // Which learner and engine produced the numbers, for the tables.
  [[nodiscard]] virtual std::string engine() const = 0;
  // The fine-tuned model, for the tables ("uniform", "zipf(s=1)", ...).
  [[nodiscard]] virtual std::string target_description() const = 0;
  // The fine-tuned model's exact law as drawn for this cell.
  [[nodiscard]] virtual TargetLaw target_law() const = 0;
  // The exact failure probability P(error > eps) at every n = first … last, each with a
  // rigorous error bound, where a dynamic program computes it within `work_limit`
  // multiply-adds (exact_failure_curve.h); nullopt where none reaches.
  [[nodiscard]] virtual std::optional<std::vector<CurvePoint>> exact_failure_curve(
      const Rational& /*eps*/, std::int64_t /*first*/, std::int64_t /*last*/,
      double /*work_limit*/) const {
    return std::nullopt;
  }
  // Exact facts that hold at sample size n and tolerance eps whatever the trial (e.g.
  // a lower bound on every trial's error), reported beside a verdict.
  [[nodiscard]] virtual std::vector<NamedValue> facts_at(std::int64_t /*n*/,
                                                         const Rational& /*eps*/) const {
    return {};
  }
  // Exact side quantities of trial `trial` at sample size n (TrialFact), the same
  // names on every trial; none by default.
  [[nodiscard]] virtual std::vector<TrialFact> trial_facts(std::int64_t /*n*/,
                                                           std::uint64_t /*trial*/) const {
    return {};
  }
};

// Streams of a cell: trials use (seed, cell, trial); the target (the fine-tuned
// model) uses (seed, law, a reserved index) with the seed marked, so it is the same
// for every cell with the same law and never a trial's stream; the replay shuffles
// have their own marked seed.
inline StreamKey trial_key(std::uint64_t seed, std::uint64_t cell, std::uint64_t trial) {
  return {seed, cell, trial};
}
inline StreamKey target_key(std::uint64_t seed, std::uint64_t law) {
  return {seed ^ 0x7461726765740000ULL, law, ~std::uint64_t{0}};  // "target"
}
inline StreamKey replay_key(std::uint64_t seed, std::uint64_t cell, std::uint64_t trial) {
  return {seed ^ 0x7265706c61790000ULL, cell, trial};  // "replay"
}

}  // namespace elicit::engine
