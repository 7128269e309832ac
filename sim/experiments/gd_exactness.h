// T1's exactness (docs/theory.md §3.2, von Oswald et al. 2023): fine-tuning a linear head
// by K steps of gradient descent on D and running the K-layer linear-attention
// construction on the prompt built from D give the same predictions — exactly, in
// rational arithmetic. The same weights in double precision drift; this measures by
// how much, and where the drift first appears.
//
// compare_gd() runs one dataset against several queries three ways: the reference
// (gradient_descent_prediction, K exact GD steps from w = 0), the transformer in exact
// arithmetic (run_exact) and the transformer in double (run<double>). A drift is
// |double − exact| computed exactly (a double is a rational), so "non-zero" is decided
// without tolerance; the display values are doubles.
//
// gd_exactness_grid() does it for every (d, N, K) of a grid, a few datasets each,
// drawn from an input law (input_law.h; by default fractions p/q with |p| <= 6,
// q <= 7 — small non-dyadic numbers on which double rounds) with labels from the
// same one-coordinate law, and reports the first cell in grid order (d, then N,
// then K) whose double predictions drift.
//
//   GdComparison c = compare_gd(examples, queries, /*K=*/3, Rational(1, 10));
//   c.exact_differences == 0;    // the finding
//   GdGridReport r = gd_exactness_grid({.dimensions = {1, 2}, .examples = {1, 5}, .steps = {1,
//   4}});
#pragma once

#include "sim/exact/rational.h"
#include "sim/targets/input_law.h"
#include "sim/transformer/construction_vectors.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace elicit::experiments {

struct GdComparison {
  int dimension = 0, examples = 0, steps = 0;
  std::int64_t predictions = 0;        // queries compared
  std::int64_t exact_differences = 0;  // exact transformer != K-step GD (the finding: 0)
  Rational largest_exact_difference;   // max |exact transformer − GD|
  std::int64_t drifting = 0;           // predictions whose double differs from the exact one
  Rational largest_drift;              // max |double − exact|, exactly
  double mean_drift = 0;               // mean |double − exact| over the predictions
};

// One dataset against each query; throws std::invalid_argument for an empty
// dataset, a wrong dimension, K < 1 or eta <= 0.
GdComparison compare_gd(const std::vector<transformer::LabelledPoint>& examples,
                        const std::vector<std::vector<Rational>>& queries, int steps,
                        const Rational& eta);

// Adds `part` (same d, N, K) to `total`: counts add, maxima and the mean combine.
void merge_into(GdComparison& total, const GdComparison& part);

struct GdGridSettings {
  std::vector<int> dimensions = {1, 2, 3, 4};
  std::vector<int> examples = {1, 2, 5, 10};
  std::vector<int> steps = {1, 2, 3, 4};
  Rational eta = Rational(1, 10);
  // The law of x and y; its dimension is replaced by each cell's d (y: one coordinate).
  targets::InputLawSpec inputs = {targets::InputKind::fractions, 1, 6, 0, 7};
  int datasets = 10;  // per cell
  int queries = 5;    // per dataset
  std::uint64_t seed = 2026;
};

struct GdGridReport {
  std::vector<GdComparison> cells;         // grid order: d outermost, then N, then K
  std::optional<std::size_t> first_drift;  // the first cell with a drifting prediction
  std::int64_t exact_differences() const;  // over every cell
};

GdGridReport gd_exactness_grid(const GdGridSettings& settings);

}  // namespace elicit::experiments
