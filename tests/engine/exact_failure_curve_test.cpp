// The failure-curve DPs against enumeration, known exact values of docs/statistics.md (n*), the
// honesty of the double DP's error bound, m contexts, and n* read off a curve.
#include "sim/engine/exact_failure_curve.h"
#include "sim/engine/exact_enumeration.h"
#include "tests/random_instances.h"
#include "theory/bound.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

using namespace elicit;
using namespace elicit::engine;
using targets::Distribution;

namespace {

Distribution uniform(int symbols) {
  return Distribution{std::vector<std::int64_t>(static_cast<std::size_t>(symbols), 1), symbols};
}

Distribution law(std::vector<std::int64_t> weights) {
  const std::int64_t total = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
  return Distribution{std::move(weights), total};
}

std::vector<Rational> rationals(const Distribution& d) {
  std::vector<Rational> out;
  for (std::size_t v = 0; v < d.size(); ++v) out.push_back(d.probability(v));
  return out;
}

std::string text_of(const Distribution& d) {
  std::ostringstream out;
  for (std::size_t v = 0; v < d.size(); ++v) out << (v ? "," : "") << d.weights[v];
  out << " / " << d.total;
  return out.str();
}

// A random law on 2..4 symbols with small integer weights: some zero (symbols that never
// occur), some with common factors (not in lowest terms).
Distribution random_law(Stream& stream) {
  const int symbols = 2 + testing::draw(stream, 3);
  std::vector<std::int64_t> weights;
  for (int v = 0; v < symbols; ++v) {
    weights.push_back(testing::draw(stream, 6) == 0 ? 0 : 1 + testing::draw(stream, 12));
  }
  if (std::all_of(weights.begin(), weights.end(), [](std::int64_t w) { return w == 0; })) {
    weights[0] = 1;
  }
  return law(weights);
}

// |exact − value| ≤ bound, decided in exact arithmetic (every double is a rational).
bool within_bound(const Rational& exact, const BoundedProbability& p) {
  const Rational difference = exact - Rational(p.value);
  return (difference < 0 ? Rational(-difference) : difference) <= Rational(p.error_bound);
}

// docs/statistics.md prints values to a few decimals: the exact value rounds to the printed one.
bool prints_as(const Rational& exact, double printed, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(to_double(exact) * scale) == std::round(printed * scale);
}

// McDiarmid's sufficient size per context (theory/bounds_t2.cpp): beyond it P(n) ≤ δ is
// proven, so it is the top of an eventual-n* range.
std::int64_t mcdiarmid_size(int symbols, int contexts, const Rational& eps, const Rational& delta) {
  theory::Parameters parameters;
  parameters.set(theory::Param::V, Rational(symbols));
  parameters.set(theory::Param::m, Rational(contexts));
  parameters.set(theory::Param::eps, eps);
  parameters.set(theory::Param::delta, delta);
  const auto inputs = theory::validate(theory::Theorem::T2, parameters);
  for (const auto& row : theory::evaluate_bounds(theory::Theorem::T2, inputs)) {
    if (row.bound->id == "T2/mcdiarmid") {
      return static_cast<std::int64_t>(row.evaluation.per_context->value());
    }
  }
  throw std::logic_error("no T2/mcdiarmid row");
}

std::vector<ExactCurvePoint> exact_curve_of(std::int64_t n_from,
                                            const std::vector<Rational>& values) {
  std::vector<ExactCurvePoint> curve;
  for (std::size_t i = 0; i < values.size(); ++i) {
    curve.push_back({n_from + static_cast<std::int64_t>(i), values[i]});
  }
  return curve;
}

}  // namespace

TEST_CASE("the rational DP equals enumeration and the double DP is within its bound",
          "[engine][exact][curve]") {
  Stream stream({21, 0, 0});
  for (int instance = 0; instance < 300; ++instance) {
    const Distribution p = random_law(stream);
    const std::int64_t n = 1 + testing::draw(stream, 30);
    const int denominator = 1 + testing::draw(stream, 12);
    const Rational eps(testing::draw(stream, 2 * denominator + 1), denominator);  // 0 ≤ ε ≤ 2
    INFO("p = " << text_of(p) << ", n = " << n << ", eps = " << to_string(eps));
    const Rational enumerated = exact_l1_failure_probability(rationals(p), n, eps);
    const Rational exact = exact_failure_probability({p}, n, eps);
    REQUIRE(exact == enumerated);
    const BoundedProbability fast = failure_probability({p}, n, eps);
    INFO("exact " << to_double(exact) << ", double " << fast.value << " +- " << fast.error_bound);
    CHECK(within_bound(exact, fast));
    CHECK(fast.error_bound <= 1e-12);
  }
}

