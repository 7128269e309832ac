// Small pieces shared by the per-theorem bound files (internal to theory/, not installed).
#pragma once

#include "theory/bound.h"

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <numbers>

namespace elicit::theory::detail {

inline Evaluation size_of(double value, std::string note = {}) {
  return Evaluation{SampleSize::from_value(value), std::nullopt, std::move(note)};
}

inline Evaluation ceil_size_of(double value, std::string note = {}) {
  return Evaluation{SampleSize::ceil_of(value), std::nullopt, std::move(note)};
}

// z_{1-δ/2}: the two-sided standard normal quantile, computed from the upper tail
// so that small δ keeps its precision.
inline double two_sided_normal_quantile(double delta) {
  return boost::math::quantile(boost::math::complement(boost::math::normal(), delta / 2));
}

// McDiarmid's L1 deviation for an empirical distribution on `support` symbols,
// docs/theory.md §3.1: E‖p̂−p‖₁ ≤ √((S−1)/n) and bounded differences 2/n give
// n ≥ (√(S−1) + √(2 ln(1/δ)))² / ε². Works in log space, so S may be V^l.
inline double ln_mcdiarmid_l1(double ln_support, double eps, double ln_inv_delta) {
  // ln(S − 1) = ln S + log1p(−1/S); exp(−ln S) underflows harmlessly to 0 for huge S.
  const double ln_support_minus_one = ln_support + std::log1p(-std::exp(-ln_support));
  const double half_ln = 0.5 * ln_support_minus_one;
  const double tail = std::sqrt(2.0 * ln_inv_delta);
  // ln(√(S−1) + t) = ½ln(S−1) + log1p(t / √(S−1)).
  const double ln_root = half_ln + std::log1p(tail * std::exp(-half_ln));
  return 2.0 * ln_root - 2.0 * std::log(eps);
}

}  // namespace elicit::theory::detail
