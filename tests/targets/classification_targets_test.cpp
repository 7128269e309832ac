// The classification targets: input laws on integer grids, the halfspace and its
// exact margin band, and soft labels through exact links — each checked against the
// same quantity computed in Rationals from its definition.
#include "sim/stats/clopper_pearson.h"
#include "sim/targets/halfspace.h"
#include "sim/targets/input_law.h"
#include "sim/targets/soft_label.h"
#include "tests/random_instances.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace elicit;
using namespace elicit::targets;
using elicit::testing::draw;

namespace {

Rational exact_score(const Halfspace& h, const std::vector<Rational>& x) {
  Rational t = h.exact_bias();
  for (std::size_t i = 0; i < x.size(); ++i) t += Rational(h.weights()[i]) * x[i];
  return t;
}

}  // namespace

TEST_CASE("input laws: grids, ranges and the enumerated weights", "[targets][inputs]") {
  const InputLaw lattice({InputKind::lattice, 2, 3});
  CHECK(lattice.scale() == 1);
  CHECK(lattice.enumerable_points() == 49);
  Stream stream({1, 2, 3});
  std::set<std::int64_t> seen;
  for (int i = 0; i < 2000; ++i) {
    for (auto c : lattice.draw(stream)) {
      REQUIRE(c >= -3);
      REQUIRE(c <= 3);
      seen.insert(c);
    }
  }
  CHECK(seen.size() == 7);
  std::int64_t points = 0, weight = 0;
  lattice.for_each_point([&](const GridPoint& v, std::int64_t w) {
    REQUIRE(v.size() == 2);
    ++points;
    weight += w;
  });
  CHECK(points == 49);
  CHECK(weight == 49);

  // Fractions p/q, R = 1, Q = 2, on the grid 1/2: p·(2/q) takes -2, -1, 0 (twice), 1, 2.
  const InputLaw fractions({InputKind::fractions, 1, 1, 0, 2});
  CHECK(fractions.scale() == 2);
  const auto& coordinate = *fractions.coordinate_law();
  CHECK(coordinate.values == std::vector<std::int64_t>{-2, -1, 0, 1, 2});
  CHECK(coordinate.weights == std::vector<std::int64_t>{1, 1, 2, 1, 1});
  CHECK(coordinate.total == 6);
  CHECK(InputLaw({InputKind::fractions, 3, 6, 0, 7}).scale() == 420);

  // The Gaussian: on the grid 2^-bits, unbounded, never enumerated, roughly N(0, 1).
  const InputLaw gaussian({InputKind::gaussian, 1, 0, 4});
  CHECK(gaussian.scale() == 16);
  CHECK_FALSE(gaussian.enumerable_points());
  CHECK_THROWS_AS(gaussian.for_each_point([](const GridPoint&, std::int64_t) {}), std::logic_error);
  double sum = 0, squares = 0;
  constexpr int kDraws = 20000;
  for (int i = 0; i < kDraws; ++i) {
    const double x = gaussian.approximate(gaussian.draw(stream))[0];
    sum += x;
    squares += x * x;
  }
  CHECK(std::abs(sum / kDraws) < 0.05);                       // mean 0 within 7 standard errors
  CHECK(std::abs(squares / kDraws - 1 - 1.0 / 3072) < 0.05);  // + the rounding's 1/(12·16²)
  CHECK(gaussian.exact({3}) == std::vector<Rational>{Rational(3, 16)});
}

TEST_CASE("input laws outside their limits are refused", "[targets][inputs]") {
  CHECK_THROWS_WITH(InputLaw({InputKind::lattice, 0, 3}), Catch::Contains("dimension"));
  CHECK_THROWS_WITH(InputLaw({InputKind::lattice, 2, 0}), Catch::Contains("radius"));
  CHECK_THROWS_WITH(InputLaw({InputKind::gaussian, 2, 0, 25}), Catch::Contains("bits"));
  CHECK_THROWS_WITH(InputLaw({InputKind::fractions, 2, 3, 0, 17}), Catch::Contains("denominators"));
  // Too many points to enumerate: 7^9 > 2^22.
  CHECK_FALSE(InputLaw({InputKind::lattice, 9, 3}).enumerable_points());
}

