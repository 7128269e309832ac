// The worst-target search against brute force: for V = 3 and small n it finds a law
// whose exact failure probability is within 1% of the maximum over a fine grid of the
// simplex, and the law it finds at the uniform law's last failing n needs at least as
// many samples as the uniform law.
#include "sim/engine/worst_target_search.h"
#include "sim/engine/exact_failure_curve.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <tuple>

using namespace elicit;
using namespace elicit::engine;

namespace {

TargetObjective exact_objective(std::int64_t n, const Rational& eps) {
  return [=](const targets::Distribution& law) {
    const auto p = failure_probability({law}, n, eps);
    return ObjectiveValue{p.value, p.value - p.error_bound, p.value + p.error_bound};
  };
}

}  // namespace

TEST_CASE("the simplex grid is every law of resolution R once, up to a permutation",
          "[engine][worst]") {
  // Partitions of 6 into at most 3 parts: 6, 51, 42, 411, 33, 321, 222.
  const auto grid = simplex_grid(3, 6);
  CHECK(grid.size() == 7);
  for (const auto& law : grid) {
    CHECK(std::accumulate(law.weights.begin(), law.weights.end(), std::int64_t{0}) == 6);
    CHECK(std::is_sorted(law.weights.rbegin(), law.weights.rend()));
  }
}

TEST_CASE("V = 3, n = 12, eps = 1/2: the search is within 1% of the brute-force maximum",
          "[engine][worst]") {
  const std::int64_t n = 12;
  const Rational eps(1, 2);
  const auto objective = exact_objective(n, eps);
  // Brute force over the grid of resolution 60 (every law with weights over 60).
  double brute = 0;
  for (const auto& law : simplex_grid(3, 60)) brute = std::max(brute, objective(law).value);
  WorstTargetSettings settings;
  const auto found = search_worst_target(3, objective, settings);
  INFO("search: " << found.best_value.value << " at (" << found.best.weights[0] << ", "
                  << found.best.weights[1] << ", " << found.best.weights[2] << ")/"
                  << found.best.total << "; brute force " << brute << "; uniform "
                  << found.uniform_value.value << "; " << found.trace.size() << " evaluations");
  CHECK(found.best_value.value >= 0.99 * brute);
  CHECK(found.best_value.value > 1.5 * found.uniform_value.value);  // 0.126 against 0.070
  CHECK(found.uniform_value.value == Approx(0.070433).margin(1e-6));
  CHECK_FALSE(found.budget_exhausted);
}

TEST_CASE("the law found at the uniform law's last failing n needs at least as many samples",
          "[engine][worst]") {
  for (const auto& [symbols, eps, delta] : {std::tuple{3, Rational(1, 2), Rational(1, 10)},
                                            std::tuple{3, Rational(1, 3), Rational(1, 5)},
                                            std::tuple{4, Rational(1, 2), Rational(1, 10)}}) {
    const targets::Distribution uniform{
        std::vector<std::int64_t>(static_cast<std::size_t>(symbols), 1), symbols};
    // McDiarmid's size per context, (sqrt(V-1) + sqrt(2 ln(1/delta)))^2/eps^2: P <= delta
    // beyond it for every law, so the curves need go no further.
    const double root = std::sqrt(symbols - 1.0) + std::sqrt(2 * std::log(1 / to_double(delta)));
    const auto top =
        static_cast<std::int64_t>(std::ceil(root * root / std::pow(to_double(eps), 2)));
    const auto uniform_n = eventual_n_star(failure_curve({uniform}, eps, 1, top), delta);
    REQUIRE(uniform_n.decided());
    const std::int64_t last_failing = *uniform_n.earliest - 1;
    WorstTargetSettings settings;
    settings.budget = 200;
    const auto found = search_worst_target(symbols, exact_objective(last_failing, eps), settings);
    const auto worst_n = eventual_n_star(failure_curve({found.best}, eps, 1, top), delta);
    REQUIRE(worst_n.decided());
    INFO("V = " << symbols << ", eps = " << to_string(eps) << ", delta = " << to_string(delta)
                << ": uniform n* " << *uniform_n.earliest << ", worst n* " << *worst_n.earliest);
    CHECK(*worst_n.earliest >= *uniform_n.earliest);
  }
}
