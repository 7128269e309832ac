// §5.4 partial access: one D per cell law, D' a subset of it drawn without
// replacement, and the error TV = L1/2 against the empirical law of D.
#include "sim/experiments/partial_access_experiment.h"

#include "sim/engine/exact_error.h"

#include <catch2/catch.hpp>

using namespace elicit;

TEST_CASE("the subset is drawn from one fixed D, without replacement", "[experiments][partial]") {
  const experiments::PartialAccessExperiment a({1, 0, 77}, 5, 1000, targets::TargetSpec{});
  const experiments::PartialAccessExperiment b({1, 3, 77}, 5, 1000, targets::TargetSpec{});
  // The same law digest gives the same D in every cell of a sweep.
  CHECK(a.target_law().digest == b.target_law().digest);
  const auto d = a.target_law().values.at(0);
  for (std::uint64_t t = 0; t < 50; ++t) {
    const auto subset = a.subset(40, t);
    std::int64_t total = 0;
    for (std::size_t v = 0; v < subset.size(); ++v) {
      total += subset[v];
      CHECK(Rational(subset[v]) <= d[v] * 1000);  // never more of a symbol than D holds
    }
    CHECK(total == 40);
  }
  // A subset of all of D is D: error 0.
  CHECK(a.error(1000, 0) == 0);
  // The error is TV: half the L1 of the subset's law against D's.
  const auto subset = a.subset(25, 3);
  targets::Distribution fine_tuned{{}, 1000};
  for (const auto& p : d) fine_tuned.weights.push_back(to_int64_exact(p * 1000));
  CHECK(a.error(25, 3) == engine::l1_error(subset, fine_tuned) / 2);
  CHECK(a.error(25, 3) <= 1);
}
