// The half-support family of the T5 falsification: the Bayes estimator's error is
// exactly (N − 2r)/(N − r), the occupancy law and Bayes risk are exact (checked
// against enumerating every sequence of draws), and the floor on every estimator's
// failure rate exceeds delta at the paper's k.
#include "sim/experiments/half_support_experiment.h"

#include <catch2/catch.hpp>

#include <map>

using namespace elicit;
using experiments::HalfSupportExperiment;

TEST_CASE("the occupancy law equals enumeration of every draw sequence", "[experiments][t5]") {
  for (std::int64_t items : {2, 3, 5}) {
    for (std::int64_t draws : {1, 2, 4, 5}) {
      std::map<std::int64_t, std::int64_t> ways;  // distinct count -> sequences
      std::int64_t all = 1;
      for (std::int64_t i = 0; i < draws; ++i) all *= items;
      for (std::int64_t code = 0; code < all; ++code) {
        std::vector<bool> seen(static_cast<std::size_t>(items), false);
        std::int64_t distinct = 0;
        for (std::int64_t i = 0, c = code; i < draws; ++i, c /= items) {
          if (!seen[static_cast<std::size_t>(c % items)]) ++distinct;
          seen[static_cast<std::size_t>(c % items)] = true;
        }
        ++ways[distinct];
      }
      const auto law = experiments::occupancy_distribution(draws, items);
      REQUIRE(law);
      for (std::size_t r = 0; r < law->size(); ++r)
        CHECK((*law)[r] == Rational(ways[static_cast<std::int64_t>(r)], all));
    }
  }
}

TEST_CASE("the Bayes estimator's error is (N - 2r)/(N - r) and the counting head's is larger",
          "[experiments][t5]") {
  const HalfSupportExperiment bayes({1, 0, 0}, 4, 3, HalfSupportExperiment::Learner::bayes);
  const HalfSupportExperiment counting({1, 0, 0}, 4, 3, HalfSupportExperiment::Learner::counting);
  const std::int64_t N = 64;
  for (std::uint64_t t = 0; t < 50; ++t) {
    const auto runs = bayes.multiplicities(20, t);
    const auto r = static_cast<std::int64_t>(runs.size());
    CHECK(bayes.error(20, t) == Rational(N - 2 * r, N - r));
    CHECK(counting.error(20, t) >= bayes.error(20, t));
  }
  // The Bayes risk is the average of that error: a Monte Carlo mean within 5 standard
  // errors of the exact value.
  const auto exact = experiments::half_support_bayes_risk(N, 20);
  REQUIRE(exact);
  double sum = 0, squares = 0;
  constexpr int kTrials = 4000;
  for (std::uint64_t t = 0; t < kTrials; ++t) {
    const double e = to_double(bayes.error(20, t));
    sum += e;
    squares += e * e;
  }
  const double mean = sum / kTrials;
  const double se = std::sqrt((squares / kTrials - mean * mean) / kTrials);
  CHECK(std::abs(mean - to_double(*exact)) < 5 * se);
  CHECK(*exact >= Rational(N - 40, N - 20));  // never below its closed-form floor
}

TEST_CASE("at the paper's k for V = 50, l = 3 no estimator can meet eps = 0.1, delta = 0.01",
          "[experiments][t5]") {
  const HalfSupportExperiment bayes({1, 0, 0}, 50, 3, HalfSupportExperiment::Learner::bayes);
  const auto facts = bayes.facts_at(5405, Rational(1, 10));
  const auto floor = std::find_if(facts.begin(), facts.end(), [](const auto& f) {
    return f.name == "any_estimator_failure_floor";
  });
  REQUIRE(floor != facts.end());
  // (N - 2k)/(N - k) = 114190/119595; the floor (risk - eps)/(2 - eps) = 0.4499.
  CHECK(facts.front().value == Rational(114190, 119595));
  CHECK(floor->value > Rational(1, 100));
  CHECK(to_double(floor->value) == Approx(0.4499).margin(1e-4));
}
