// T1's exactness: the K-layer transformer equals K exact GD steps on a grid of
// (d, N, K); double precision drifts, by an amount computed exactly and checked on
// hand examples; the experiment's exact error is 0 and its replays compare.
#include "sim/engine/setting_error.h"
#include "sim/experiments/gd_exactness_experiment.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace elicit;
using namespace elicit::experiments;
using transformer::LabelledPoint;

TEST_CASE("the double drift on hand examples", "[experiments][t1]") {
  // d = N = K = 1, eta = 1/10, x = y = 1, query 1: the prediction is eta·y·x·x_q = 1/10,
  // and in double 0.1 = 3602879701896397/2^55, which is 1/10 + 1/180143985094819840.
  const std::vector<LabelledPoint> one = {{{Rational(1)}, Rational(1)}};
  const auto c = compare_gd(one, {{Rational(1)}}, 1, Rational(1, 10));
  CHECK(c.predictions == 1);
  CHECK(c.exact_differences == 0);
  CHECK(c.largest_exact_difference == 0);
  CHECK(c.drifting == 1);
  CHECK(c.largest_drift == Rational(Integer(1), Integer("180143985094819840")));
  CHECK(c.mean_drift == to_double(c.largest_drift));
  CHECK(c.dimension == 1);
  CHECK(c.examples == 1);
  CHECK(c.steps == 1);

  // eta = 1/2 on integers: every value is dyadic (w_1 = 1/2, w_2 = 3/4), so double is exact.
  const auto dyadic = compare_gd(one, {{Rational(1)}, {Rational(3)}}, 2, Rational(1, 2));
  CHECK(dyadic.drifting == 0);
  CHECK(dyadic.largest_drift == 0);
  CHECK(dyadic.mean_drift == 0);

  CHECK_THROWS(compare_gd({}, {{Rational(1)}}, 1, Rational(1, 2)));
  CHECK_THROWS(compare_gd(one, {{Rational(1)}}, 1, Rational(0)));
}

TEST_CASE("a double run that overflows is the setting's fault, not a crash", "[experiments][t1]") {
  // eta = 1e400 is inf in double: the prediction was NaN, and asking GMP for its exact
  // value stopped the process with SIGFPE (exit 136).
  const std::vector<LabelledPoint> one = {{{Rational(1)}, Rational(1)}};
  CHECK_THROWS_AS(compare_gd(one, {{Rational(1)}}, 1, parse_rational("1e400")),
                  engine::SettingError);
  CHECK_THROWS_WITH(
      compare_gd(one, {{Rational(1)}}, 1, parse_rational("1e400")),
      Catch::Contains("(it overflowed) at K = 1") && Catch::Contains("lower eta, K or the inputs"));
}

TEST_CASE("merging comparisons adds counts and combines maxima and means", "[experiments][t1]") {
  GdComparison total, a, b;
  a.predictions = 2;
  a.drifting = 1;
  a.largest_drift = Rational(1, 8);
  a.mean_drift = 0.25;
  b.dimension = 3;
  b.examples = 4;
  b.steps = 2;
  b.predictions = 6;
  b.exact_differences = 1;
  b.largest_exact_difference = Rational(1, 3);
  b.largest_drift = Rational(1, 16);
  b.mean_drift = 0.5;
  merge_into(total, a);
  merge_into(total, b);
  CHECK(total.predictions == 8);
  CHECK(total.drifting == 1);
  CHECK(total.exact_differences == 1);
  CHECK(total.largest_exact_difference == Rational(1, 3));
  CHECK(total.largest_drift == Rational(1, 8));
  CHECK(total.mean_drift == Approx((2 * 0.25 + 6 * 0.5) / 8));
  CHECK(total.dimension == 3);
}

TEST_CASE("over a grid of (d, N, K) the transformer equals GD exactly, double drifts",
          "[experiments][t1]") {
  GdGridSettings grid;  // d <= 4, N in {1, 2, 5, 10}, K <= 4, eta = 1/10, fractions p/q
  grid.datasets = 4;
  grid.queries = 3;
  const GdGridReport report = gd_exactness_grid(grid);
  REQUIRE(report.cells.size() == 64);
  CHECK(report.exact_differences() == 0);
  int drifting_cells = 0;
  double largest = 0;
  for (const auto& c : report.cells) {
    REQUIRE(c.predictions == 12);
    REQUIRE(c.largest_exact_difference == 0);
    drifting_cells += c.drifting > 0 ? 1 : 0;
    largest = std::max(largest, to_double(c.largest_drift));
  }
  REQUIRE(report.first_drift);
  CHECK(report.cells[*report.first_drift].drifting > 0);
  for (std::size_t i = 0; i < *report.first_drift; ++i) CHECK(report.cells[i].drifting == 0);
  CHECK(drifting_cells > 32);
  CHECK(largest > 0);
  CHECK(largest < 1e-10);  // double is close, never equal everywhere
  WARN("T1 grid: " << drifting_cells << "/64 cells drift, largest " << largest << ", first at cell "
                   << *report.first_drift);
}

