// The one-sided truncated-Beta mixtures (docs/sequential_efficiency.md): the closed
// form is the mixture it stands for, the rule is its definition at every count, each
// wrong verdict keeps the level per side at every true rate (computed exactly), and
// the expected numbers of trials are the ones the comparison quotes.
#include "sim/stats/one_sided_mixture.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace elicit;
using namespace elicit::stats;

namespace {

// ∫ over [from, to] of L_n(q)/L_n(δ) times the Beta(a, b) density, divided by the
// prior mass of [from, to]: Simpson's rule with std::lgamma, independent of the
// incomplete beta function the closed form uses.
double mixture_by_quadrature(std::int64_t n, std::int64_t s, double delta, TruncatedBetaPrior prior,
                             double from, double to) {
  const auto trials = static_cast<double>(n), failures = static_cast<double>(s);
  const double log_norm =
      std::lgamma(prior.a + prior.b) - std::lgamma(prior.a) - std::lgamma(prior.b);
  auto density = [&](double q) {
    return std::exp(log_norm + (prior.a - 1) * std::log(q) + (prior.b - 1) * std::log1p(-q));
  };
  auto ratio = [&](double q) {
    return std::exp(failures * std::log(q / delta) +
                    (trials - failures) * (std::log1p(-q) - std::log1p(-delta)));
  };
  const int steps = 200000;  // even
  const double h = (to - from) / steps;
  double mixture = 0, mass = 0;
  for (int i = 0; i <= steps; ++i) {
    const double q = from + h * i;
    const double weight = (i == 0 || i == steps) ? 1 : (i % 2 ? 4 : 2);
    if (q <= 0 || q >= 1) continue;  // the integrands vanish there for a, b >= 1
    mixture += weight * ratio(q) * density(q);
    mass += weight * density(q);
  }
  return mixture / mass;
}

// Each wrong verdict within beta: VIOLATED while p <= delta, HOLDS while p >= delta.
bool each_wrong_verdict_within(const StoppingRule& rule, double delta, double beta) {
  bool kept = true;
  for (double ratio : {0.0, 0.5, 0.8, 0.9, 0.99, 1.0, 1.01, 1.1, 1.25, 2.0}) {
    const double p = ratio * delta;
    const auto oc = operating_characteristic(rule, p);
    INFO("p = " << p << ": P(HOLDS) = " << oc.holds << ", P(VIOLATED) = " << oc.violated);
    if (p <= delta && oc.violated - oc.error_bound > beta) kept = false;
    if (p >= delta && oc.holds - oc.error_bound > beta) kept = false;
  }
  return kept;
}

const TruncatedBetaPrior kCentred = centred_prior(Rational(1, 20));  // Beta(2, 38)

}  // namespace

TEST_CASE("the closed form of the one-sided mixtures is the mixture", "[stats][one_sided]") {
  CHECK(kCentred.a == 2);
  CHECK(kCentred.b == 38);
  for (const TruncatedBetaPrior prior : {TruncatedBetaPrior{1, 1}, kCentred}) {
    for (const auto& [n, s] : {std::pair<std::int64_t, std::int64_t>{200, 3},
                               {200, 10},
                               {200, 25},
                               {1000, 30},
                               {1000, 80}}) {
      INFO("prior (" << prior.a << ", " << prior.b << "), n = " << n << ", S = " << s);
      const double lower = mixture_by_quadrature(n, s, 0.05, prior, 0, 0.05);
      const double upper = mixture_by_quadrature(n, s, 0.05, prior, 0.05, 1);
      CHECK(log_lower_mixture(n, s, 0.05, prior) == Approx(std::log(lower)).margin(1e-7));
      CHECK(log_upper_mixture(n, s, 0.05, prior) == Approx(std::log(upper)).margin(1e-7));
    }
  }
}

TEST_CASE("the one-sided rule is its definition at every failure count", "[stats][one_sided]") {
  for (const Rational& delta : {Rational(1, 20), Rational(1, 2), Rational(1, 3)}) {
    const double d = to_double(delta);
    for (const TruncatedBetaPrior prior : {TruncatedBetaPrior{1, 1}, TruncatedBetaPrior{2, 3}}) {
      const double beta = 5e-3;
      const auto rule = one_sided_mixture_rule(delta, beta, 300, prior);
      for (std::int64_t n = 1; n <= 300; ++n) {
        const std::size_t i = static_cast<std::size_t>(n - 1);
        for (std::int64_t s = 0; s <= n; ++s) {
          INFO("delta = " << d << ", n = " << n << ", S = " << s);
          const bool holds = one_sided_holds(n, s, d, beta, prior);
          const bool violated = one_sided_violated(n, s, d, beta, prior);
          REQUIRE((s <= rule.holds_at_most[i]) == holds);
          REQUIRE((s >= rule.violated_from[i]) == violated);
          // Deciding needs S/n on the right side of delta.
          if (holds) REQUIRE(Rational(s, n) < delta);
          if (violated) REQUIRE(Rational(s, n) > delta);
        }
      }
    }
  }
}

TEST_CASE("each wrong verdict of the one-sided mixtures stays within beta at every true rate",
          "[stats][one_sided]") {
  const double delta = 0.05, beta = 5e-4;
  for (const TruncatedBetaPrior prior : {TruncatedBetaPrior{1, 1}, kCentred}) {
    INFO("prior (" << prior.a << ", " << prior.b << ")");
    const auto rule = one_sided_mixture_rule(Rational(1, 20), beta, 100000, prior);
    CHECK(each_wrong_verdict_within(rule, delta, beta));
    // The guarantee is per side: at p = delta, where both verdicts are wrong, they add
    // up to more than beta (up to 2 beta), so beta = alpha/2 matches Robbins at alpha.
    const auto at_delta = operating_characteristic(rule, delta);
    INFO("P(HOLDS) = " << at_delta.holds << ", P(VIOLATED) = " << at_delta.violated);
    CHECK(at_delta.holds + at_delta.violated > beta);
    CHECK(at_delta.holds + at_delta.violated <= 2 * beta);
    // And the check can fail: the same rule does not keep a tenth of beta.
    CHECK_FALSE(each_wrong_verdict_within(rule, delta, beta / 10));
  }
}

TEST_CASE("expected trials of the centred one-sided mixture", "[stats][one_sided]") {
  // beta = 5e-4 per side (Robbins' guarantee at alpha = 1e-3), prior Beta(2, 38),
  // cut at 400,000 trials (inconclusive mass below 1e-18 at these rates).
  const auto rule = one_sided_mixture_rule(Rational(1, 20), 5e-4, 400000, kCentred);
  for (const auto& [ratio, expected] : {std::pair{0.8, 8042.282}, std::pair{0.9, 36100.524}}) {
    const auto oc = operating_characteristic(rule, ratio * 0.05);
    INFO("p/delta = " << ratio << ": " << oc.expected_trials << ", inconclusive "
                      << oc.inconclusive);
    CHECK(oc.expected_trials == Approx(expected).margin(0.01));
    CHECK(oc.inconclusive < 1e-18);
  }
}
