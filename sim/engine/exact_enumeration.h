// The exact failure probability of the empirical estimator, by enumerating every
// count vector of Multinomial(n, p): P(‖p̂ − p‖₁ > ε) as a fraction (docs/theory.md §3.1).
// Feasible while C(n + V − 1, V − 1) is small (V <= 4 and n <= 40 is ~12,000).
//
//   Rational P = exact_l1_failure_probability({1/2, 1/4, 1/4}, 12, 1/3);
#pragma once

#include "sim/exact/rational.h"

#include <cstdint>
#include <vector>

namespace elicit::engine {

// Throws std::invalid_argument when p is not a distribution or the enumeration
// exceeds `max_vectors` count vectors.
Rational exact_l1_failure_probability(const std::vector<Rational>& p, std::int64_t n,
                                      const Rational& eps, std::int64_t max_vectors = 5'000'000);

}  // namespace elicit::engine
