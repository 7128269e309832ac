#include "sim/stats/one_sided_mixture.h"

#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace elicit::stats {
namespace {

using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
double log_gamma(double x) { return boost::math::lgamma(x, DoublePolicy()); }

double log_beta(double a, double b) { return log_gamma(a) + log_gamma(b) - log_gamma(a + b); }

// ln A_n, or ln B_n when `upper`: the closed form of the header, with the prior's and
// the posterior's mass below (or above) δ.
double log_mixture(std::int64_t trials, std::int64_t failures, double delta,
                   TruncatedBetaPrior prior, bool upper) {
  const auto n = static_cast<double>(trials), s = static_cast<double>(failures);
  const double a = s + prior.a, b = n - s + prior.b;
  const double posterior =
      upper ? boost::math::ibetac(a, b, delta) : boost::math::ibeta(a, b, delta);
  const double prior_mass = upper ? boost::math::ibetac(prior.a, prior.b, delta)
                                  : boost::math::ibeta(prior.a, prior.b, delta);
  if (!(posterior > 0)) return -std::numeric_limits<double>::infinity();  // far on the other side
  double value =
      log_beta(a, b) - log_beta(prior.a, prior.b) + std::log(posterior) - std::log(prior_mass);
  if (failures > 0) value -= s * std::log(delta);
  if (failures < trials) value -= (n - s) * std::log1p(-delta);
  return value;
}

// A bound on the absolute rounding error of log_mixture, with room to spare: each term
// is computed to a few ulps of its own size, and Boost's incomplete beta (evaluated in
// long double) to well under a relative 1e-12, an absolute 1e-12 once logged, below the
// margin's floor of 1e-9.
double rounding_margin(std::int64_t trials, std::int64_t failures, double delta,
                       TruncatedBetaPrior prior) {
  const auto n = static_cast<double>(trials), s = static_cast<double>(failures);
  const double size = 3 * log_gamma(n + prior.a + prior.b) + s * std::abs(std::log(delta)) +
                      (n - s) * std::abs(std::log1p(-delta)) + 10;
  return 1e-10 * size;
}

bool decides(std::int64_t trials, std::int64_t failures, double delta, double beta,
             TruncatedBetaPrior prior, bool upper) {
  return log_mixture(trials, failures, delta, prior, upper) >=
         -std::log(beta) + rounding_margin(trials, failures, delta, prior);
}

}  // namespace

TruncatedBetaPrior centred_prior(const Rational& delta, double a) {
  if (delta <= 0 || delta >= 1) throw std::invalid_argument("centred_prior: delta not in (0, 1)");
  return {a, a * to_double((Rational(1) - delta) / delta)};
}

double log_lower_mixture(std::int64_t trials, std::int64_t failures, double delta,
                         TruncatedBetaPrior prior) {
  return log_mixture(trials, failures, delta, prior, false);
}

double log_upper_mixture(std::int64_t trials, std::int64_t failures, double delta,
                         TruncatedBetaPrior prior) {
  return log_mixture(trials, failures, delta, prior, true);
}

bool one_sided_holds(std::int64_t trials, std::int64_t failures, double delta, double beta,
                     TruncatedBetaPrior prior) {
  return decides(trials, failures, delta, beta, prior, false);
}

bool one_sided_violated(std::int64_t trials, std::int64_t failures, double delta, double beta,
                        TruncatedBetaPrior prior) {
  return decides(trials, failures, delta, beta, prior, true);
}

StoppingRule one_sided_mixture_rule(const Rational& delta, double beta, std::int64_t max_trials,
                                    TruncatedBetaPrior prior) {
  if (delta <= 0 || delta >= 1)
    throw std::invalid_argument("one_sided_mixture: delta not in (0, 1)");
  if (!(beta > 0 && beta < 0.5))
    throw std::invalid_argument("one_sided_mixture: beta not in (0, 1/2)");
  if (!(prior.a > 0 && prior.b > 0))
    throw std::invalid_argument("one_sided_mixture: prior a, b <= 0");
  if (max_trials < 1) throw std::invalid_argument("one_sided_mixture: max_trials < 1");
  const double d = to_double(delta);
  StoppingRule rule;
  // A_n falls and B_n rises with S, so each region is a tail; its edge moves by a
  // step or two as n grows, so each is found from the previous one.
  std::int64_t low = -1, high = 1;
  for (std::int64_t n = 1; n <= max_trials; ++n) {
    while (low >= 0 && !decides(n, low, d, beta, prior, false)) --low;
    while (low + 1 <= n && decides(n, low + 1, d, beta, prior, false)) ++low;
    while (high <= n && !decides(n, high, d, beta, prior, true)) ++high;
    while (high - 1 > low && decides(n, high - 1, d, beta, prior, true)) --high;
    rule.holds_at_most.push_back(low);
    rule.violated_from.push_back(high);
  }
  return rule;
}

}  // namespace elicit::stats
