// Exact errors of an empirical distribution (counts / n) against a rational target,
// and their exact comparison with ε: a verdict never flips on a rounding.
//
// With p_v = w_v / D and p̂_v = c_v / n, ‖p̂ − p‖₁ = Σ_v |c_v·D − w_v·n| / (n·D):
// integers throughout, in 128 bits with overflow checks (GMP beyond).
//
//   bool failed = l1_exceeds(counts, target, eps);      // ‖p̂ − p‖₁ > ε, exactly
//   Rational error = l1_error(counts, target);          // for reports
#pragma once

#include "sim/exact/rational.h"
#include "sim/targets/distribution.h"

#include <cstdint>
#include <vector>

namespace elicit::engine {

Rational l1_error(const std::vector<std::int64_t>& counts, const targets::Distribution& target);
Rational sup_error(const std::vector<std::int64_t>& counts, const targets::Distribution& target);

// ‖p̂ − p‖₁ > eps, decided in integers (strictly greater: equality is a success).
bool l1_exceeds(const std::vector<std::int64_t>& counts, const targets::Distribution& target,
                const Rational& eps);

}  // namespace elicit::engine