TEST_CASE("known values: V = 8 uniform, eps = 2/5 (docs/statistics.md (n*))",
          "[engine][exact][curve]") {
  const Rational eps(2, 5);
  const struct {
    std::int64_t n;
    double printed;
    int decimals;
  } known[] = {{15, 0.790, 3},  {16, 0.665, 3},  {17, 0.828, 3}, {60, 0.0471, 4},
               {61, 0.0510, 4}, {64, 0.0505, 4}, {65, 0.0364, 4}};
  for (const auto& k : known) {
    const Rational exact = exact_failure_probability({uniform(8)}, k.n, eps);
    INFO("n = " << k.n << ": exact " << to_double(exact) << ", printed " << k.printed);
    CHECK(prints_as(exact, k.printed, k.decimals));
    CHECK(within_bound(exact, failure_probability({uniform(8)}, k.n, eps)));
  }
  // Where enumeration is quick, it agrees (C(24, 7) = 346,104 count vectors at n = 17).
  for (std::int64_t n : {15, 16, 17}) {
    CHECK(exact_failure_probability({uniform(8)}, n, eps) ==
          exact_l1_failure_probability(rationals(uniform(8)), n, eps));
  }
}

TEST_CASE("known values: V = 3, n = 12, eps = 1/2", "[engine][exact][curve]") {
  const Rational eps(1, 2);
  const Rational at_uniform = exact_failure_probability({uniform(3)}, 12, eps);
  const Rational skewed = exact_failure_probability({law({2, 3, 3})}, 12, eps);  // 1/4, 3/8, 3/8
  INFO("uniform " << to_double(at_uniform) << ", (1/4, 3/8, 3/8) " << to_double(skewed));
  CHECK(prints_as(at_uniform, 0.070, 3));
  CHECK(prints_as(skewed, 0.126, 3));
  CHECK(at_uniform == exact_l1_failure_probability(rationals(uniform(3)), 12, eps));
  CHECK(skewed == exact_l1_failure_probability(rationals(law({2, 3, 3})), 12, eps));
}

TEST_CASE("known n*: V = 2, eps = 1/5, delta = 1/10: first crossing 60, eventual 74",
          "[engine][exact][curve][nstar]") {
  const Rational eps(1, 5), delta(1, 10);
  const std::int64_t sufficient = mcdiarmid_size(2, 1, eps, delta);
  REQUIRE(sufficient == 248);  // ⌈(1 + √(2 ln 10))² · 25⌉
  const auto exact = exact_failure_curve({uniform(2)}, eps, 1, sufficient);
  const auto eventual = eventual_n_star(exact, delta);
  const auto first = first_crossing(exact, delta);
  REQUIRE(eventual.decided());
  REQUIRE(first.decided());
  CHECK(eventual.earliest == 74);
  CHECK(first.earliest == 60);
  CHECK(eventual.straddling.empty());
  // The double curve's bounds are far smaller than any gap to delta here: the same answers.
  const auto fast = failure_curve({uniform(2)}, eps, 1, sufficient);
  CHECK(eventual_n_star(fast, delta).latest == 74);
  CHECK(eventual_n_star(fast, delta).decided());
  CHECK(first_crossing(fast, delta).latest == 60);
  // Between the two, some n fail again: that is why the theorems' n* is the eventual one.
  bool fails_again = false;
  for (const auto& point : exact) {
    if (point.n > 60 && point.n < 74 && point.probability > delta) fails_again = true;
  }
  CHECK(fails_again);
}

TEST_CASE("m identical contexts: the curve is 1 - (1 - P)^m", "[engine][exact][curve][contexts]") {
  const Rational eps(1, 3);
  const Distribution p = law({1, 2, 3});
  for (std::int64_t n : {5, 12, 20}) {
    const Rational one = exact_failure_probability({p}, n, eps);
    for (int m : {1, 2, 5}) {
      const std::vector<Distribution> contexts(static_cast<std::size_t>(m), p);
      Rational expected = 1;
      for (int i = 0; i < m; ++i) expected *= 1 - one;
      expected = 1 - expected;
      INFO("n = " << n << ", m = " << m);
      CHECK(exact_failure_probability(contexts, n, eps) == expected);
      CHECK(within_bound(expected, failure_probability(contexts, n, eps)));
    }
  }
}

