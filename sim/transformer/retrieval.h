// Retrieval for label averaging (T4): the k examples nearest the query by exact
// squared Euclidean distance |x - q|². Ties go to the example that comes first in
// the prompt (the lower index), so the choice is deterministic and exact (no square
// roots, no rounding). Shared by the teaching trace and the T4 experiment.
//
// Two forms with the same rule: the reference on exact Rationals (what the trace
// shows, and what a replay checks against), and the fast path on integer grid
// points (x = v / s with one s for all, so distances compare as integers |v − u|²)
// that selects the k nearest in O(N) per query instead of sorting.
//
//   auto ranking = rank_by_distance(examples, query);   // every example, nearest first
//   auto chosen = nearest_examples(examples, query, 3);  // indices of the 3 nearest
//   auto fast = nearest_grid_points(points, v, 3);        // the same indices, in int64
#pragma once

#include "sim/transformer/construction_vectors.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace elicit::transformer {

struct Ranked {
  std::size_t index = 0;  // in the prompt
  Rational squared_distance;
};

Rational squared_distance(const std::vector<Rational>& a, const std::vector<Rational>& b);

// Every example, nearest first; equal distances keep prompt order.
std::vector<Ranked> rank_by_distance(const std::vector<LabelledPoint>& examples,
                                     const std::vector<Rational>& query);

// The indices of the k nearest, in prompt order (the order the prompt shows them).
std::vector<std::size_t> nearest_examples(const std::vector<LabelledPoint>& examples,
                                          const std::vector<Rational>& query, std::size_t k);

// The same k indices for points on one integer grid (every x = v / s, the query
// too), in increasing order; distances in checked int64 (throws on overflow).
std::vector<std::size_t> nearest_grid_points(const std::vector<std::vector<std::int64_t>>& points,
                                             const std::vector<std::int64_t>& query, std::size_t k);
// The same k nearest in rank order (nearest first, ties to the lower index): the first k of
// the ranking for k + 1, so a sweep over k reads one ranking.
std::vector<std::size_t> nearest_grid_points_ranked(
    const std::vector<std::vector<std::int64_t>>& points, const std::vector<std::int64_t>& query,
    std::size_t k);

}  // namespace elicit::transformer
