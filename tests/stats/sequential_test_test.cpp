// The sequential test's boundaries are its definition, computed incrementally: they
// must agree with the direct test at every (n, S), and its interval with them.
#include "sim/stats/sequential_test.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace elicit;
using namespace elicit::stats;

TEST_CASE("the verdict at every failure count equals the direct definition",
          "[stats][sequential]") {
  for (const Rational& delta : {Rational(1, 20), Rational(1, 2), Rational(4, 5), Rational(1, 3)}) {
    const double d = to_double(delta);
    for (double alpha : {0.01, 0.001}) {
      const SequentialTest test(delta, alpha, 400);
      for (std::int64_t n = 1; n <= 400; ++n) {
        for (std::int64_t s = 0; s <= n; ++s) {
          const bool out = excluded(n, s, d, alpha);
          const Verdict expected = !out                     ? Verdict::inconclusive
                                   : Rational(s, n) < delta ? Verdict::holds
                                   : Rational(s, n) > delta ? Verdict::violated
                                                            : Verdict::inconclusive;
          INFO("delta = " << to_string(delta) << ", alpha = " << alpha << ", n = " << n
                          << ", S = " << s);
          REQUIRE(test.decide(n, s) == expected);
        }
      }
    }
  }
}

TEST_CASE("the interval holds S/n, its ends are excluded rates, and it matches the verdict",
          "[stats][sequential]") {
  const SequentialTest test(Rational(1, 20), 0.01, 2000);
  for (std::int64_t n : {1, 10, 100, 1000, 2000}) {
    for (std::int64_t s : {std::int64_t{0}, n / 20, n / 10, n / 2, n}) {
      const auto ci = test.interval(n, s);
      const double center = static_cast<double>(s) / static_cast<double>(n);
      CHECK(ci.lower <= center);
      CHECK(center <= ci.upper);
      if (ci.lower > 0) CHECK(excluded(n, s, ci.lower * (1 - 1e-9), 0.01));
      if (ci.upper < 1) CHECK(excluded(n, s, ci.upper * (1 + 1e-9) + 1e-300, 0.01));
      const Verdict v = test.decide(n, s);
      CHECK((v == Verdict::holds) == (ci.upper < 0.05));
      CHECK((v == Verdict::violated) == (ci.lower > 0.05));
    }
  }
}

TEST_CASE("the fewest trials that can HOLD, and the indifference zone at the cap",
          "[stats][sequential]") {
  // With no failure the weight is (n + 1)·0.95^n: first <= 0.01 at n = 151.
  const SequentialTest test(Rational(1, 20), 0.01, 10000);
  REQUIRE(test.fewest_trials_to_hold());
  const auto n = *test.fewest_trials_to_hold();
  const auto trials = static_cast<double>(n);
  CHECK((trials + 1) * std::pow(0.95, trials) <= 0.01);
  CHECK(trials * std::pow(0.95, trials - 1) > 0.01);
  CHECK_FALSE(SequentialTest(Rational(1, 20), 0.01, 100).fewest_trials_to_hold());
  // The zone is exactly the counts strictly between the two boundaries at the cap.
  const auto zone = test.indifference_zone();
  CHECK(zone.lower * 10000 == Approx(static_cast<double>(test.holds_at_most(10000) + 1)));
  CHECK(zone.upper * 10000 == Approx(static_cast<double>(test.violated_from(10000) - 1)));
  CHECK(zone.lower < 0.05);
  CHECK(0.05 < zone.upper);
}
