// Count vectors: both sampling paths give n draws of the same law; subsets are drawn
// without replacement; the batched uniform draws are unbiased for any V.
#include "sim/sampling/multinomial.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

using namespace elicit;
using namespace elicit::sampling;

namespace {

// Pearson's chi-square of observed counts against expected means.
double chi_square(const std::vector<double>& observed, const std::vector<double>& expected) {
  double sum = 0;
  for (std::size_t i = 0; i < observed.size(); ++i)
    sum += (observed[i] - expected[i]) * (observed[i] - expected[i]) / expected[i];
  return sum;
}

}  // namespace

TEST_CASE("a subsample is drawn without replacement, and one of size |D| is D",
          "[sampling][subsample]") {
  const std::vector<std::int64_t> population = {5, 0, 3, 1, 7};
  for (std::uint64_t t = 0; t < 200; ++t) {
    Stream stream({4, 0, t});
    const auto taken = subsample_counts(stream, 9, population);
    REQUIRE(std::accumulate(taken.begin(), taken.end(), std::int64_t{0}) == 9);
    for (std::size_t v = 0; v < population.size(); ++v) REQUIRE(taken[v] <= population[v]);
    Stream all({4, 1, t});
    REQUIRE(subsample_counts(all, 16, population) == population);
  }
  // One of each symbol: without replacement no symbol is drawn twice.
  const std::vector<std::int64_t> distinct(10, 1);
  for (std::uint64_t t = 0; t < 100; ++t) {
    Stream stream({5, 0, t});
    for (auto c : subsample_counts(stream, 6, distinct)) REQUIRE(c <= 1);
  }
  Stream stream({6, 0, 0});
  CHECK_THROWS(subsample_counts(stream, 17, population));
}

TEST_CASE("the hypergeometric mean: each symbol's share of a subsample is its share of D",
          "[sampling][subsample]") {
  const std::vector<std::int64_t> population = {30, 10, 60};
  std::vector<double> sums(3, 0);
  constexpr int kTrials = 4000;
  for (std::uint64_t t = 0; t < kTrials; ++t) {
    Stream stream({7, 0, t});
    const auto taken = subsample_counts(stream, 20, population);
    for (std::size_t v = 0; v < 3; ++v) sums[v] += static_cast<double>(taken[v]);
  }
  for (std::size_t v = 0; v < 3; ++v) {
    const double p = static_cast<double>(population[v]) / 100;
    // Hypergeometric variance n p (1-p) (N-n)/(N-1).
    const double sd = std::sqrt(20 * p * (1 - p) * 80.0 / 99.0 / kTrials);
    CHECK(std::abs(sums[v] / kTrials - 20 * p) < 5 * sd);
  }
}

TEST_CASE("batched uniform draws are unbiased for V that is not a power of two",
          "[sampling][uniform]") {
  for (std::size_t symbols : {3, 7, 10, 1000}) {
    const MultinomialSampler sampler(
        std::vector<double>(symbols, 1.0 / static_cast<double>(symbols)));
    std::vector<double> totals(symbols, 0);
    constexpr std::int64_t kDraws = 200;
    constexpr int kTrials = 500;
    for (std::uint64_t t = 0; t < kTrials; ++t) {
      Stream stream({8, symbols, t});
      std::vector<std::int64_t> counts;
      sampler.counts_by_draws(stream, kDraws, counts);
      REQUIRE(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}) == kDraws);
      for (std::size_t v = 0; v < symbols; ++v) totals[v] += static_cast<double>(counts[v]);
    }
    const std::vector<double> expected(symbols, kDraws * kTrials / static_cast<double>(symbols));
    const double chi = chi_square(totals, expected);
    const double dof = static_cast<double>(symbols) - 1;
    INFO("V = " << symbols << ": chi-square " << chi << " on " << dof << " degrees of freedom");
    CHECK(chi < dof + 5 * std::sqrt(2 * dof));  // about 5 standard deviations
  }
}

TEST_CASE("both paths of the sampler draw n samples, and the choice depends only on n and V",
          "[sampling]") {
  const MultinomialSampler uniform(std::vector<double>(4, 0.25));
  const MultinomialSampler skewed({0.7, 0.1, 0.1, 0.1});
  for (std::int64_t n : {1, 4, 63, 64, 65, 1000, 100000}) {
    Stream a({9, 0, static_cast<std::uint64_t>(n)}), b({9, 1, static_cast<std::uint64_t>(n)});
    const auto u = uniform.counts(a, n);
    const auto s = skewed.counts(b, n);
    CHECK(std::accumulate(u.begin(), u.end(), std::int64_t{0}) == n);
    CHECK(std::accumulate(s.begin(), s.end(), std::int64_t{0}) == n);
  }
}
