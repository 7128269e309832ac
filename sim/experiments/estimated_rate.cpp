#include "sim/experiments/estimated_rate.h"

#include <boost/math/distributions/binomial.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace elicit::experiments {
namespace {

constexpr double kMargin = 1e-9;  // relative: a tail closer than this to β is not trusted

// The double nearest to `value` on the side `upward` names (value itself when exact).
double rounded(const Rational& value, bool upward) {
  const double near = to_double(value);
  const Rational exact(near);
  if (exact == value) return near;
  const bool above = exact > value;
  if (above == upward) return near;
  return std::nextafter(near, upward ? std::numeric_limits<double>::infinity()
                                     : -std::numeric_limits<double>::infinity());
}

}  // namespace

engine::TrialFailure bracket_estimated_rate(std::int64_t hits, std::int64_t points,
                                            const Rational& eps, double level) {
  if (points < 1 || hits < 0 || hits > points)
    throw std::invalid_argument("bracket_estimated_rate: bad counts");
  if (!(level > 0 && level < 1))
    throw std::invalid_argument("bracket_estimated_rate: the level must be in (0, 1)");
  // A rate is in [0, 1]: it never exceeds ε >= 1 and always exceeds ε < 0; at ε = 0
  // one hit proves p > 0, and no sample excludes it.
  if (eps >= 1) return {false, false};
  if (eps < 0) return {true, true};
  if (eps == 0) return {hits > 0, true};
  const double bar = level * (1 - kMargin);
  const auto m = static_cast<double>(points);
  const auto h = static_cast<double>(hits);
  bool surely = false;
  if (hits > 0) {
    const boost::math::binomial_distribution<> above(m, rounded(eps, true));
    surely = boost::math::cdf(boost::math::complement(above, h - 1)) < bar;  // P(Bin >= H)
  }
  bool possibly = true;
  if (hits < points) {
    const boost::math::binomial_distribution<> below(m, rounded(eps, false));
    possibly = !(boost::math::cdf(below, h) < bar);  // P(Bin <= H)
  }
  return {surely, possibly};
}

}  // namespace elicit::experiments
