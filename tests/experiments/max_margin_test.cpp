// The exact max-margin separator and T3's subset reading: known answers, a KKT
// certificate checked from scratch on random separable datasets (degenerate ones
// included), the support basis reproducing the separator, and the experiment.
#include "sim/experiments/max_margin.h"
#include "sim/experiments/support_subset_experiment.h"
#include "tests/random_instances.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace elicit;
using namespace elicit::experiments;
using elicit::testing::draw;
using transformer::LabelledPoint;

namespace {

LabelledPoint at(std::vector<Rational> x, int y) { return {std::move(x), Rational(y)}; }

Rational dot(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  Rational s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// The KKT conditions of min ‖w‖² s.t. y(w·x + b) >= 1, checked from their
// definitions: together they prove optimality (the problem is a convex QP).
void require_kkt(const std::vector<LabelledPoint>& data, const MaxMarginSeparator& s) {
  const std::size_t d = data.front().x.size();
  REQUIRE(s.basis.size() <= d + 1);
  REQUIRE(s.multipliers.size() == s.basis.size());
  std::vector<Rational> w(d, Rational(0));
  Rational sum = 0, norm = 0;
  for (std::size_t i = 0; i < s.basis.size(); ++i) {
    const auto& p = data[s.basis[i]];
    REQUIRE(s.multipliers[i] * p.y >= 0);                // α_i >= 0
    REQUIRE(p.y * (dot(s.weights, p.x) + s.bias) == 1);  // complementary slackness
    for (std::size_t c = 0; c < d; ++c) w[c] += s.multipliers[i] * p.x[c];
    sum += s.multipliers[i];
  }
  REQUIRE(w == s.weights);  // stationarity in w
  REQUIRE(sum == 0);        // stationarity in b
  for (const auto& c : s.weights) norm += c * c;
  REQUIRE(norm == s.squared_norm);
  std::set<std::size_t> active(s.active.begin(), s.active.end());
  for (std::size_t k = 0; k < data.size(); ++k) {
    const Rational margin = data[k].y * (dot(s.weights, data[k].x) + s.bias);
    REQUIRE(margin >= 1);  // primal feasibility
    REQUIRE((margin == 1) == (active.count(k) == 1));
  }
  for (auto i : s.basis) REQUIRE(active.count(i) == 1);
}

}  // namespace

TEST_CASE("max-margin separators: known answers", "[experiments][t3][max-margin]") {
  // Two points on a line: w = 1, b = 0, both support vectors.
  auto a = max_margin_separator({at({-1}, -1), at({1}, 1)});
  REQUIRE(a);
  CHECK(a->weights == std::vector<Rational>{1});
  CHECK(a->bias == 0);
  CHECK(a->squared_norm == 1);

  // (0,0) − against (2,0), (2,2) +: w = (1, 0), b = −1; all three active, two suffice.
  const std::vector<LabelledPoint> three = {at({0, 0}, -1), at({2, 0}, 1), at({2, 2}, 1)};
  auto b = max_margin_separator(three);
  REQUIRE(b);
  CHECK(b->weights == std::vector<Rational>{1, 0});
  CHECK(b->bias == -1);
  CHECK(b->basis == std::vector<std::size_t>{0, 1});
  CHECK(b->active == std::vector<std::size_t>{0, 1, 2});
  require_kkt(three, *b);

  // (0,0) − against (1,2), (−1,2) +: no pair suffices; w = (0, 1), b = −1 needs all three.
  const std::vector<LabelledPoint> wedge = {at({0, 0}, -1), at({1, 2}, 1), at({-1, 2}, 1)};
  auto c = max_margin_separator(wedge);
  REQUIRE(c);
  CHECK(c->weights == std::vector<Rational>{0, 1});
  CHECK(c->bias == -1);
  CHECK(c->basis.size() == 3);
  require_kkt(wedge, *c);

  // Not separable: XOR, and one point with both labels.
  CHECK_FALSE(max_margin_separator({at({0, 0}, 1), at({1, 1}, 1), at({1, 0}, -1), at({0, 1}, -1)}));
  CHECK_FALSE(max_margin_separator({at({3}, 1), at({3}, -1)}));
  CHECK_THROWS_WITH(check_support_subset({at({3}, 1), at({3}, -1)}),
                    Catch::Contains("not separable"));

  // One class: w = 0 and b = y.
  auto d = max_margin_separator({at({1, 2}, -1), at({3, 4}, -1)});
  REQUIRE(d);
  CHECK(d->weights == std::vector<Rational>{0, 0});
  CHECK(d->bias == -1);

  // Duplicates: the basis uses one copy of each side.
  auto e = max_margin_separator({at({-1}, -1), at({-1}, -1), at({1}, 1), at({1}, 1)});
  REQUIRE(e);
  CHECK(e->basis == std::vector<std::size_t>{0, 2});
  CHECK(e->active == std::vector<std::size_t>{0, 1, 2, 3});

  CHECK_THROWS_WITH(max_margin_separator({at({1}, 0)}), Catch::Contains("label"));
  CHECK_THROWS_WITH(max_margin_separator({at({1}, 1), at({1, 2}, -1)}),
                    Catch::Contains("dimension"));
}

TEST_CASE("on random separable datasets the separator satisfies KKT and its basis reproduces it",
          "[experiments][t3][max-margin]") {
  int largest_basis = 0, degenerate = 0, many_active = 0;
  for (std::uint64_t trial = 0; trial < 300; ++trial) {
    Stream stream({41, 1, trial});
    const int d = 1 + draw(stream, 3);
    const int n = 1 + draw(stream, 12);
    // A random halfspace with rational coefficients labels points of a small grid,
    // so duplicates, collinear points and ties are common; points on its boundary
    // are dropped to keep the data strictly separable.
    std::vector<Rational> w;
    for (int i = 0; i < d; ++i) w.emplace_back(draw(stream, 7) - 3, 1 + draw(stream, 2));
    Rational bias(draw(stream, 9) - 4, 1 + draw(stream, 3));
    if (bias == 0) bias = Rational(1, 2);         // with w = 0, a zero bias would label nothing
    const bool on_a_line = draw(stream, 4) == 0;  // degenerate: every x a multiple of one
    std::vector<LabelledPoint> data;
    while (static_cast<int>(data.size()) < n) {
      std::vector<Rational> x;
      const Rational t(draw(stream, 7) - 3, 1 + draw(stream, 2));
      for (int i = 0; i < d; ++i)
        x.push_back(on_a_line ? t * (i + 1) : Rational(draw(stream, 7) - 3, 1 + draw(stream, 2)));
      const Rational score = dot(w, x) + bias;
      if (score == 0) continue;
      data.push_back({x, Rational(score > 0 ? 1 : -1)});
    }
    INFO("trial " << trial << ": d = " << d << ", n = " << n);
    const auto svm = max_margin_separator(data);
    REQUIRE(svm);
    require_kkt(data, *svm);
    const auto check = check_support_subset(data);
    REQUIRE(check.same_separator);
    REQUIRE(check.disagreements == 0);
    REQUIRE(check.on_subset.squared_norm == svm->squared_norm);
    largest_basis = std::max(largest_basis, static_cast<int>(svm->basis.size()));
    degenerate += on_a_line ? 1 : 0;
    many_active += svm->active.size() > svm->basis.size() ? 1 : 0;
  }
  CHECK(largest_basis == 4);  // d + 1 = 4 was needed somewhere
  CHECK(degenerate > 30);
  CHECK(many_active > 30);  // more support vectors than the basis needs
}

TEST_CASE("the subset experiment: the max-margin learner never errs, the perceptron may",
          "[experiments][t3][max-margin]") {
  SupportSubsetSettings s;
  s.inputs = {targets::InputKind::lattice, 2, 4};
  const SupportSubsetExperiment exact({3, 0, 5}, s);
  s.learner = SubsetLearner::perceptron;
  const SupportSubsetExperiment perceptron({3, 0, 5}, s);
  CHECK(exact.target_law().values == perceptron.target_law().values);
  int perceptron_errs = 0;
  for (std::uint64_t trial = 0; trial < 40; ++trial) {
    const std::int64_t n = 4 + static_cast<std::int64_t>(trial % 20);
    const auto o = exact.outcome(n, trial);
    REQUIRE(o.check.same_separator);
    REQUIRE(exact.error(n, trial) == 0);
    REQUIRE(o.check.full.basis.size() <= 3);
    const auto p = perceptron.outcome(n, trial);
    REQUIRE(p.perceptron);
    REQUIRE(p.perceptron->converged);
    REQUIRE(perceptron.error(n, trial) == Rational(p.disagreements, n));
    perceptron_errs += p.disagreements > 0 ? 1 : 0;
    REQUIRE(perceptron.replay(n, trial, 1000).ran);
  }
  CHECK(perceptron_errs > 0);  // the perceptron on d+1 points does not reproduce D's separator
  CHECK_FALSE(exact.replay(10, 0, 1000).ran);
  CHECK_THROWS_WITH(exact.error(33, 0), Catch::Contains("n must be in [1, 32]"));
  SupportSubsetSettings high = s;
  high.inputs.dimension = 4;
  CHECK_THROWS_WITH(SupportSubsetExperiment({3, 0, 5}, high), Catch::Contains("dimension"));
}

TEST_CASE("the subset experiment's trial facts, a capped perceptron run is a failure",
          "[experiments][t3][max-margin]") {
  SupportSubsetSettings s;
  s.inputs = {targets::InputKind::lattice, 2, 4};
  s.placement = targets::BoundaryPlacement::origin;
  const SupportSubsetExperiment exact({4, 0, 6}, s);
  const auto facts = exact.trial_facts(12, 0);
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].name == "subset_separator_differs");
  CHECK(facts[0].value == 0);
  s.learner = SubsetLearner::perceptron;
  s.max_updates = 1;
  const SupportSubsetExperiment capped({4, 0, 6}, s);
  int cap_hits = 0;
  for (std::uint64_t trial = 0; trial < 20; ++trial) {
    const auto o = capped.outcome(12, trial);
    REQUIRE(o.perceptron);
    const auto f = capped.trial_facts(12, trial);
    REQUIRE(f.size() == 2);
    CHECK(f[1].name == "perceptron_cap_hits");
    CHECK(f[1].value == (o.perceptron->converged ? 0 : 1));
    if (!o.perceptron->converged) {
      ++cap_hits;
      CHECK(capped.fails(12, trial, Rational(999, 1000)));
    }
  }
  CHECK(cap_hits > 0);
}
