#include "sim/stats/sequential_test.h"

#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <stdexcept>

namespace elicit::stats {
namespace {

// lgamma in double precision (Boost would otherwise promote to long double), and
// without the global sign variable of the C library's lgamma.
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
double log_gamma(double x) { return boost::math::lgamma(x, DoublePolicy()); }

double log_choose(std::int64_t n, std::int64_t k) {
  return log_gamma(static_cast<double>(n) + 1) - log_gamma(static_cast<double>(k) + 1) -
         log_gamma(static_cast<double>(n - k) + 1);
}

// A bound on the absolute rounding error of log_mixture_weight, with room to spare:
// each term is computed to a few ulps of its own size.
double rounding_margin(std::int64_t trials, std::int64_t failures, double p) {
  const auto n = static_cast<double>(trials), s = static_cast<double>(failures);
  const double size = log_gamma(n + 1) + s * std::abs(std::log(p)) +
                      (n - s) * std::abs(std::log1p(-p)) + std::log(n + 1) + 1;
  return 1e-10 * size;
}

}  // namespace

double log_mixture_weight(std::int64_t trials, std::int64_t failures, double p) {
  const auto n = static_cast<double>(trials), s = static_cast<double>(failures);
  double value = std::log(n + 1) + log_choose(trials, failures);
  if (failures > 0) value += s * std::log(p);
  if (failures < trials) value += (n - s) * std::log1p(-p);
  return value;
}

bool excluded(std::int64_t trials, std::int64_t failures, double p, double alpha) {
  return log_mixture_weight(trials, failures, p) <=
         std::log(alpha) - rounding_margin(trials, failures, p);
}

SequentialTest::SequentialTest(const Rational& delta, double alpha, std::int64_t max_trials)
    : delta_(delta), delta_value_(to_double(delta)), alpha_(alpha), max_trials_(max_trials) {
  if (delta <= 0 || delta >= 1) throw std::invalid_argument("SequentialTest: delta not in (0, 1)");
  if (!(alpha > 0 && alpha < 1)) throw std::invalid_argument("SequentialTest: alpha not in (0, 1)");
  if (max_trials < 1) throw std::invalid_argument("SequentialTest: max_trials < 1");
}

bool SequentialTest::below_delta(std::int64_t failures, std::int64_t trials) const {
  return Rational(failures, trials) < delta_;
}

bool SequentialTest::above_delta(std::int64_t failures, std::int64_t trials) const {
  return Rational(failures, trials) > delta_;
}

void SequentialTest::extend_to(std::int64_t n_last) const {
  // On each side of the mode of Bin(n, δ) the weight is monotone in S, so each
  // decision region is a tail; the tails move by a step or two as n grows, so each
  // boundary is found from the previous one.
  std::int64_t n = static_cast<std::int64_t>(holds_at_most_.size());
  std::int64_t low = n > 0 ? holds_at_most_.back() : -1;
  std::int64_t high = n > 0 ? violated_from_.back() : 1;
  for (++n; n <= n_last; ++n) {
    while (low >= 0 && !excluded(n, low, delta_value_, alpha_)) --low;
    while (low + 1 <= n && below_delta(low + 1, n) && excluded(n, low + 1, delta_value_, alpha_))
      ++low;
    if (low >= 0 && !below_delta(low, n)) low = -1;
    while (high <= n && (!above_delta(high, n) || !excluded(n, high, delta_value_, alpha_))) ++high;
    while (high - 1 >= 0 && above_delta(high - 1, n) && excluded(n, high - 1, delta_value_, alpha_))
      --high;
    high = std::min(high, n + 1);
    holds_at_most_.push_back(low);
    violated_from_.push_back(high);
  }
}

std::int64_t SequentialTest::holds_at_most(std::int64_t n) const {
  if (n < 1 || n > max_trials_) throw std::out_of_range("SequentialTest: n beyond the cap");
  extend_to(n);
  return holds_at_most_[static_cast<std::size_t>(n - 1)];
}

std::int64_t SequentialTest::violated_from(std::int64_t n) const {
  if (n < 1 || n > max_trials_) throw std::out_of_range("SequentialTest: n beyond the cap");
  extend_to(n);
  return violated_from_[static_cast<std::size_t>(n - 1)];
}

Verdict SequentialTest::decide(std::int64_t trials, std::int64_t failures) const {
  if (trials < 1 || trials > max_trials_) return Verdict::inconclusive;
  if (failures <= holds_at_most(trials)) return Verdict::holds;
  if (failures >= violated_from(trials)) return Verdict::violated;
  return Verdict::inconclusive;
}

Interval SequentialTest::interval(std::int64_t trials, std::int64_t failures) const {
  if (trials < 1) return {0, 1};
  const double center = static_cast<double>(failures) / static_cast<double>(trials);
  // The weight falls monotonically away from S/n on each side: bisect for the edges.
  auto edge = [&](double inside, double outside) {
    if (!excluded(trials, failures, outside, alpha_)) return outside;
    for (int i = 0; i < 100; ++i) {
      const double middle = (inside + outside) / 2;
      (excluded(trials, failures, middle, alpha_) ? outside : inside) = middle;
    }
    return inside;
  };
  return {failures == 0 ? 0.0 : edge(center, 0.0), failures == trials ? 1.0 : edge(center, 1.0)};
}

std::optional<std::int64_t> SequentialTest::fewest_trials_to_hold() const {
  // With no failure the weight is (n + 1)(1 − δ)^n, decreasing once n > 1/δ.
  for (std::int64_t n = 1; n <= max_trials_; ++n) {
    if (excluded(n, 0, delta_value_, alpha_)) return n;
  }
  return std::nullopt;
}

Interval SequentialTest::indifference_zone() const {
  // The boundaries at the cap, by bisection on each monotone tail around nδ.
  const std::int64_t n = max_trials_;
  const Rational mean = delta_ * n;
  const Integer ceiling = (numerator(mean) + denominator(mean) - 1) / denominator(mean);
  const std::int64_t below = ceiling.convert_to<std::int64_t>() - 1;  // largest S < nδ
  auto is_excluded = [&](std::int64_t s) { return excluded(n, s, delta_value_, alpha_); };
  std::int64_t holds = -1;
  if (below >= 0 && is_excluded(0)) {
    std::int64_t low = 0, high = below + 1;  // excluded at low; high is past the tail
    while (high - low > 1) {
      const std::int64_t mid = low + (high - low) / 2;
      (is_excluded(mid) ? low : high) = mid;
    }
    holds = low;
  }
  std::int64_t violated = n + 1;
  const std::int64_t above = below + 1 + (Rational(below + 1, n) == delta_ ? 1 : 0);  // > nδ
  if (above <= n && is_excluded(n)) {
    std::int64_t low = above - 1, high = n;  // high excluded; low before the tail
    while (high - low > 1) {
      const std::int64_t mid = low + (high - low) / 2;
      (is_excluded(mid) ? high : low) = mid;
    }
    violated = high;
  }
  return {static_cast<double>(holds + 1) / static_cast<double>(n),
          static_cast<double>(violated - 1) / static_cast<double>(n)};
}

}  // namespace elicit::stats
