// Clopper–Pearson intervals, the three verdicts, and log-log slopes: known answers.
#include "sim/stats/clopper_pearson.h"
#include "sim/stats/loglog_fit.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace elicit;
using namespace elicit::stats;

TEST_CASE("Clopper-Pearson limits at the boundaries have closed forms", "[stats]") {
  // F = 0: upper = 1 − (α/2)^(1/T); F = T: lower = (α/2)^(1/T).
  const auto none = clopper_pearson(0, 10, 0.95);
  CHECK(none.lower == 0);
  CHECK(none.upper == Approx(1 - std::pow(0.025, 0.1)).epsilon(1e-10));
  const auto all = clopper_pearson(10, 10, 0.95);
  CHECK(all.lower == Approx(std::pow(0.025, 0.1)).epsilon(1e-10));
  CHECK(all.upper == 1);
  const auto half = clopper_pearson(50, 100, 0.95);  // textbook value [0.3983, 0.6017]
  CHECK(half.lower == Approx(0.3983).margin(1e-4));
  CHECK(half.upper == Approx(0.6017).margin(1e-4));
}

TEST_CASE("verdicts: HOLDS below delta, VIOLATED above, INCONCLUSIVE near it", "[stats][verdict]") {
  const Rational delta(1, 20), confidence(99, 100);
  CHECK(decide_verdict(0, 1000, delta, confidence) == Verdict::holds);
  CHECK(decide_verdict(20, 1000, delta, confidence) == Verdict::holds);
  CHECK(decide_verdict(500, 1000, delta, confidence) == Verdict::violated);
  CHECK(decide_verdict(90, 1000, delta, confidence) == Verdict::violated);
  CHECK(decide_verdict(50, 1000, delta, confidence) == Verdict::inconclusive);
  CHECK(decide_verdict(0, 10, delta, confidence) ==
        Verdict::inconclusive);  // too few trials to say
  // The verdict agrees with the interval it is defined by.
  for (std::int64_t f = 0; f <= 200; f += 7) {
    const auto ci = clopper_pearson(f, 1000, 0.99);
    const auto v = decide_verdict(f, 1000, delta, confidence);
    INFO("F = " << f << " CI [" << ci.lower << ", " << ci.upper << "]");
    CHECK((v == Verdict::holds) == (ci.upper <= 0.05));
    CHECK((v == Verdict::violated) == (ci.lower > 0.05));
  }
}

TEST_CASE("log-log fits recover power laws exactly", "[stats][fit]") {
  const std::vector<double> x = {1, 2, 4, 8, 16};
  std::vector<double> y;
  for (double v : x) y.push_back(3 * v * v);
  const auto fit = fit_loglog_slope(x, y, 0.95);
  CHECK(fit.slope == Approx(2).epsilon(1e-12));
  CHECK(fit.upper - fit.lower == Approx(0).margin(1e-9));
  CHECK(std::exp(fit.intercept) == Approx(3).epsilon(1e-12));
  CHECK_THROWS(fit_loglog_slope({1}, {1}, 0.95));
  CHECK_THROWS(fit_loglog_slope({1, 2}, {1, -1}, 0.95));
}

TEST_CASE("the slope range over y intervals holds every choice of y and is tight", "[stats][fit]") {
  const std::vector<double> x = {1, 2, 4, 8};
  const std::vector<double> lower = {10, 18, 41, 75}, upper = {12, 22, 44, 90};
  const auto range = loglog_slope_range(x, lower, upper);
  // Degenerate intervals give the fitted slope itself.
  const auto exact = loglog_slope_range(x, lower, lower);
  CHECK(exact.lower == Approx(fit_loglog_slope(x, lower, 0.95).slope).epsilon(1e-12));
  CHECK(exact.upper == Approx(exact.lower).epsilon(1e-12));
  // Every choice of ys within their intervals fits a slope inside the range, and
  // the ends are attained at corners.
  bool reached_lower = false, reached_upper = false;
  for (int corner = 0; corner < 16; ++corner) {
    std::vector<double> y;
    for (int i = 0; i < 4; ++i) y.push_back((corner >> i) & 1 ? upper[i] : lower[i]);
    const double slope = fit_loglog_slope(x, y, 0.95).slope;
    CHECK(slope >= range.lower - 1e-12);
    CHECK(slope <= range.upper + 1e-12);
    reached_lower = reached_lower || std::abs(slope - range.lower) < 1e-12;
    reached_upper = reached_upper || std::abs(slope - range.upper) < 1e-12;
  }
  CHECK(reached_lower);
  CHECK(reached_upper);
}
