// The verdict procedures' error levels, computed exactly (docs/statistics.md): the
// sequential test keeps its stated error at every true rate, and the fixed-look
// Clopper–Pearson scheme elicit used before does not.
#include "sim/stats/operating_characteristic.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace elicit;
using namespace elicit::stats;

namespace {

// True rates around delta: delta itself, within 1% of it, and further out.
std::vector<double> rates_around(double delta) {
  std::vector<double> rates = {0.0,         delta / 4, delta / 2, 0.9 * delta,
                               1.1 * delta, 2 * delta, 4 * delta};
  for (double relative : {-0.01, -0.005, -0.001, 0.0, 0.001, 0.005, 0.01})
    rates.push_back(delta * (1 + relative));
  return rates;
}

// A verdict procedure keeps error level `alpha` when a wrong verdict (VIOLATED
// while p <= delta, HOLDS while p >= delta) has probability at most alpha.
bool keeps_error_level(const StoppingRule& rule, double delta, double alpha) {
  bool kept = true;
  for (double p : rates_around(delta)) {
    const auto oc = operating_characteristic(rule, p);
    const double wrong = (p <= delta ? oc.violated : 0.0) + (p >= delta ? oc.holds : 0.0);
    INFO("p = " << p << ": P(HOLDS) = " << oc.holds << ", P(VIOLATED) = " << oc.violated
                << ", error bound " << oc.error_bound);
    if (wrong - oc.error_bound > alpha) kept = false;
  }
  return kept;
}

// Every path of n Bernoulli trials, one by one: the operating characteristic by
// brute force, for tiny rules.
OperatingCharacteristic enumerate_paths(const StoppingRule& rule, double p) {
  OperatingCharacteristic oc;
  const std::int64_t n = rule.trials();
  for (std::uint64_t path = 0; path < (1ULL << n); ++path) {
    double probability = 1;
    std::int64_t failures = 0, trials = 0;
    int verdict = 0;  // 0 running, 1 holds, 2 violated
    for (std::int64_t t = 0; t < n; ++t) {
      const bool failed = (path >> t) & 1;
      probability *= failed ? p : 1 - p;
      ++trials;
      failures += failed ? 1 : 0;
      if (failures <= rule.holds_at_most[static_cast<std::size_t>(t)]) verdict = 1;
      if (failures >= rule.violated_from[static_cast<std::size_t>(t)]) verdict = 2;
      if (verdict) break;
    }
    // A path that stopped early stands for all its continuations: count it once.
    const std::uint64_t used = (1ULL << trials) - 1;
    if ((path & ~used) != 0) continue;
    (verdict == 1 ? oc.holds : verdict == 2 ? oc.violated : oc.inconclusive) += probability;
    oc.expected_trials += probability * static_cast<double>(trials);
  }
  return oc;
}

}  // namespace

TEST_CASE("the dynamic program equals brute-force enumeration of every path", "[stats][oc]") {
  StoppingRule rule;
  // An arbitrary rule over 12 trials with looks of both kinds.
  for (std::int64_t n = 1; n <= 12; ++n) {
    rule.holds_at_most.push_back(n % 3 == 0 ? n / 6 : -1);
    rule.violated_from.push_back(n % 4 == 0 ? n / 2 + 1 : n + 1);
  }
  for (double p : {0.05, 0.3, 0.5, 0.9}) {
    const auto dp = operating_characteristic(rule, p);
    const auto brute = enumerate_paths(rule, p);
    CHECK(dp.holds == Approx(brute.holds).margin(1e-14));
    CHECK(dp.violated == Approx(brute.violated).margin(1e-14));
    CHECK(dp.inconclusive == Approx(brute.inconclusive).margin(1e-14));
    CHECK(dp.expected_trials == Approx(brute.expected_trials).margin(1e-12));
    CHECK(dp.holds + dp.violated + dp.inconclusive == Approx(1).margin(1e-14));
  }
}

TEST_CASE("fixed-look Clopper-Pearson: the exact levels of docs/statistics.md", "[stats][oc]") {
  // 99% Clopper-Pearson after 1k, 2k, 4k, 8k, 16k trials at p = delta = 0.05.
  const auto old =
      clopper_pearson_at_looks(Rational(1, 20), Rational(99, 100), {1000, 2000, 4000, 8000, 16000});
  const auto oc = operating_characteristic(old, 0.05);
  CHECK(oc.violated == Approx(0.0171).margin(0.0001));
  CHECK(oc.holds == Approx(0.0176).margin(0.0001));
  // One look alone keeps its level: 0.0035 each side.
  const auto single = operating_characteristic(
      clopper_pearson_at_looks(Rational(1, 20), Rational(99, 100), {1000}), 0.05);
  CHECK(single.violated == Approx(0.0035).margin(0.0001));
}

TEST_CASE(
    "the sequential test keeps its error level at every true rate, the doubling scheme "
    "does not",
    "[stats][oc]") {
  const double delta = 0.05, alpha = 0.01;
  const SequentialTest test(Rational(1, 20), alpha, 16000);
  CHECK(keeps_error_level(stopping_rule(test), delta, alpha));
  // The same check, applied to the scheme it replaced, fails: at p = delta it says
  // VIOLATED with probability 0.017 > 0.01 (and HOLDS with 0.018).
  const auto old =
      clopper_pearson_at_looks(Rational(1, 20), Rational(99, 100), {1000, 2000, 4000, 8000, 16000});
  CHECK_FALSE(keeps_error_level(old, delta, alpha));
  // And a naive sequential test — the fixed-n binomial test at every trial — fails too.
  StoppingRule naive;
  for (std::int64_t n = 1; n <= 4000; ++n) {
    const auto [holds, violated] =
        clopper_pearson_boundaries(n, Rational(1, 20), Rational(99, 100));
    naive.holds_at_most.push_back(holds);
    naive.violated_from.push_back(violated);
  }
  CHECK_FALSE(keeps_error_level(naive, delta, alpha));
}

TEST_CASE("the sequential test stops early when the rate is far from delta", "[stats][oc]") {
  const SequentialTest test(Rational(1, 20), 0.01, 16000);
  const auto rule = stopping_rule(test);
  const auto far_above = operating_characteristic(rule, 0.5);
  const auto zero = operating_characteristic(rule, 0.0);
  const auto at_delta = operating_characteristic(rule, 0.05);
  INFO("E[trials]: p = 0.5: " << far_above.expected_trials << ", p = 0: " << zero.expected_trials
                              << ", p = delta: " << at_delta.expected_trials);
  CHECK(far_above.violated > 0.999);
  CHECK(far_above.expected_trials < 40);
  CHECK(zero.holds == 1);
  CHECK(zero.expected_trials < 200);
  CHECK(at_delta.inconclusive > 0.98);  // at delta itself it cannot decide
}