TEST_CASE("a halfspace's integer score has the sign of w.x + b and is never 0",
          "[targets][halfspace]") {
  // w* = (3, -4), b* = 1/(2·4) on the grid 1/4: score = 2 w*·v + 1.
  const Halfspace h({3, -4}, 1, 4);
  CHECK(h.exact_bias() == Rational(1, 8));
  CHECK(h.score({1, 1}) == -1);
  CHECK(h.label({1, 1}) == -1);
  CHECK(h.squared_weight_norm() == 25);
  CHECK(h.describe() == "w* = (3, -4), b* = 1/8");
  CHECK_THROWS_WITH(Halfspace({0, 0}, 1, 1), Catch::Contains("all zero"));
  CHECK_THROWS_WITH(Halfspace({1}, 2, 1), Catch::Contains("odd"));

  // Through the origin: b* = 1/(2s), so x = 0 is positive and w*·x < 0 is not.
  for (std::uint64_t trial = 0; trial < 20; ++trial) {
    Stream stream({7, 0, trial});
    const InputLaw law({InputKind::gaussian, 3, 0, 4});
    const Halfspace centred = draw_halfspace(law, stream, BoundaryPlacement::origin);
    REQUIRE(centred.exact_bias() == Rational(1, 32));
    REQUIRE(centred.positive({0, 0, 0}));
  }

  for (std::uint64_t trial = 0; trial < 100; ++trial) {
    Stream stream({7, 1, trial});
    const InputLaw law(
        {trial % 2 ? InputKind::gaussian : InputKind::lattice, 1 + draw(stream, 5), 4, 5});
    const Halfspace drawn = draw_halfspace(law, stream);
    REQUIRE(drawn.bias_numerator() % 2 != 0);
    for (int i = 0; i < 50; ++i) {
      const GridPoint v = law.draw(stream);
      const Rational t = exact_score(drawn, law.exact(v));
      REQUIRE(t != 0);
      REQUIRE((drawn.score(v) > 0) == (t > 0));
      REQUIRE(Rational(drawn.score(v)) == 2 * law.scale() * t);
    }
  }
}

TEST_CASE("the margin band is decided exactly, a boundary point included", "[targets][halfspace]") {
  // w* = (3, 4), b* = 1/2 on the lattice: at v = (1, 1), w*·x + b* = 15/2 = (3/2)‖w*‖.
  const Halfspace h({3, 4}, 1, 1);
  CHECK_FALSE(MarginBand(h, Rational(3, 2)).rejects({1, 1}));  // |·| = γ‖w*‖: kept
  const Rational just_above = Rational(3, 2) + parse_rational("1e-30");
  CHECK(MarginBand(h, just_above).rejects({1, 1}));
  CHECK_FALSE(MarginBand(h, Rational(0)).rejects({0, 0}));
  CHECK_THROWS(MarginBand(h, Rational(-1)));

  // Random bands against (w*·x + b*)² < γ² ‖w*‖² in Rationals.
  int rejected = 0, kept = 0;
  for (std::uint64_t trial = 0; trial < 100; ++trial) {
    Stream stream({7, 2, trial});
    const InputLaw law(
        {trial % 2 ? InputKind::gaussian : InputKind::fractions, 1 + draw(stream, 4), 3, 3, 4});
    const Halfspace target = draw_halfspace(law, stream);
    const Rational gamma(draw(stream, 8), 1 + draw(stream, 5));
    const MarginBand band(target, gamma);
    for (int i = 0; i < 50; ++i) {
      const GridPoint v = law.draw(stream);
      const Rational t = exact_score(target, law.exact(v));
      const bool inside = t * t < gamma * gamma * target.squared_weight_norm();
      REQUIRE(band.rejects(v) == inside);
      (inside ? rejected : kept) += 1;
    }
    // Draws through the band are never inside it.
    if (gamma < 2) {
      for (int i = 0; i < 20; ++i) REQUIRE_FALSE(band.rejects(band.draw(law, stream)));
    }
  }
  CHECK(rejected > 100);
  CHECK(kept > 100);
  // A band wider than the whole lattice leaves nothing to draw.
  const InputLaw small({InputKind::lattice, 1, 1});
  Stream stream({7, 3, 0});
  CHECK_THROWS_WITH(MarginBand(Halfspace({1}, 1, 1), Rational(100)).draw(small, stream),
                    Catch::Contains("fell inside the band"));
}

