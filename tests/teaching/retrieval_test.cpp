// Retrieval for label averaging: the k nearest by exact squared distance, ties to
// the earlier example.
#include "sim/teaching/retrieval.h"
#include "sim/random/stream.h"
#include "tests/random_instances.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace elicit;
using namespace elicit::teaching;
using elicit::testing::draw;

namespace {

transformer::LabelledPoint point(std::vector<Rational> x) { return {std::move(x), Rational(0)}; }

}  // namespace

TEST_CASE("retrieval ranks by exact squared distance; ties keep prompt order",
          "[teaching][retrieval]") {
  const std::vector<transformer::LabelledPoint> examples = {
      point({3, 0}), point({0, 1}), point({1, 0}), point({Rational(1, 2), 0})};
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
          "[teaching][retrieval]") {
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    Stream stream({2026, 20, trial});
    const int d = 1 + draw(stream, 3);
    std::vector<transformer::LabelledPoint> examples(
        static_cast<std::size_t>(1 + draw(stream, 12)));
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
