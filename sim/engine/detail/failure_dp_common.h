// What the failure-curve DPs share (internal to sim/engine/, not installed): a law in
// integers, the failure threshold at one n, distinct laws counted once, and the range check.
// Used by failure_dp_exact.cpp, failure_dp_bounded.cpp and failure_dp_work.cpp; the public
// API is sim/engine/exact_failure_curve.h.
#pragma once

#include "sim/exact/rational.h"
#include "sim/targets/distribution.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace elicit::engine::detail {

__extension__ typedef __int128 Wide;

// ---------------------------------------------------------------------------------------
// The law and the failure threshold at one n, in integers.

// A law in lowest terms without its zero-weight symbols: those never draw a sample and add no
// deviation (|0·D − 0·n| = 0), so leaving them out changes nothing.
struct ReducedLaw {
  std::vector<std::int64_t> weights;  // positive
  std::int64_t total = 1;             // D
  friend bool operator==(const ReducedLaw&, const ReducedLaw&) = default;
};

inline ReducedLaw reduce(const targets::Distribution& law) {
  if (law.weights.empty()) throw std::invalid_argument("a law needs at least one symbol");
  Integer sum = 0;
  for (std::int64_t w : law.weights) {
    if (w < 0) throw std::invalid_argument("weights must be >= 0");
    sum += w;
  }
  if (law.total < 1 || sum != law.total) {
    throw std::invalid_argument("weights sum to " + sum.str() + ", not the total " +
                                std::to_string(law.total));
  }
  std::int64_t common = law.total;
  for (std::int64_t w : law.weights) common = std::gcd(common, w);
  ReducedLaw reduced;
  reduced.total = law.total / common;
  for (std::int64_t w : law.weights) {
    if (w > 0) reduced.weights.push_back(w / common);
  }
  return reduced;
}

// Everything the DPs need at one n. Every deviation c·D − w·n is a multiple of g = gcd(D, n),
// so the DPs count in units of g. Failure is b·S > a·n·D for S = Σ_v |c_v·D − w_v·n|
// (docs/theory.md §3.1), i.e. S/g ≥ ⌊a·n·D/(b·g)⌋ + 1 = threshold. S ≤ 2nD always (L1 ≤ 2), so a
// threshold above 2nD/g is lowered to 2nD/g + 1 without changing any verdict; n·D < 2^60
// keeps every sum of two deviations in int64.
struct Scale {
  std::int64_t n = 0;
  std::int64_t total = 1;  // D
  std::int64_t unit = 1;   // g
  std::int64_t threshold = 0;

  // |c·D − w·n| / g, saturated at the threshold (anything beyond fails alike).
  std::int64_t deviation(std::int64_t weight, std::int64_t count) const {
    Wide d = static_cast<Wide>(count) * total - static_cast<Wide>(weight) * n;
    if (d < 0) d = -d;
    return std::min<std::int64_t>(static_cast<std::int64_t>(d / unit), threshold);
  }
};

inline Scale scale_of(const ReducedLaw& law, std::int64_t n, const Rational& eps) {
  if (n < 1) throw std::invalid_argument("n must be >= 1");
  const Wide n_times_total = static_cast<Wide>(n) * law.total;
  if (n_times_total >= (Wide{1} << 60)) {
    throw std::invalid_argument("n times the common denominator of p must be below 2^60");
  }
  Scale scale{n, law.total, std::gcd(law.total, n), 0};
  const std::int64_t largest = static_cast<std::int64_t>(2 * n_times_total / scale.unit);
  const Integer above = numerator(eps) * n * law.total / (denominator(eps) * scale.unit);
  if (numerator(eps) < 0) {
    scale.threshold = 0;  // floor of a negative value plus 1 is <= 0: every outcome fails
  } else {
    scale.threshold = above >= largest ? largest + 1 : above.convert_to<std::int64_t>() + 1;
  }
  return scale;
}

// rest[v] = Σ_{u>v} w_u: given the samples used by symbols before v, c_v ~ Bin(n − used,
// w_v / (w_v + rest[v])), and the last symbol takes what is left.
inline std::vector<std::int64_t> rest_after(const ReducedLaw& law) {
  std::vector<std::int64_t> rest(law.weights.size(), 0);
  for (std::size_t v = law.weights.size() - 1; v-- > 0;) rest[v] = rest[v + 1] + law.weights[v + 1];
  return rest;
}

// ---------------------------------------------------------------------------------------
// Several contexts: P = 1 − Π_i (1 − P_i), each distinct law computed once.

inline std::vector<std::pair<ReducedLaw, std::int64_t>> distinct_laws(
    const std::vector<targets::Distribution>& contexts) {
  if (contexts.empty()) throw std::invalid_argument("need at least one context");
  std::vector<std::pair<ReducedLaw, std::int64_t>> distinct;
  for (const auto& law : contexts) {
    ReducedLaw reduced = reduce(law);
    auto same = std::find_if(distinct.begin(), distinct.end(),
                             [&](const auto& entry) { return entry.first == reduced; });
    if (same != distinct.end()) {
      ++same->second;
    } else {
      distinct.emplace_back(std::move(reduced), 1);
    }
  }
  return distinct;
}

inline void check_range(std::int64_t n_from, std::int64_t n_to) {
  if (n_from < 1 || n_to < n_from) {
    throw std::invalid_argument("need 1 <= n_from <= n_to (got " + std::to_string(n_from) + ".." +
                                std::to_string(n_to) + ")");
  }
}

}  // namespace elicit::engine::detail
