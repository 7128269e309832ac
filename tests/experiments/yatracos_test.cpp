// The minimum-distance selector against a brute-force Yatracos estimate written from
// the definition in exact rationals, on random families and samples.
#include "sim/experiments/yatracos.h"

#include "tests/random_instances.h"

#include <catch2/catch.hpp>

using namespace elicit;
using elicit::testing::draw;

namespace {

// Devroye & Lugosi's estimate, from the definition: every set {q_i > q_k}, every
// candidate's largest deviation over them, every candidate at the minimum.
std::vector<std::size_t> brute_force(const std::vector<targets::Distribution>& family,
                                     const std::vector<std::int64_t>& counts) {
  std::int64_t n = 0;
  for (auto c : counts) n += c;
  std::vector<std::vector<bool>> sets;
  for (std::size_t i = 0; i < family.size(); ++i) {
    for (std::size_t k = 0; k < family.size(); ++k) {
      if (i == k) continue;
      std::vector<bool> set;
      for (std::size_t x = 0; x < counts.size(); ++x)
        set.push_back(family[i].probability(x) > family[k].probability(x));
      sets.push_back(set);
    }
  }
  std::vector<Rational> distance(family.size(), Rational(0));
  for (std::size_t j = 0; j < family.size(); ++j) {
    for (const auto& set : sets) {
      Rational q = 0, mu = 0;
      for (std::size_t x = 0; x < counts.size(); ++x) {
        if (!set[x]) continue;
        q += family[j].probability(x);
        mu += Rational(counts[x], n);
      }
      const Rational deviation = q > mu ? Rational(q - mu) : Rational(mu - q);
      if (deviation > distance[j]) distance[j] = deviation;
    }
  }
  const Rational best = *std::min_element(distance.begin(), distance.end());
  std::vector<std::size_t> out;
  for (std::size_t j = 0; j < family.size(); ++j) {
    if (distance[j] == best) out.push_back(j);
  }
  return out;
}

}  // namespace

TEST_CASE("the Yatracos selector equals the brute-force estimate on random instances",
          "[experiments][yatracos]") {
  Stream stream({31, 0, 0});
  int with_ties = 0;
  for (int instance = 0; instance < 300; ++instance) {
    const int outcomes = 2 + draw(stream, 5);
    const int candidates = 2 + draw(stream, 4);
    std::vector<targets::Distribution> family;
    for (int j = 0; j < candidates; ++j) {
      targets::Distribution law{std::vector<std::int64_t>(static_cast<std::size_t>(outcomes)), 0};
      // Small weights make ties between sets and between candidates common.
      for (auto& w : law.weights) law.total += (w = draw(stream, 4));
      if (law.total == 0) law.total = ++law.weights[0];
      family.push_back(law);
    }
    std::vector<std::int64_t> counts(static_cast<std::size_t>(outcomes));
    for (auto& c : counts) c = draw(stream, 6);
    if (std::accumulate(counts.begin(), counts.end(), std::int64_t{0}) == 0) counts[0] = 1;
    const auto expected = brute_force(family, counts);
    INFO("instance " << instance);
    REQUIRE(experiments::YatracosSelector(family).closest(counts) == expected);
    with_ties += expected.size() > 1 ? 1 : 0;
  }
  CHECK(with_ties > 10);  // the ties path was exercised
}
