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

// The largest trial cap and thread count a case file or the command line may ask
// for: trials bound the sequential test's work (O(trials)); threads are an int
// and size the batches of trials (16 × threads).
inline constexpr std::int64_t kMaxTrials = 100'000'000;
inline constexpr int kMaxThreads = 1024;
// The largest sample size n of a cell (exact in a double, as the readings' n keys):
// the ceiling of the n* search and of a verdict's n_factor × bound.
inline constexpr std::int64_t kLargestSampleSize = std::int64_t{1} << 53;

struct RunSettings {
  // rate mode: the trials per cell; verdict and n_star modes: the cap on the trials
  // of one sequential verdict, which stops as soon as it is decided.
  std::int64_t trials = 10000;
  // verdict: P(wrong verdict) <= 1 − confidence; n_star: every verdict of the search
  // is right at once with probability >= confidence.
  Rational confidence = Rational(99, 100);
  std::uint64_t seed = 1;
  int threads = 1;  // results do not depend on it
  std::int64_t replay_trials = 2;
  std::int64_t replay_max_tokens = 3000;
  std::int64_t n_max = 100'000'000;  // the n* search's ceiling when no bound is below it
  Rational n_star_tolerance = Rational(1, 100);  // relative width at which bisection stops
  int max_evaluations = 40;                      // of the n* search: its α is split K ways
  // worst_target mode: the simplex search (engine/worst_target_search.h).
  std::int64_t search_resolution = 12;
  int search_starts = 4;
  int search_refinements = 5;
  int search_budget = 600;
  std::string n_from_bound;  // verdict mode: n = ceil(n_factor · bound)
  Rational n_factor = 1;
};

}  // namespace elicit::engine