TEST_CASE("m different contexts: any context failing is 1 - prod(1 - P_i)",
          "[engine][exact][curve][contexts]") {
  Stream stream({22, 0, 0});
  for (int instance = 0; instance < 40; ++instance) {
    std::vector<Distribution> contexts;
    Rational all_succeed = 1;
    const std::int64_t n = 1 + testing::draw(stream, 20);
    const Rational eps(1 + testing::draw(stream, 7), 4);
    for (int i = 0, m = 1 + testing::draw(stream, 4); i < m; ++i) {
      contexts.push_back(random_law(stream));
      all_succeed *= 1 - exact_l1_failure_probability(rationals(contexts.back()), n, eps);
    }
    INFO("n = " << n << ", eps = " << to_string(eps) << ", m = " << contexts.size());
    CHECK(exact_failure_probability(contexts, n, eps) == 1 - all_succeed);
    CHECK(within_bound(1 - all_succeed, failure_probability(contexts, n, eps)));
  }
}

TEST_CASE("P is 0 once eps reaches the largest possible L1 error, and positive below it",
          "[engine][exact][curve]") {
  // All n samples on the least likely symbol give the largest L1 error, 2(1 − p_min); the
  // failure is strict, so at that eps nothing fails.
  for (const Distribution& p : {uniform(4), law({1, 2, 5}), law({3, 0, 1})}) {
    std::int64_t min_weight = p.total;
    for (std::int64_t w : p.weights) {
      if (w > 0) min_weight = std::min(min_weight, w);
    }
    const Rational largest = 2 * (1 - Rational(min_weight, p.total));
    for (std::int64_t n : {1, 7, 25}) {
      INFO("p = " << text_of(p) << ", n = " << n);
      CHECK(exact_failure_probability({p}, n, largest) == 0);
      CHECK(exact_failure_probability({p}, n, largest + Rational(1, 3)) == 0);
      const Rational just_below = largest - Rational(1, 1000);
      Rational all_on_least = 1;
      for (std::int64_t i = 0; i < n; ++i) all_on_least *= Rational(min_weight, p.total);
      CHECK(exact_failure_probability({p}, n, just_below) >= all_on_least);
      CHECK(within_bound(0, failure_probability({p}, n, largest)));
    }
  }
}

TEST_CASE("P lies in [0, 1], falls as eps grows, and eps <= 0 fails whenever p^ != p",
          "[engine][exact][curve]") {
  Stream stream({23, 0, 0});
  for (int instance = 0; instance < 60; ++instance) {
    const Distribution p = random_law(stream);
    const std::int64_t n = 1 + testing::draw(stream, 25);
    Rational previous = 1;
    for (int twelfths = -1; twelfths <= 25; ++twelfths) {
      const Rational probability = exact_failure_probability({p}, n, Rational(twelfths, 12));
      INFO("p = " << text_of(p) << ", n = " << n << ", eps = " << twelfths << "/12");
      CHECK(probability >= 0);
      CHECK(probability <= 1);
      CHECK(probability <= previous);
      previous = probability;
      const BoundedProbability fast = failure_probability({p}, n, Rational(twelfths, 12));
      CHECK(fast.value - fast.error_bound <= 1);
      CHECK(fast.value + fast.error_bound >= 0);
    }
    CHECK(exact_failure_probability({p}, n, Rational(-1, 12)) == 1);
  }
  // eps = 0: the failure is p^ != p. A fair coin at odd n never has p^ = p; at n = 2, half the
  // time.
  CHECK(exact_failure_probability({uniform(2)}, 7, 0) == 1);
  CHECK(exact_failure_probability({uniform(2)}, 2, 0) == Rational(1, 2));
}

TEST_CASE("P does not depend on symbol order, zero symbols or the scale of the weights",
          "[engine][exact][curve]") {
  const Rational eps(2, 7);
  const Rational reference = exact_failure_probability({law({1, 2, 4})}, 18, eps);
  CHECK(exact_failure_probability({law({4, 1, 2})}, 18, eps) == reference);
  CHECK(exact_failure_probability({law({2, 0, 4, 1, 0})}, 18, eps) == reference);
  CHECK(exact_failure_probability({law({3, 6, 12})}, 18, eps) == reference);
  CHECK(within_bound(reference, failure_probability({law({0, 4, 2, 1})}, 18, eps)));
}

