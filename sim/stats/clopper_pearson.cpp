#include "sim/stats/clopper_pearson.h"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>

#include <cmath>
#include <stdexcept>

namespace elicit::stats {

Interval clopper_pearson(std::int64_t failures, std::int64_t trials, double confidence) {
  if (trials <= 0 || failures < 0 || failures > trials)
    throw std::invalid_argument("clopper_pearson: bad counts");
  const double alpha = 1 - confidence;
  const auto f = static_cast<double>(failures);
  const auto t = static_cast<double>(trials);
  Interval ci;
  ci.lower = failures == 0
                 ? 0.0
                 : boost::math::quantile(boost::math::beta_distribution<>(f, t - f + 1), alpha / 2);
  ci.upper =
      failures == trials
          ? 1.0
          : boost::math::quantile(boost::math::beta_distribution<>(f + 1, t - f), 1 - alpha / 2);
  return ci;
}

Verdict decide_verdict(std::int64_t failures, std::int64_t trials, const Rational& delta,
                       const Rational& confidence) {
  if (trials <= 0) return Verdict::inconclusive;
  const double half_alpha = to_double(1 - confidence) / 2;
  const boost::math::binomial_distribution<> law(static_cast<double>(trials), to_double(delta));
  const auto f = static_cast<double>(failures);
  constexpr double kMargin = 1e-9;  // relative: closer than this is too close to call
  auto clearly_below = [&](double tail) { return tail < half_alpha * (1 - kMargin); };
  // upper <= δ  <=>  P(Bin(T, δ) <= F) <= α/2
  if (clearly_below(boost::math::cdf(law, f))) return Verdict::holds;
  // lower > δ  <=>  P(Bin(T, δ) >= F) < α/2, and the lower limit is 0 when F = 0
  if (failures > 0 && clearly_below(boost::math::cdf(boost::math::complement(law, f - 1)))) {
    return Verdict::violated;
  }
  return Verdict::inconclusive;
}

}  // namespace elicit::stats
