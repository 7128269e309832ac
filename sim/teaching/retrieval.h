// Retrieval for label averaging (T4): the k examples nearest the query by exact
// squared Euclidean distance |x - q|². Ties go to the example that comes first in
// the prompt, so the choice is deterministic and exact (no square roots, no
// rounding).
//
//   auto ranking = rank_by_distance(examples, query);   // every example, nearest first
//   auto chosen = nearest_examples(examples, query, 3);  // indices of the 3 nearest
#pragma once

#include "sim/transformer/construction_vectors.h"

#include <cstddef>
#include <vector>

namespace elicit::teaching {

struct Ranked {
  std::size_t index = 0;  // in the prompt
  Rational squared_distance;
};

Rational squared_distance(const std::vector<Rational>& a, const std::vector<Rational>& b);

// Every example, nearest first; equal distances keep prompt order.
std::vector<Ranked> rank_by_distance(const std::vector<transformer::LabelledPoint>& examples,
                                     const std::vector<Rational>& query);

// The indices of the k nearest, in prompt order (the order the prompt shows them).
std::vector<std::size_t> nearest_examples(const std::vector<transformer::LabelledPoint>& examples,
                                          const std::vector<Rational>& query, std::size_t k);

}  // namespace elicit::teaching