TEST_CASE("the double DP's bound stays honest when pruning drops real mass",
          "[engine][curve][bound]") {
  // Pruning at 1e-6 drops binomial tails and states that matter at the 1e-7 level: the value
  // moves, and the bound must grow to cover it.
  FailureDpSettings coarse;
  coarse.prune_below = 1e-6;
  const Rational eps(1, 4);
  for (std::int64_t n : {40, 80, 120}) {
    const Rational exact = exact_failure_probability({uniform(6)}, n, eps);
    const BoundedProbability fast = failure_probability({uniform(6)}, n, eps, coarse);
    INFO("n = " << n << ": exact " << to_double(exact) << ", pruned " << fast.value << " +- "
                << fast.error_bound);
    CHECK(within_bound(exact, fast));
    CHECK(fast.error_bound > 1e-12);  // the dropped mass shows in the bound
    CHECK(fast.error_bound < 1e-3);
  }
  FailureDpSettings invalid;
  invalid.prune_below = 0;  // products of kept numbers could be subnormal: refused
  CHECK_THROWS_AS(failure_probability({uniform(3)}, 10, eps, invalid), std::invalid_argument);
}

TEST_CASE("laws over 2^20 (sparse deviations) agree with the rational DP",
          "[engine][curve][sparse]") {
  const Distribution four = law({123457, 300000, 400001, (1 << 20) - 823458});
  const Distribution six = law({100003, 200011, 150001, 250007, 170003, (1 << 20) - 870025});
  REQUIRE(four.total == 1 << 20);
  REQUIRE(six.total == 1 << 20);
  for (const auto& [p, n, eps] :
       {std::tuple{four, 100, Rational(1, 5)}, std::tuple{four, 60, Rational(1, 3)},
        std::tuple{six, 40, Rational(1, 3)}}) {
    const Rational exact = exact_failure_probability({p}, n, eps);
    const BoundedProbability fast = failure_probability({p}, n, eps);
    INFO("p = " << text_of(p) << ", n = " << n << ": exact " << to_double(exact) << ", double "
                << fast.value << " +- " << fast.error_bound);
    CHECK(within_bound(exact, fast));
    CHECK(fast.error_bound <= 1e-12);
  }
}

TEST_CASE("the double DP reaches V = 16, n = 1000 with a bound below 1e-9",
          "[engine][curve][large]") {
  for (const Rational& eps : {Rational(2, 5), Rational(1, 10)}) {
    const BoundedProbability p = failure_probability({uniform(16)}, 1000, eps);
    INFO("eps = " << to_string(eps) << ": " << p.value << " +- " << p.error_bound);
    CHECK(p.error_bound <= 1e-9);
    CHECK(p.value >= 0);
    CHECK(p.value <= 1);
  }
  // eps = 2/5 is four times the mean error: McDiarmid gives P <= exp(−1000·0.3²/2) ≈ 3e-20.
  CHECK(failure_probability({uniform(16)}, 1000, Rational(2, 5)).value <= 1e-16);
}

TEST_CASE("n* read off a curve: eventual, first crossing, and bounds that straddle delta",
          "[engine][curve][nstar]") {
  const Rational delta(1, 10);
  // Not monotone: under delta at 3, above at 4, under from 5 on; equal to delta counts as under.
  const auto curve = exact_curve_of(
      1, {Rational(1, 2), Rational(1, 5), Rational(1, 10), Rational(3, 20), Rational(1, 20), 0});
  CHECK(first_crossing(curve, delta).earliest == 3);
  CHECK(first_crossing(curve, delta).decided());
  CHECK(eventual_n_star(curve, delta).earliest == 5);
  CHECK(eventual_n_star(curve, delta).decided());
  // Above delta at the end of the range: no eventual n*, though the curve crossed before.
  const auto ends_high = exact_curve_of(10, {Rational(1, 20), Rational(1, 5)});
  CHECK(!eventual_n_star(ends_high, delta).earliest);
  CHECK(eventual_n_star(ends_high, delta).decided());
  CHECK(first_crossing(ends_high, delta).earliest == 10);
  // A bound straddling delta at n = 2 leaves both answers undecided, bracketed, and named.
  const std::vector<CurvePoint> bounded = {
      {1, {0.3, 1e-9}}, {2, {0.1, 1e-6}}, {3, {0.2, 1e-9}}, {4, {0.05, 1e-9}}};
  const auto first = first_crossing(bounded, delta);
  CHECK(!first.decided());
  CHECK(first.earliest == 2);
  CHECK(first.latest == 4);
  CHECK(first.straddling == std::vector<std::int64_t>{2});
  const auto eventual = eventual_n_star(bounded, delta);
  CHECK(eventual.decided());  // n = 3 is certainly above delta, so n = 2 does not matter
  CHECK(eventual.earliest == 4);
  const std::vector<CurvePoint> straddles_last = {{1, {0.3, 1e-9}}, {2, {0.1, 1e-6}}};
  CHECK(!eventual_n_star(straddles_last, delta).decided());
  CHECK(eventual_n_star(straddles_last, delta).earliest == 2);
  CHECK(!eventual_n_star(straddles_last, delta).latest);  // perhaps none in the range
  // A curve with a gap is refused: n* needs every n.
  CHECK_THROWS_AS(eventual_n_star(std::vector<ExactCurvePoint>{{1, 0}, {3, 0}}, delta),
                  std::invalid_argument);
}

