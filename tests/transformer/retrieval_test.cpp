// Retrieval for label averaging: the k nearest by exact squared distance, ties to
// the earlier example; the integer fast path chooses exactly what the reference does.
#include "sim/transformer/retrieval.h"
#include "sim/random/stream.h"
#include "tests/random_instances.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace elicit;
using namespace elicit::transformer;
using elicit::testing::draw;

namespace {

LabelledPoint point(std::vector<Rational> x) { return {std::move(x), Rational(0)}; }

}  // namespace

TEST_CASE("retrieval ranks by exact squared distance, ties keep prompt order",
          "[transformer][retrieval]") {
  const std::vector<LabelledPoint> examples = {point({3, 0}), point({0, 1}), point({1, 0}),
                                               point({Rational(1, 2), 0})};
  const auto ranking = rank_by_distance(examples, {0, 0});
  REQUIRE(ranking.size() == 4);
  CHECK(ranking[0].index == 3);  // 1/4
  CHECK(ranking[0].squared_distance == Rational(1, 4));
  CHECK(ranking[1].index == 1);  // 1, tied with example 3 (index 2): the earlier first
  CHECK(ranking[2].index == 2);
  CHECK(ranking[3].index == 0);  // 9
  CHECK(nearest_examples(examples, {0, 0}, 2) == std::vector<std::size_t>{1, 3});
  CHECK_THROWS(nearest_examples(examples, {0, 0}, 0));
  CHECK_THROWS(nearest_examples(examples, {0, 0}, 5));
}

TEST_CASE("every retrieved example is at least as near as every one left out",
          "[transformer][retrieval]") {
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    Stream stream({2026, 20, trial});
    const int d = 1 + draw(stream, 3);
    std::vector<LabelledPoint> examples(static_cast<std::size_t>(1 + draw(stream, 12)));
    auto coordinate = [&] { return Rational(draw(stream, 7) - 3, 1 + draw(stream, 2)); };
    for (auto& e : examples) {
      for (int i = 0; i < d; ++i) e.x.push_back(coordinate());
    }
    std::vector<Rational> query;
    for (int i = 0; i < d; ++i) query.push_back(coordinate());
    const auto k = static_cast<std::size_t>(1 + draw(stream, static_cast<int>(examples.size())));
    const auto chosen = nearest_examples(examples, query, k);
    REQUIRE(chosen.size() == k);
    REQUIRE(std::is_sorted(chosen.begin(), chosen.end()));
    for (std::size_t in : chosen) {
      for (std::size_t out = 0; out < examples.size(); ++out) {
        if (std::binary_search(chosen.begin(), chosen.end(), out)) continue;
        const Rational near = squared_distance(examples[in].x, query);
        const Rational far = squared_distance(examples[out].x, query);
        INFO("trial " << trial << ": example " << in << " chosen over " << out);
        REQUIRE((near < far || (near == far && in < out)));
      }
    }
  }
}

TEST_CASE("the integer fast path retrieves exactly the reference's examples, ties included",
          "[transformer][retrieval]") {
  // Points on the grid v / 6 with few distinct coordinates, so that ties are common.
  int ties_seen = 0;
  for (std::uint64_t trial = 0; trial < 300; ++trial) {
    Stream stream({2026, 21, trial});
    const int d = 1 + draw(stream, 3);
    const auto n = static_cast<std::size_t>(1 + draw(stream, 40));
    std::vector<std::vector<std::int64_t>> grid(n);
    std::vector<LabelledPoint> examples(n);
    for (std::size_t j = 0; j < n; ++j) {
      for (int i = 0; i < d; ++i) {
        grid[j].push_back(draw(stream, 5) - 2);
        examples[j].x.emplace_back(grid[j].back(), 6);
      }
    }
    std::vector<std::int64_t> query;
    std::vector<Rational> exact_query;
    for (int i = 0; i < d; ++i) {
      query.push_back(draw(stream, 5) - 2);
      exact_query.emplace_back(query.back(), 6);
    }
    const auto k = static_cast<std::size_t>(1 + draw(stream, static_cast<int>(n)));
    INFO("trial " << trial << ": n = " << n << ", k = " << k);
    REQUIRE(nearest_grid_points(grid, query, k) == nearest_examples(examples, exact_query, k));
    const auto ranking = rank_by_distance(examples, exact_query);
    if (k < n && ranking[k - 1].squared_distance == ranking[k].squared_distance) ++ties_seen;
  }
  CHECK(ties_seen > 20);  // the tie rule was exercised at the cut, not only inside it
}

TEST_CASE("the fast path refuses k out of range and overflowing distances",
          "[transformer][retrieval]") {
  const std::vector<std::vector<std::int64_t>> points = {{0}, {1}};
  CHECK_THROWS(nearest_grid_points(points, {0}, 0));
  CHECK_THROWS(nearest_grid_points(points, {0}, 3));
  CHECK(nearest_grid_points(points, {1}, 1) == std::vector<std::size_t>{1});
  CHECK(nearest_grid_points({{0}, {2}}, {1}, 1) == std::vector<std::size_t>{0});  // a tie
  CHECK_THROWS_AS(nearest_grid_points({{std::int64_t{1} << 40}}, {-(std::int64_t{1} << 40)}, 1),
                  std::overflow_error);
}