TEST_CASE("soft labels equal their link's formula in Rationals", "[targets][soft-label]") {
  // Known answers on the lattice with w* = (1), b* = 1/2, so t = x + 1/2.
  const Halfspace h({1}, 1, 1);
  const SoftLabel linear(h, {LinkKind::clipped_linear, Rational(1, 4), Rational(1, 2)});
  CHECK(linear.probability({0}) == Rational(5, 8));  // 1/4 · 1/2 + 1/2
  CHECK(linear.probability({-3}) == Rational(0));    // 1/4 · (-5/2) + 1/2 = -1/8: clipped
  CHECK(linear.probability({2}) == Rational(1));     // 1/4 · 5/2 + 1/2 = 9/8: clipped
  const SoftLabel sigmoid(h, {LinkKind::piecewise_sigmoid, Rational(2), Rational(0)});
  CHECK(sigmoid.probability({0}) == Rational(47911, 65536));    // a·t = 1: the knot σ(1)
  CHECK(sigmoid.probability({-1}) == Rational(17625, 65536));   // a·t = -1
  CHECK(sigmoid.probability({100}) == Rational(65514, 65536));  // beyond the last knot
  CHECK(sigmoid.probability({-100}) == Rational(22, 65536));
  // Halfway between the knots 0 and 1 (a·t = 1/2): the mean of σ̃(0) and σ̃(1).
  const SoftLabel half(h, {LinkKind::piecewise_sigmoid, Rational(1), Rational(0)});
  CHECK(half.probability({0}) == Rational(32768 + 47911, 2 * 65536));
  const SoftLabel flat(h, {LinkKind::clipped_linear, Rational(0), Rational(1, 3)});
  CHECK(flat.probability({-7}) == Rational(1, 3));
  CHECK(flat.probability({9}) == Rational(1, 3));
  CHECK_THROWS(SoftLabel(h, {LinkKind::clipped_linear, Rational(-1), Rational(1, 2)}));
  CHECK_THROWS(SoftLabel(h, {LinkKind::clipped_linear, Rational(1), Rational(3, 2)}));

  for (std::uint64_t trial = 0; trial < 100; ++trial) {
    Stream stream({7, 4, trial});
    const InputLaw law(
        {trial % 2 ? InputKind::gaussian : InputKind::lattice, 1 + draw(stream, 3), 5, 3});
    const Halfspace target = draw_halfspace(law, stream);
    const Rational slope(draw(stream, 9), 1 + draw(stream, 4));
    const Rational offset(draw(stream, 5), 4);
    const SoftLabel clipped(target, {LinkKind::clipped_linear, slope, offset});
    const SoftLabel smooth(target, {LinkKind::piecewise_sigmoid, slope, 0});
    for (int i = 0; i < 30; ++i) {
      const GridPoint v = law.draw(stream);
      const Rational u = slope * exact_score(target, law.exact(v));
      const Rational line = u + offset;
      REQUIRE(clipped.probability(v) == (line < 0 ? Rational(0) : (line > 1 ? Rational(1) : line)));
      // The sigmoid: interpolate the knots around u in Rationals.
      Rational expected;
      if (u >= 8) {
        expected = Rational(kPiecewiseSigmoidKnots[16], 65536);
      } else if (u < -8) {
        expected = Rational(kPiecewiseSigmoidKnots[0], 65536);
      } else {
        Integer j = numerator(u) / denominator(u);
        if (Rational(j) > u) j -= 1;  // ⌊u⌋ for negative u
        const auto at = static_cast<std::size_t>(j.convert_to<std::int64_t>() + 8);
        const Rational low(kPiecewiseSigmoidKnots[at], 65536);
        const Rational high(kPiecewiseSigmoidKnots[at + 1], 65536);
        expected = low + (high - low) * (u - Rational(j));
      }
      REQUIRE(smooth.probability(v) == expected);
    }
  }
}

TEST_CASE("labels are drawn with probability exactly p: frequencies agree",
          "[targets][soft-label]") {
  // p = 5/8 at x = 0 (above); 20,000 labels: the 99.9% interval must contain 5/8.
  const SoftLabel linear(Halfspace({1}, 1, 1),
                         {LinkKind::clipped_linear, Rational(1, 4), Rational(1, 2)});
  Stream stream({7, 5, 0});
  std::int64_t ones = 0;
  constexpr std::int64_t kDraws = 20000;
  for (std::int64_t i = 0; i < kDraws; ++i) ones += linear.draw_label({0}, stream);
  const auto ci = stats::clopper_pearson(ones, kDraws, 0.999);
  CHECK(ci.lower <= 0.625);
  CHECK(ci.upper >= 0.625);
  // p = 0 and p = 1 are never and always.
  for (int i = 0; i < 100; ++i) {
    REQUIRE(linear.draw_label({-3}, stream) == 0);
    REQUIRE(linear.draw_label({2}, stream) == 1);
  }
}
