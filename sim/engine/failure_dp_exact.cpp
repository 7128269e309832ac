// The exact failure probability P(n) as a fraction: the DP over symbols in integer weights
// over D^n, and the curve of it over a range of n.
#include "sim/engine/exact_failure_curve.h"

#include "sim/engine/detail/failure_dp_common.h"

#include <algorithm>
#include <map>

namespace elicit::engine {
namespace {

using detail::check_range;
using detail::distinct_laws;
using detail::ReducedLaw;
using detail::rest_after;
using detail::Scale;
using detail::scale_of;

// ---------------------------------------------------------------------------------------
// The exact DP: integer weights over D^n.
//
// A state after symbols 0..v holds Σ over count prefixes of used!/Π c_u! · Π w_u^{c_u}; the
// prefix (c_0..c_v) has probability C(n, used) · weight · rest^{n−used} / D^n (multinomial
// marginal), which is what an absorbed failure adds. After the last symbol used = n and the
// weights are the multinomial numerators n!/Π c_u! · Π w_u^{c_u} themselves.

// completion[u] = C(n, u) · rest^{n−u} for u = 0..n: what a prefix that used u samples
// is multiplied by when it is absorbed.
std::vector<Integer> completions(std::int64_t rest, std::int64_t n) {
  const std::size_t size = static_cast<std::size_t>(n) + 1;
  std::vector<Integer> rest_power(size, Integer(1));  // rest^k
  for (std::size_t k = 1; k < size; ++k) rest_power[k] = rest_power[k - 1] * rest;
  std::vector<Integer> completion(size);
  Integer choose = 1;  // C(n, u)
  for (std::int64_t u = 0; u <= n; ++u) {
    completion[static_cast<std::size_t>(u)] = choose * rest_power[static_cast<std::size_t>(n - u)];
    choose = choose * (n - u) / (u + 1);
  }
  return completion;
}

Rational exact_single(const ReducedLaw& law, std::int64_t n, const Rational& eps) {
  const Scale scale = scale_of(law, n, eps);
  if (scale.threshold <= 0) return 1;
  const std::size_t size = static_cast<std::size_t>(n) + 1;
  const std::vector<std::int64_t> rest = rest_after(law);
  std::vector<std::map<std::int64_t, Integer>> rows(size);
  rows[0][0] = 1;
  Integer failing = 0;
  for (std::size_t v = 0; v < law.weights.size(); ++v) {
    const bool last = v + 1 == law.weights.size();
    const Integer w = law.weights[v];
    const std::vector<Integer> completion = completions(rest[v], n);
    std::vector<std::map<std::int64_t, Integer>> next(size);
    for (std::int64_t used = 0; used <= n; ++used) {
      const auto& row = rows[static_cast<std::size_t>(used)];
      if (row.empty()) continue;
      std::vector<std::int64_t> keys;
      std::vector<Integer> weights;
      for (const auto& [key, weight] : row) {
        keys.push_back(key);
        weights.push_back(weight);
      }
      std::vector<Integer> suffix(keys.size() + 1, Integer(0));
      for (std::size_t i = keys.size(); i-- > 0;) suffix[i] = suffix[i + 1] + weights[i];
      Integer factor = 1;  // C(used + c, c) · w^c
      for (std::int64_t c = 0; used + c <= n; ++c) {
        if (c > 0) {  // C(used+c, c) = C(used+c−1, c−1)·(used+c)/c, an exact division
          factor *= used + c;
          factor /= c;
          factor *= w;
        }
        if (last && used + c != n) continue;  // the last symbol takes every remaining sample
        const std::int64_t shift = scale.deviation(law.weights[v], c);
        const std::size_t split = static_cast<std::size_t>(
            std::lower_bound(keys.begin(), keys.end(), scale.threshold - shift) - keys.begin());
        if (split < keys.size()) {
          failing += suffix[split] * factor * completion[static_cast<std::size_t>(used + c)];
        }
        if (last) continue;  // what did not fail at the end is a success
        auto& target = next[static_cast<std::size_t>(used + c)];
        for (std::size_t i = 0; i < split; ++i) target[keys[i] + shift] += weights[i] * factor;
      }
    }
    rows = std::move(next);
  }
  return Rational(failing,
                  boost::multiprecision::pow(Integer(law.total), static_cast<unsigned>(n)));
}

}  // namespace

Rational exact_failure_probability(const std::vector<targets::Distribution>& contexts,
                                   std::int64_t n, const Rational& eps) {
  Rational all_succeed = 1;
  for (const auto& [law, copies] : distinct_laws(contexts)) {
    const Rational success = 1 - exact_single(law, n, eps);
    // By squaring: numerator and denominator are coprime, so are their powers.
    const auto power = static_cast<unsigned>(copies);
    all_succeed *= Rational(boost::multiprecision::pow(numerator(success), power),
                            boost::multiprecision::pow(denominator(success), power));
  }
  return 1 - all_succeed;
}

std::vector<ExactCurvePoint> exact_failure_curve(const std::vector<targets::Distribution>& contexts,
                                                 const Rational& eps, std::int64_t n_from,
                                                 std::int64_t n_to) {
  check_range(n_from, n_to);
  std::vector<ExactCurvePoint> curve;
  for (std::int64_t n = n_from; n <= n_to; ++n) {
    curve.push_back({n, exact_failure_probability(contexts, n, eps)});
  }
  return curve;
}

}  // namespace elicit::engine
