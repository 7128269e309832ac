// One cell's experiment: a trial draws a dataset of size n from the cell's fixed
// target, runs the ICL learner's fast path on it, and returns the exact error.
//
// Every trial is a pure function of (seed, cell, trial index) and n; the target is
// drawn once per cell from its own stream. replay() runs the same trial through the
// exact transformer on the real token prompt and throws ReplayMismatch when the two
// disagree in any bit (DESIGN.md principle 2).
#pragma once

#include "sim/exact/rational.h"
#include "sim/random/stream.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace elicit::engine {

class ReplayMismatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ReplayOutcome {
  bool ran = false;
  std::string detail;  // what was compared, or why the replay was skipped
};

class Experiment {
 public:
  virtual ~Experiment() = default;

  // The exact error of the learner on trial `trial` with n samples (per context).
  virtual Rational error(std::int64_t n, std::uint64_t trial) const = 0;
  // error > eps, possibly by a faster exact test.
  virtual bool fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const {
    return error(n, trial) > eps;
  }
  // Replays the trial through the transformer when its prompt has at most
  // max_tokens tokens.
  virtual ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const = 0;
  // Which learner and engine produced the numbers, for the tables.
  virtual std::string engine() const = 0;
};

// Streams of a cell: trials use (seed, cell, trial); the target and the replay
// shuffles use reserved trial indices far from any trial count.
inline StreamKey trial_key(std::uint64_t seed, std::uint64_t cell, std::uint64_t trial) {
  return {seed, cell, trial};
}
inline StreamKey target_key(std::uint64_t seed, std::uint64_t cell) {
  return {seed, cell, ~std::uint64_t{0}};
}
inline StreamKey replay_key(std::uint64_t seed, std::uint64_t cell, std::uint64_t trial) {
  return {seed ^ 0x7265706c61790000ULL, cell, trial};  // "replay"
}

}  // namespace elicit::engine
