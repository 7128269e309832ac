// Sample sizes read off a failure curve whose points may carry error bounds (the theorems'
// eventual n* and the first crossing of δ), and an exact law from rational probabilities.
#include "sim/engine/exact_failure_curve.h"

#include <limits>
#include <string>

namespace elicit::engine {
namespace {

// Rigorous bounds on a curve point as exact rationals (the double's value is exact).
struct ExactBracket {
  std::int64_t n;
  Rational lower, upper;
};

std::vector<ExactBracket> brackets_of(const std::vector<CurvePoint>& curve) {
  std::vector<ExactBracket> out;
  for (const auto& point : curve) {
    const Rational value(point.probability.value), bound(point.probability.error_bound);
    out.push_back({point.n, value - bound, value + bound});
  }
  return out;
}

std::vector<ExactBracket> brackets_of(const std::vector<ExactCurvePoint>& curve) {
  std::vector<ExactBracket> out;
  out.reserve(curve.size());
  for (const auto& point : curve) out.push_back({point.n, point.probability, point.probability});
  return out;
}

void check_consecutive(const std::vector<ExactBracket>& curve) {
  for (std::size_t i = 1; i < curve.size(); ++i) {
    if (curve[i].n != curve[i - 1].n + 1) {
      throw std::invalid_argument("a curve must hold consecutive n");
    }
  }
}

std::vector<std::int64_t> straddling_of(const std::vector<ExactBracket>& curve,
                                        const Rational& delta) {
  std::vector<std::int64_t> out;
  for (const auto& point : curve) {
    if (point.lower <= delta && delta < point.upper) out.push_back(point.n);
  }
  return out;
}

// The smallest n from which `bound(point) <= delta` holds to the end of the curve.
template <class Bound>
std::optional<std::int64_t> holds_from(const std::vector<ExactBracket>& curve,
                                       const Rational& delta, Bound bound) {
  std::optional<std::int64_t> from;
  for (std::size_t i = curve.size(); i-- > 0;) {
    if (bound(curve[i]) > delta) break;
    from = curve[i].n;
  }
  return from;
}

template <class Bound>
std::optional<std::int64_t> first_where(const std::vector<ExactBracket>& curve,
                                        const Rational& delta, Bound bound) {
  for (const auto& point : curve) {
    if (bound(point) <= delta) return point.n;
  }
  return std::nullopt;
}

CurveSampleSize eventual_of(const std::vector<ExactBracket>& curve, const Rational& delta) {
  check_consecutive(curve);
  return {holds_from(curve, delta, [](const ExactBracket& p) { return p.lower; }),
          holds_from(curve, delta, [](const ExactBracket& p) { return p.upper; }),
          straddling_of(curve, delta)};
}

CurveSampleSize first_crossing_of(const std::vector<ExactBracket>& curve, const Rational& delta) {
  check_consecutive(curve);
  return {first_where(curve, delta, [](const ExactBracket& p) { return p.lower; }),
          first_where(curve, delta, [](const ExactBracket& p) { return p.upper; }),
          straddling_of(curve, delta)};
}

}  // namespace

CurveSampleSize eventual_n_star(const std::vector<CurvePoint>& curve, const Rational& delta) {
  return eventual_of(brackets_of(curve), delta);
}
CurveSampleSize eventual_n_star(const std::vector<ExactCurvePoint>& curve, const Rational& delta) {
  return eventual_of(brackets_of(curve), delta);
}
CurveSampleSize first_crossing(const std::vector<CurvePoint>& curve, const Rational& delta) {
  return first_crossing_of(brackets_of(curve), delta);
}
CurveSampleSize first_crossing(const std::vector<ExactCurvePoint>& curve, const Rational& delta) {
  return first_crossing_of(brackets_of(curve), delta);
}

targets::Distribution distribution_of(const std::vector<Rational>& probabilities) {
  if (probabilities.empty()) throw std::invalid_argument("need at least one probability");
  Rational sum = 0;
  Integer total = 1;
  for (const auto& p : probabilities) {
    if (p < 0) throw std::invalid_argument("probabilities must be >= 0");
    sum += p;
    total = boost::multiprecision::lcm(total, denominator(p));
  }
  if (sum != 1) throw std::invalid_argument("probabilities sum to " + to_string(sum) + ", not 1");
  if (total > std::numeric_limits<std::int64_t>::max()) {
    throw std::invalid_argument("the common denominator of p exceeds 2^63");
  }
  targets::Distribution law;
  law.total = total.convert_to<std::int64_t>();
  for (const auto& p : probabilities) {
    law.weights.push_back(
        Integer(numerator(p) * (total / denominator(p))).convert_to<std::int64_t>());
  }
  return law;
}

}  // namespace elicit::engine
