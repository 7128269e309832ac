// Exact errors of an empirical distribution: known answers, the identities between
// the metrics, and the 128-bit fast path of the L1 test against exact GMP at its
// boundary.
#include "sim/engine/exact_error.h"

#include "tests/random_instances.h"

#include <catch2/catch.hpp>

using namespace elicit;
using namespace elicit::engine;
using elicit::testing::draw;
using theory::Metric;

namespace {

targets::Distribution law(std::vector<std::int64_t> weights) {
  std::int64_t total = 0;
  for (auto w : weights) total += w;
  return {std::move(weights), total};
}

}  // namespace

TEST_CASE("L1, TV and sup-norm errors: known answers", "[engine][error]") {
  // p = (1/2, 1/4, 1/4), counts (2, 2, 0) of n = 4: p̂ = (1/2, 1/2, 0).
  const auto p = law({2, 1, 1});
  const std::vector<std::int64_t> counts = {2, 2, 0};
  CHECK(l1_error(counts, p) == Rational(1, 2));
  CHECK(empirical_error(Metric::tv, counts, p) == Rational(1, 4));
  CHECK(sup_error(counts, p) == Rational(1, 4));
  CHECK(empirical_error(Metric::sup, counts, p) == Rational(1, 4));
}

TEST_CASE("TV is exactly half of L1 and at most 1, the TV test is the L1 test at 2 eps",
          "[engine][error]") {
  Stream stream({17, 0, 0});
  for (int instance = 0; instance < 300; ++instance) {
    const int symbols = 2 + draw(stream, 6);
    std::vector<std::int64_t> weights, counts;
    for (int v = 0; v < symbols; ++v) {
      weights.push_back(draw(stream, 5));
      counts.push_back(draw(stream, 7));
    }
    if (std::accumulate(weights.begin(), weights.end(), 0) == 0) weights[0] = 1;
    if (std::accumulate(counts.begin(), counts.end(), 0) == 0) counts[0] = 1;
    const auto p = law(weights);
    const Rational tv = empirical_error(Metric::tv, counts, p);
    REQUIRE(tv == l1_error(counts, p) / 2);
    REQUIRE(tv <= 1);
    REQUIRE(sup_error(counts, p) <= tv);  // one symbol's deviation is at most TV
    const Rational eps(draw(stream, 9), 10);
    REQUIRE(empirical_error_exceeds(Metric::tv, counts, p, eps) == (tv > eps));
    REQUIRE(empirical_error_exceeds(Metric::sup, counts, p, eps) == (sup_error(counts, p) > eps));
  }
}

TEST_CASE("the 128-bit L1 test agrees with exact GMP at and beyond its limits", "[engine][error]") {
  // The fast path holds while n, D and eps's parts are below 2^40; around those
  // limits, and with products near 2^127, it must still decide exactly as GMP does.
  const std::int64_t big = std::int64_t{1} << 40;
  for (std::int64_t n : {big - 1, big, big + 7}) {
    for (std::int64_t total : {big - 3, big + 5}) {
      const targets::Distribution p{{total / 3, total / 3, total - 2 * (total / 3)}, total};
      const std::vector<std::int64_t> counts = {n / 3 + 1, n / 3 - 1, n - 2 * (n / 3)};
      const Rational error = l1_error(counts, p);
      for (const Rational& eps : {Rational(error), Rational(error - Rational(1, big)),
                                  Rational(error + Rational(1, big)), Rational(1, big - 1)}) {
        INFO("n = " << n << ", D = " << total << ", eps = " << to_string(eps));
        CHECK(l1_exceeds(counts, p, eps) == (error > eps));
      }
    }
  }
}
