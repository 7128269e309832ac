// A dataset grown one example at a time keeps its L1 deviation exact at every size: the
// incremental sum equals Σ_v |c_v·D − w_v·n| recomputed from scratch, and its test
// against eps equals the exact rational comparison, for laws with zero weights, ties at
// the threshold and uneven weights.
#include "sim/sampling/growing_counts.h"

#include "sim/engine/exact_error.h"
#include "sim/random/stream.h"
#include "sim/sampling/multinomial.h"

#include <catch2/catch.hpp>

#include <numeric>

using namespace elicit;
using namespace elicit::sampling;

namespace {

GrowingCounts::Wide recomputed(const targets::Distribution& law,
                               const std::vector<std::int64_t>& counts) {
  const std::int64_t n = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
  GrowingCounts::Wide sum = 0;
  for (std::size_t v = 0; v < counts.size(); ++v) {
    const GrowingCounts::Wide z =
        GrowingCounts::Wide(counts[v]) * law.total - GrowingCounts::Wide(law.weights[v]) * n;
    sum += z < 0 ? -z : z;
  }
  return sum;
}

}  // namespace

TEST_CASE("the grown L1 deviation equals the recomputed one at every size", "[sampling][growing]") {
  const std::vector<targets::Distribution> laws = {
      {{1, 1}, 2}, {{1, 1, 1, 1, 1}, 5}, {{3, 0, 1, 4}, 8}, {{7, 2, 1}, 10}, {{1, 999}, 1000}};
  const std::vector<Rational> tolerances = {Rational(1, 5), Rational(1, 2), Rational(3, 10),
                                            Rational(1, 1)};
  int failures_seen = 0, successes_seen = 0;
  for (std::size_t l = 0; l < laws.size(); ++l) {
    const auto& law = laws[l];
    const MultinomialSampler sampler(law.probabilities());
    for (const auto& eps : tolerances) {
      for (std::uint64_t trial = 0; trial < 20; ++trial) {
        Stream stream({9, l, trial});
        const std::int64_t start = 1 + static_cast<std::int64_t>(trial % 7);
        GrowingCounts grown(law.weights, law.total, sampler.counts(stream, start),
                            numerator(eps).convert_to<std::int64_t>(),
                            denominator(eps).convert_to<std::int64_t>(), 1 << 20, 300);
        for (std::int64_t n = start; n <= 300; ++n) {
          REQUIRE(grown.size() == n);
          REQUIRE(grown.deviation() == recomputed(law, grown.counts()));
          const bool exact = engine::l1_exceeds(grown.counts(), law, eps);
          REQUIRE(grown.exceeds() == exact);
          (exact ? failures_seen : successes_seen) += 1;
          if (n < 300) grown.add(sampler.draw(stream));
        }
        CHECK_THROWS_AS(grown.add(0), std::out_of_range);  // past the horizon
      }
    }
  }
  // Both outcomes were met, so the comparison was tested on each side.
  CHECK(failures_seen > 1000);
  CHECK(successes_seen > 1000);
}

TEST_CASE("a deviation exactly at eps is a success, one example more or less decides",
          "[sampling][growing]") {
  // V = 2, p = (1/2, 1/2), counts (3, 1): L1 = |3/4 − 1/2| + |1/4 − 1/2| = 1/2.
  GrowingCounts at({1, 1}, 2, {3, 1}, 1, 2, 100, 100);
  CHECK(at.deviation() == 4);  // n·D·L1 = 4·2·1/2
  CHECK_FALSE(at.exceeds());   // 1/2 > 1/2 is false
  at.add(0);                   // (4, 1): L1 = 2·|4/5 − 1/2| = 3/5
  CHECK(at.exceeds());
  CHECK_THROWS_AS(GrowingCounts({1, 1}, 3, {1, 0}, 1, 2, 100, 100), std::invalid_argument);
  CHECK_THROWS_AS(GrowingCounts({1, 1}, 2, {0, 0}, 1, 2, 100, 100), std::invalid_argument);
  CHECK_THROWS_AS(GrowingCounts({1, 1}, 2, {1, 0}, 1, 2, 100, 200), std::invalid_argument);
  CHECK_THROWS_AS(GrowingCounts({1, (std::int64_t{1} << 62) - 1}, std::int64_t{1} << 62, {1, 0}, 1,
                                2, std::int64_t{1} << 40, 100),
                  std::overflow_error);
}
