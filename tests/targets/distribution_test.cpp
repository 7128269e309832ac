// Target laws are exact distributions: weights sum to the total, and products of
// per-step laws multiply exactly.
#include "sim/targets/distribution.h"

#include <catch2/catch.hpp>

#include <numeric>

using namespace elicit;
using namespace elicit::targets;

namespace {

std::int64_t sum(const Distribution& d) {
  return std::accumulate(d.weights.begin(), d.weights.end(), std::int64_t{0});
}

}  // namespace

TEST_CASE("every target kind is a distribution with exact rational weights", "[targets]") {
  Stream stream({1, 2, 3});
  TargetSpec spec;
  for (TargetKind kind :
       {TargetKind::uniform, TargetKind::dirichlet, TargetKind::zipf, TargetKind::sparse}) {
    spec.kind = kind;
    spec.support = 3;
    for (std::size_t symbols : {3u, 10u, 257u}) {
      const Distribution d = make_distribution(spec, symbols, stream);
      INFO(spec.describe() << " over " << symbols);
      REQUIRE(d.size() == symbols);
      CHECK(sum(d) == d.total);
      CHECK(std::all_of(d.weights.begin(), d.weights.end(), [](std::int64_t w) { return w >= 0; }));
    }
  }
}

TEST_CASE("Zipf weights decrease and sparse laws have the asked support", "[targets]") {
  Stream stream({4, 0, 0});
  const Distribution zipf = make_distribution({TargetKind::zipf, 1.0, 1.2}, 20, stream);
  for (std::size_t v = 1; v < zipf.size(); ++v) CHECK(zipf.weights[v] <= zipf.weights[v - 1]);
  TargetSpec sparse{TargetKind::sparse};
  sparse.support = 5;
  const Distribution d = make_distribution(sparse, 50, stream);
  CHECK(std::count(d.weights.begin(), d.weights.end(), 1) == 5);
  CHECK(d.total == 5);
}

TEST_CASE("a product target is exactly the product of its per-step laws", "[targets]") {
  TargetSpec spec{TargetKind::product};
  spec.step = TargetKind::zipf;
  spec.exponent = 1.0;
  Stream stream({5, 0, 0});
  const Distribution law = make_sequence_distribution(spec, 3, 3, stream);
  REQUIRE(law.size() == 27);
  CHECK(sum(law) == law.total);
  // Steps share the Zipf law (deterministic), so p(s) = q(s_1) q(s_2) q(s_3).
  Stream unused({0, 0, 0});
  TargetSpec step{TargetKind::zipf};
  step.resolution = std::int64_t{1} << 20;
  const Distribution q = make_distribution(step, 3, unused);
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) {
      for (int c = 0; c < 3; ++c) {
        CHECK(law.probability(static_cast<std::size_t>(9 * a + 3 * b + c)) ==
              q.probability(static_cast<std::size_t>(a)) *
                  q.probability(static_cast<std::size_t>(b)) *
                  q.probability(static_cast<std::size_t>(c)));
      }
    }
  }
  TargetSpec uniform_steps{TargetKind::product};
  const Distribution uniform = make_sequence_distribution(uniform_steps, 4, 2, stream);
  CHECK(std::all_of(uniform.weights.begin(), uniform.weights.end(),
                    [&](std::int64_t w) { return w == uniform.weights[0]; }));
}
