// The settings of a run: how many trials, at what confidence, from which seed, how
// many threads, and how cells are replayed through the transformer. One type for
// the case file's [run] table, the command line's overrides and the results.
//
//   RunSettings settings;  settings.trials = 2000;  settings.threads = 2;
#pragma once

#include "sim/exact/rational.h"

#include <cstdint>
#include <string>

namespace elicit::engine {

struct RunSettings {
  std::int64_t trials = 1000;       // first batch, and the fixed count of the n* search
  std::int64_t max_trials = 16000;  // adaptive cap when a verdict is inconclusive
  Rational confidence = Rational(99, 100);
  std::uint64_t seed = 1;
  int threads = 1;  // results do not depend on it
  std::int64_t replay_trials = 2;
  std::int64_t replay_max_tokens = 3000;
  std::int64_t n_max = 100'000'000;  // the n* search's ceiling
  std::string n_from_bound;          // verdict mode: n = ceil(n_factor · this bound)
  Rational n_factor = 1;
};

}  // namespace elicit::engine
