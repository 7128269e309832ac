// The n* search against exact ground truth: its interval contains the exact n*
// (the smallest n from which P(n) stays <= delta, computed by the exact failure
// curve) on several small cases, while the first crossing — what a bisection on
// "rate <= delta" finds — does not, where the rate is not monotone.
#include "sim/engine/n_star_search.h"
#include "sim/engine/exact_failure_curve.h"
#include "sim/experiments/contexts_experiment.h"
#include "theory/bound.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace elicit;
using namespace elicit::engine;

namespace {

struct SmallCase {
  std::vector<targets::Distribution> laws;
  Rational eps, delta;
};

targets::Distribution uniform(std::int64_t symbols) {
  return {std::vector<std::int64_t>(static_cast<std::size_t>(symbols), 1), symbols};
}

// McDiarmid's per-context size (theory/bounds_t2.cpp): P(n) <= delta for every n above.
std::int64_t mcdiarmid(const SmallCase& c) {
  theory::Parameters p;
  p.set(theory::Param::V, Rational(static_cast<long>(c.laws.front().size())));
  p.set(theory::Param::m, Rational(static_cast<long>(c.laws.size())));
  p.set(theory::Param::eps, c.eps);
  p.set(theory::Param::delta, c.delta);
  for (const auto& row :
       theory::evaluate_bounds(theory::Theorem::T2, theory::validate(theory::Theorem::T2, p))) {
    if (row.bound->id == "T2/mcdiarmid")
      return static_cast<std::int64_t>(row.evaluation.per_context->value());
  }
  throw std::logic_error("no McDiarmid row");
}

// The exact eventual n* and first crossing over [1, McDiarmid's size].
std::pair<std::int64_t, std::int64_t> exact_n_star(const SmallCase& c) {
  const auto curve = failure_curve(c.laws, c.eps, 1, mcdiarmid(c));
  const auto eventual = eventual_n_star(curve, c.delta);
  const auto first = first_crossing(curve, c.delta);
  REQUIRE(eventual.decided());
  REQUIRE(first.decided());
  return {*eventual.earliest, *first.earliest};
}

NStarSearch search(const SmallCase& c, std::uint64_t seed) {
  const experiments::ContextsExperiment experiment({seed, 0, 0}, c.laws, theory::Metric::l1);
  NStarSearchSettings settings;
  settings.proven_sufficient = mcdiarmid(c);
  settings.proven_by = "T2/mcdiarmid";
  settings.n_max = 1 << 20;
  settings.relative_tolerance = Rational(1, 50);
  settings.max_evaluations = 24;
  const VerdictTests tests(c.delta, 0.01 / settings.max_evaluations, 4000);
  return search_n_star(experiment, c.eps, c.delta, tests, settings);
}

}  // namespace

TEST_CASE("the n* interval contains the exact n* on small cases", "[engine][nstar][exact]") {
  const std::vector<SmallCase> cases = {
      {{uniform(2)}, Rational(1, 5), Rational(1, 10)},               // first crossing 60, n* 74
      {{uniform(8)}, Rational(2, 5), Rational(1, 20)},               // P(61) > delta > P(60): n* 65
      {{uniform(8)}, Rational(2, 5), Rational(4, 5)},                // first crossing 15, n* 18
      {{{{2, 1, 1}, 4}}, Rational(1, 3), Rational(1, 10)},           // a non-uniform law
      {{uniform(4), uniform(4)}, Rational(3, 10), Rational(1, 10)},  // m = 2 contexts
  };
  int non_monotone = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto [exact, first] = exact_n_star(cases[i]);
    const auto found = search(cases[i], 100 + i);
    INFO("case " << i << ": exact n* " << exact << " (first crossing " << first << "), search ["
                 << found.lower << ", " << found.upper << "] estimate " << found.estimate << ", "
                 << found.evaluations.size() << " evaluations");
    CHECK(found.lower <= exact);
    CHECK(exact <= found.upper);
    CHECK(found.lower <= found.estimate);
    CHECK(found.estimate <= found.upper);
    CHECK(found.evaluations.size() <= 24);
    // A procedure known to be wrong — taking the first crossing for n* — misses
    // where the rate is not monotone.
    if (first != exact) {
      ++non_monotone;
      CHECK_FALSE((first <= exact && exact <= first));
    }
  }
  CHECK(non_monotone >= 2);  // the cases include the two non-monotone examples
}

TEST_CASE("a search whose ceiling is not proven must HOLD there, or names n_max",
          "[engine][nstar][input]") {
  const SmallCase c{{uniform(8)}, Rational(1, 4), Rational(1, 20)};
  const experiments::ContextsExperiment experiment({1, 0, 0}, c.laws, theory::Metric::l1);
  NStarSearchSettings settings;
  settings.n_max = 50;  // far below n* ≈ 150, and nothing proven below it
  const VerdictTests tests(c.delta, 0.01 / settings.max_evaluations, 4000);
  try {
    (void)search_n_star(experiment, c.eps, c.delta, tests, settings);
    FAIL("the search accepted an n_max below n*");
  } catch (const SettingError& error) {
    CHECK(error.key() == "n_max");
  }
}