TEST_CASE("with dyadic rates on integers the drift starts at the first N not a power of two",
          "[experiments][t1]") {
  GdGridSettings grid;
  grid.dimensions = {1, 2};
  grid.examples = {1, 2, 3, 4};
  grid.steps = {1, 2};
  grid.eta = Rational(1, 2);
  grid.inputs = {targets::InputKind::lattice, 1, 3};
  grid.datasets = 6;
  const GdGridReport report = gd_exactness_grid(grid);
  CHECK(report.exact_differences() == 0);
  for (const auto& c : report.cells) {
    // eta/N = 1/(2N) and integer data: every value is dyadic (and small) unless N = 3.
    if (c.examples != 3) REQUIRE(c.drifting == 0);
  }
  REQUIRE(report.first_drift);
  CHECK(report.cells[*report.first_drift].examples == 3);
  CHECK(report.cells[*report.first_drift].dimension == 1);
}

TEST_CASE("the T1 experiment: exact difference 0, drift measured, replays compare",
          "[experiments][t1]") {
  GdExactnessSettings s;
  s.inputs = {targets::InputKind::fractions, 2, 6, 0, 7};
  s.steps = 3;
  s.queries = 4;
  const GdExactnessExperiment exact({4, 0, 8}, s);
  s.measure = GdMeasure::double_drift;
  const GdExactnessExperiment drift({4, 0, 8}, s);
  CHECK(exact.target_law().values == drift.target_law().values);
  int drifted = 0;
  for (std::uint64_t trial = 0; trial < 10; ++trial) {
    const std::int64_t n = 1 + static_cast<std::int64_t>(trial);
    REQUIRE(exact.error(n, trial) == 0);
    const Rational d = drift.error(n, trial);
    REQUIRE(d == exact.comparison(n, trial).largest_drift);
    drifted += d > 0 ? 1 : 0;
    REQUIRE(exact.replay(n, trial, 100).ran);
    // The instance: y = w*·x + e, so the teacher is recoverable from noise-free parts.
    REQUIRE(exact.instance(n, trial).examples.size() == static_cast<std::size_t>(n));
  }
  CHECK(drifted > 5);
  CHECK_FALSE(exact.replay(200, 0, 100).ran);
  // The replay's comparison fails on a wrong fine-tuned prediction.
  const auto i = exact.instance(6, 2);
  std::vector<Rational> heads;
  for (const auto& q : i.queries)
    heads.push_back(transformer::gradient_descent_prediction(i.examples, q, 3, Rational(1, 10)));
  CHECK_NOTHROW(require_gd_replay(i.examples, i.queries, 3, Rational(1, 10), heads, "ok"));
  heads[1] += Rational(1, 1000000);
  CHECK_THROWS_AS(require_gd_replay(i.examples, i.queries, 3, Rational(1, 10), heads, "bad"),
                  engine::ReplayMismatch);
  CHECK_THROWS_WITH(exact.error(5000, 0), Catch::Contains("N must be in [1, 4096]"));
  GdExactnessSettings bad = s;
  bad.steps = 0;
  CHECK_THROWS_WITH(GdExactnessExperiment({4, 0, 8}, bad), Catch::Contains("K must be"));
}

TEST_CASE("the T1 experiment's trial facts: both measures, whatever the error measures",
          "[experiments][t1]") {
  GdExactnessSettings s;
  s.steps = 2;
  s.queries = 3;
  const GdExactnessExperiment e({5, 0, 9}, s);
  for (std::uint64_t trial = 0; trial < 5; ++trial) {
    const auto c = e.comparison(8, trial);
    const auto facts = e.trial_facts(8, trial);
    REQUIRE(facts.size() == 3);
    CHECK(facts[0].name == "largest_exact_difference");
    CHECK(facts[0].value == 0);
    CHECK(facts[1].name == "largest_double_drift");
    CHECK(facts[1].value == c.largest_drift);
    CHECK_FALSE(facts[1].summed);
    CHECK(facts[2].name == "drifting_predictions");
    CHECK(facts[2].value == c.drifting);
    CHECK(facts[2].summed);
  }
}
