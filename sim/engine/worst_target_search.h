// The hardest target: a search of the simplex of laws over V symbols for the law
// whose failure probability at a given n is largest (issue "the hardest target").
// Every theorem bounds the sample size uniformly over fine-tuned models, so a verdict
// for one chosen target (uniform, say) says little about "for every target" when
// the lattice of counts makes other laws harder: for V = 3, n = 12, ε = 1/2 the exact
// failure probability is 0.070 at the uniform law and 0.126 at (1/4, 3/8, 3/8).
//
// The objective is a function of a law (the exact failure probability from the
// dynamic program where it reaches, or a Monte Carlo rate with common random numbers
// across candidates). Laws are points of a grid of the simplex (weights summing to R),
// taken up to a permutation of the symbols, which changes no failure probability of
// the empirical estimator (each is kept sorted, largest weight first). The search:
//   1. every point of the grid at resolution R (or a spread sample of it when the
//      grid is larger than half the budget);
//   2. from each of the best `starts` points, moves of one unit of mass between two
//      symbols while one improves, then the resolution doubled and again, up to
//      `refinements` times — a lattice-shaped, non-smooth objective has no gradient
//      to follow, and the doubling reaches between the coarse grid's points;
//   3. the best law found, exactly, with every evaluation in the trace.
//
//   auto result = search_worst_target(3, objective, settings);
//   result.best, result.best_value, result.trace
#pragma once

#include "sim/targets/distribution.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace elicit::engine {

// An objective's value at one law, with an interval (equal to the value when exact).
struct ObjectiveValue {
  double value = 0;
  double lower = 0;
  double upper = 0;
};
using TargetObjective = std::function<ObjectiveValue(const targets::Distribution&)>;

struct WorstTargetSettings {
  std::int64_t resolution = 12;  // the first grid: weights summing to this
  int starts = 4;                // local searches from the best grid points
  int refinements = 5;           // resolution doublings of each local search
  int budget = 600;              // evaluations of the objective in all
};

struct SearchStep {
  targets::Distribution law;
  ObjectiveValue value;
  std::string phase;  // "grid", "start 1, resolution 24", ...
};

struct WorstTargetResult {
  targets::Distribution best;
  ObjectiveValue best_value;
  targets::Distribution uniform;
  ObjectiveValue uniform_value;
  std::vector<SearchStep> trace;
  bool budget_exhausted = false;
};

WorstTargetResult search_worst_target(int symbols, const TargetObjective& objective,
                                      const WorstTargetSettings& settings);

// Every law of the grid at resolution R, sorted largest weight first (the points of
// the simplex up to a permutation): the partitions of R into at most V parts.
std::vector<targets::Distribution> simplex_grid(int symbols, std::int64_t resolution);

}  // namespace elicit::engine
