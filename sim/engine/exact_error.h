// Exact errors of an empirical distribution (counts / n) against a rational target,
// and their exact comparison with ε: a verdict never flips on a rounding.
//
// With p_v = w_v / D and p̂_v = c_v / n, ‖p̂ − p‖₁ = Σ_v |c_v·D − w_v·n| / (n·D):
// integers throughout, in 128 bits with overflow checks (GMP beyond).
//
//   bool failed = l1_exceeds(counts, target, eps);      // ‖p̂ − p‖₁ > ε, exactly
//   Rational error = l1_error(counts, target);          // for reports
//   empirical_error_exceeds(theory::Metric::tv, counts, target, eps);  // TV > eps
#pragma once

#include "sim/exact/rational.h"
#include "sim/targets/distribution.h"
#include "theory/metric.h"

#include <cstdint>
#include <vector>

namespace elicit::engine {

Rational l1_error(const std::vector<std::int64_t>& counts, const targets::Distribution& target);
Rational sup_error(const std::vector<std::int64_t>& counts, const targets::Distribution& target);

// ‖p̂ − p‖₁ > eps, decided in integers (strictly greater: equality is a success).
bool l1_exceeds(const std::vector<std::int64_t>& counts, const targets::Distribution& target,
                const Rational& eps);

// The error of counts/n in one of the empirical metrics (L1, TV = L1/2, sup-norm),
// and its exact comparison with eps (the L1 fast path serves L1 and TV).
Rational empirical_error(theory::Metric metric, const std::vector<std::int64_t>& counts,
                         const targets::Distribution& target);
bool empirical_error_exceeds(theory::Metric metric, const std::vector<std::int64_t>& counts,
                             const targets::Distribution& target, const Rational& eps);

}  // namespace elicit::engine