TEST_CASE("bad input is refused", "[engine][curve]") {
  const Rational eps(1, 4);
  CHECK_THROWS_AS(exact_failure_probability({}, 10, eps), std::invalid_argument);
  CHECK_THROWS_AS(exact_failure_probability({Distribution{{1, 1}, 3}}, 10, eps),
                  std::invalid_argument);
  CHECK_THROWS_AS(failure_probability({Distribution{{1, -1, 2}, 2}}, 10, eps),
                  std::invalid_argument);
  CHECK_THROWS_AS(exact_failure_probability({uniform(2)}, 0, eps), std::invalid_argument);
  CHECK_THROWS_AS(failure_curve({uniform(2)}, eps, 5, 4), std::invalid_argument);
  CHECK_THROWS_AS(failure_probability({law({1, (std::int64_t{1} << 55) - 1})}, 64, eps),
                  std::invalid_argument);  // n·D beyond 2^60
  FailureDpSettings tiny;
  tiny.max_states = 10;
  CHECK_THROWS_AS(failure_probability({uniform(8)}, 100, eps, tiny), DpTooLarge);
}

TEST_CASE("rational probabilities become exact laws over their common denominator",
          "[engine][curve]") {
  const Distribution p = distribution_of({Rational(1, 2), Rational(1, 3), Rational(1, 6)});
  CHECK(p.total == 6);
  CHECK(p.weights == std::vector<std::int64_t>{3, 2, 1});
  CHECK_THROWS_AS(distribution_of({Rational(1, 2), Rational(1, 3)}), std::invalid_argument);
  CHECK_THROWS_AS(distribution_of({Rational(3, 2), Rational(-1, 2)}), std::invalid_argument);
}

TEST_CASE("the work estimates rank instances as their run times do", "[engine][curve]") {
  const Rational eps(2, 5);
  const DpWork small = estimate_dp_work({uniform(4)}, 40, eps);
  const DpWork large = estimate_dp_work({uniform(16)}, 1000, eps);
  CHECK(small.rational_steps < large.rational_steps);
  CHECK(small.double_steps < large.double_steps);
  CHECK(large.double_steps < large.rational_steps);  // the double DP prunes, the exact cannot
  // Identical contexts are computed once, so they cost once.
  CHECK(estimate_dp_work({uniform(4), uniform(4)}, 40, eps).double_steps == small.double_steps);
  // But the exact answer is raised to the m-th power: its digits grow with m (V = 20,
  // n = 30, m = 10^6 once ran for hours, multiplying a fraction 10^6 times).
  const double one = estimate_dp_work({uniform(20)}, 30, eps).exact_digits;
  CHECK(one == Approx(2 * (30 * std::log10(20.0) + 1)));
  const std::vector<Distribution> million(1000000, uniform(20));
  CHECK(estimate_dp_work(million, 30, eps).exact_digits > 7e7);
  CHECK(estimate_curve_work({uniform(20)}, eps, 30, 31).exact_digits ==
        Approx(2 * one).epsilon(0.05));
}

TEST_CASE("many identical contexts are raised to their power at once", "[engine][exact][curve]") {
  // 1 - (1 - P)^m by squaring: m = 3000 is immediate, and exact.
  const Rational eps(1, 3);
  const Distribution p = law({1, 2, 3});
  const Rational one = exact_failure_probability({p}, 12, eps);
  Rational survive = 1;
  for (int i = 0; i < 3000; ++i) survive *= 1 - one;
  CHECK(exact_failure_probability(std::vector<Distribution>(3000, p), 12, eps) == 1 - survive);
}
