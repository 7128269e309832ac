// T3's halfspace experiment: the integer perceptron is the reference perceptron, the
// exact disagreement is a brute-force count, the sampled path's bracket holds the
// exact value, replays equal the fast path (and a wrong reference fails), targets
// stay fixed along a swept axis, and the margin band's facts are exact.
#include "sim/experiments/halfspace_experiment.h"
#include "sim/experiments/estimated_rate.h"
#include "sim/stats/clopper_pearson.h"
#include "tests/random_instances.h"

#include <catch2/catch.hpp>

using namespace elicit;
using namespace elicit::experiments;
using elicit::testing::draw;
using targets::InputKind;

namespace {

Rational side_of(const std::vector<Rational>& weights, const std::vector<Rational>& x) {
  Rational t = weights.back();
  for (std::size_t i = 0; i < x.size(); ++i) t += weights[i] * x[i];
  return t;
}

// The disagreement over the lattice {-R..R}^d by counting every point in
// Rationals, from the definitions (h(x) = 1[w·x + b > 0], the band's inequality).
Rational brute_force_disagreement(const HalfspaceExperiment& e, const std::vector<Rational>& w,
                                  int d, std::int64_t radius, const Rational& gamma) {
  const std::int64_t side = 2 * radius + 1;
  std::int64_t total = 1;
  for (int i = 0; i < d; ++i) total *= side;
  const auto w_star = e.target().exact_weights();
  const Rational norm2 = e.target().squared_weight_norm();
  std::int64_t kept = 0, disagreeing = 0;
  for (std::int64_t index = 0; index < total; ++index) {
    std::vector<Rational> x;
    for (std::int64_t i = 0, rest = index; i < d; ++i, rest /= side)
      x.emplace_back(rest % side - radius);
    std::vector<Rational> u = w_star;
    u.push_back(e.target().exact_bias());
    const Rational t = side_of(u, x);
    if (t * t < gamma * gamma * norm2) continue;
    ++kept;
    if ((side_of(w, x) > 0) != (t > 0)) ++disagreeing;
  }
  return Rational(disagreeing, kept);
}

HalfspaceSettings lattice_settings(int d, std::int64_t radius, const Rational& gamma = 0) {
  HalfspaceSettings s;
  s.inputs = {InputKind::lattice, d, radius};
  s.margin = gamma;
  return s;
}

}  // namespace

TEST_CASE("the integer perceptron equals perceptron_reference, capped runs included",
          "[experiments][t3]") {
  int capped = 0;
  for (std::uint64_t trial = 0; trial < 300; ++trial) {
    Stream stream({31, 1, trial});
    const int d = 1 + draw(stream, 4);
    const std::int64_t scale = 1 + draw(stream, 8);
    const auto n = static_cast<std::size_t>(1 + draw(stream, 20));
    std::vector<std::vector<std::int64_t>> points(n);
    std::vector<int> labels(n);
    std::vector<transformer::LabelledPoint> examples(n);
    for (std::size_t j = 0; j < n; ++j) {
      for (int i = 0; i < d; ++i) {
        points[j].push_back(draw(stream, 11) - 5);
        examples[j].x.emplace_back(points[j].back(), scale);
      }
      labels[j] = draw(stream, 2) ? 1 : -1;  // arbitrary labels: often not separable
      examples[j].y = labels[j];
    }
    const int cap = 1 + draw(stream, 60);
    const PerceptronRun fast = scaled_perceptron(points, labels, scale, cap);
    const auto reference = transformer::perceptron_reference(examples, cap);
    INFO("trial " << trial);
    REQUIRE(fast.weights == reference.weights);
    REQUIRE(fast.updates == reference.updates);
    REQUIRE(fast.converged == reference.converged);
    for (std::size_t i = 0; i < fast.weights.size(); ++i)
      REQUIRE(fast.weights[i] * scale == fast.scaled[i]);
    capped += fast.converged ? 0 : 1;
  }
  CHECK(capped > 30);
  CHECK_THROWS(scaled_perceptron({{1}}, {0}, 1, 5));
  CHECK_THROWS(scaled_perceptron({}, {}, 1, 5));
}

TEST_CASE("the exact disagreement equals a brute-force count over the lattice",
          "[experiments][t3]") {
  int positive_errors = 0;
  for (std::uint64_t law = 0; law < 12; ++law) {
    const int d = 1 + static_cast<int>(law % 3);
    const std::int64_t radius = 2 + static_cast<std::int64_t>(law % 4);
    const Rational gamma = law % 2 ? Rational(1, 2) : Rational(0);
    const HalfspaceExperiment e({5, 0, law}, lattice_settings(d, radius, gamma));
    REQUIRE(e.exact());
    REQUIRE(e.failure_slack() == 0);
    for (std::uint64_t trial = 0; trial < 8; ++trial) {
      const std::int64_t n = 1 + static_cast<std::int64_t>(trial * 3);
      const Rational error = e.error(n, trial);
      INFO("law " << law << " trial " << trial << ": " << to_string(error));
      REQUIRE(error == brute_force_disagreement(e, e.learn(n, trial).weights, d, radius, gamma));
      positive_errors += error > 0 ? 1 : 0;
      const auto f = e.bracketed_failure(n, trial, Rational(1, 20));
      REQUIRE(f.surely == f.possibly);
      REQUIRE(f.surely == (error > Rational(1, 20)));
    }
  }
  CHECK(positive_errors > 40);  // small samples do err
}

TEST_CASE("the sampled bracket holds the exact disagreement on lattice cases",
          "[experiments][t3]") {
  // The same cell twice: enumerated and sampled. The training set is drawn first in
  // both, so the learned halfspace is the same; the sampled twin adds a test sample.
  HalfspaceSettings exact = lattice_settings(2, 6);
  HalfspaceSettings sampled = exact;
  sampled.method = DisagreementMethod::sample;
  sampled.test_points = 4000;
  sampled.test_level = 1e-6;
  const HalfspaceExperiment a({8, 1, 77}, exact), b({8, 1, 77}, sampled);
  REQUIRE(b.failure_slack() == 1e-6);
  REQUIRE_FALSE(b.exact());
  int split = 0, decided = 0;
  for (std::uint64_t trial = 0; trial < 300; ++trial) {
    const std::int64_t n = 2 + static_cast<std::int64_t>(trial % 30);
    const Rational truth = a.error(n, trial);
    const std::int64_t hits = b.test_disagreements(n, trial);
    REQUIRE(b.error(n, trial) == Rational(hits, 4000));
    const auto ci = stats::clopper_pearson(hits, 4000, 1 - 2e-6);
    INFO("trial " << trial << ": exact " << to_string(truth) << ", sampled " << hits << "/4000");
    REQUIRE(ci.lower <= to_double(truth));
    REQUIRE(to_double(truth) <= ci.upper);
    for (const Rational& eps :
         {truth / 2, truth, truth * 3 / 2, Rational(1, 50), Rational(1, 10)}) {
      const auto f = b.bracketed_failure(n, trial, eps);
      REQUIRE((!f.surely || truth > eps));    // surely implies error > eps
      REQUIRE((truth <= eps || f.possibly));  // error > eps implies possibly
      REQUIRE((!f.surely || f.possibly));
      // Tolerances at the error itself are undecided by design; fixed ones mostly not.
      const bool fixed = eps == Rational(1, 50) || eps == Rational(1, 10);
      split += fixed && f.surely != f.possibly ? 1 : 0;
      decided += fixed && f.surely == f.possibly ? 1 : 0;
    }
  }
  CHECK(split > 0);            // the band is real,
  CHECK(decided > 4 * split);  // and narrow: most comparisons with a fixed eps are decided
}

TEST_CASE("the bracket's double tails agree with exact binomial tails, never flipping",
          "[experiments][t3]") {
  // M = 30: the exact tails P(Bin(30, eps) >= H) and P(Bin(30, eps) <= H) in Rationals.
  constexpr std::int64_t kPoints = 30;
  const double level = 1e-2;
  int surely_seen = 0, not_possibly_seen = 0;
  for (const Rational& eps : {Rational(1, 10), Rational(1, 3), Rational(1, 7), Rational(3, 5)}) {
    std::vector<Rational> pmf;
    for (std::int64_t k = 0; k <= kPoints; ++k) {
      Integer choose = 1;
      for (std::int64_t i = 0; i < k; ++i) choose = choose * (kPoints - i) / (i + 1);
      Rational p = Rational(choose);
      for (std::int64_t i = 0; i < k; ++i) p *= eps;
      for (std::int64_t i = 0; i < kPoints - k; ++i) p *= 1 - eps;
      pmf.push_back(p);
    }
    for (std::int64_t hits = 0; hits <= kPoints; ++hits) {
      Rational upper_tail = 0, lower_tail = 0;
      for (std::int64_t k = hits; k <= kPoints; ++k) upper_tail += pmf[static_cast<std::size_t>(k)];
      for (std::int64_t k = 0; k <= hits; ++k) lower_tail += pmf[static_cast<std::size_t>(k)];
      const Rational beta(level);
      const bool surely = hits > 0 && upper_tail < beta;
      const bool possibly = hits == kPoints || lower_tail > beta;
      const auto f = bracket_estimated_rate(hits, kPoints, eps, level);
      INFO("eps " << to_string(eps) << " hits " << hits);
      REQUIRE(f.surely == surely);  // no tail here is within 1e-9 of the level
      REQUIRE(f.possibly == possibly);
      surely_seen += surely ? 1 : 0;
      not_possibly_seen += possibly ? 0 : 1;
    }
  }
  CHECK(surely_seen > 10);
  CHECK(not_possibly_seen > 10);
  // The trivial tolerances and bad input.
  CHECK_FALSE(bracket_estimated_rate(30, 30, Rational(1), 1e-6).possibly);
  CHECK(bracket_estimated_rate(0, 30, Rational(0), 1e-6).possibly);
  CHECK_FALSE(bracket_estimated_rate(0, 30, Rational(0), 1e-6).surely);
  CHECK(bracket_estimated_rate(1, 30, Rational(0), 1e-6).surely);
  CHECK_THROWS(bracket_estimated_rate(31, 30, Rational(1, 2), 1e-6));
  CHECK_THROWS(bracket_estimated_rate(1, 30, Rational(1, 2), 0));
}

TEST_CASE("T3 replays equal the fast path, a wrong reference makes them throw",
          "[experiments][t3]") {
  int capped = 0;
  for (std::uint64_t law = 0; law < 16; ++law) {
    HalfspaceSettings s;
    const int d = 1 + static_cast<int>(law % 4);
    s.inputs = law % 2 ? targets::InputLawSpec{InputKind::gaussian, d, 0, 3}
                       : targets::InputLawSpec{InputKind::lattice, d, 4};
    s.margin = law % 4 == 1 ? Rational(1, 3) : Rational(0);
    s.max_updates = law % 3 == 0 ? 4 : 2000;  // some runs hit the cap
    s.test_points = 50;
    const HalfspaceExperiment e({9, law, law}, s);
    for (std::uint64_t trial = 0; trial < 6; ++trial) {
      const std::int64_t n = 1 + static_cast<std::int64_t>(5 * trial);
      const auto outcome = e.replay(n, trial, 1000);
      REQUIRE(outcome.ran);
      CHECK_THAT(outcome.detail, Catch::Contains("weights equal"));
      capped += e.learn(n, trial).converged ? 0 : 1;
    }
    CHECK_FALSE(e.replay(40, 0, 10).ran);  // 41 rows above the cap of 10
  }
  CHECK(capped > 0);

  // The replay's comparison fails on a mutated weight and on a wrong update count.
  const HalfspaceExperiment e({9, 0, 0}, lattice_settings(2, 4));
  const auto data = e.sample(12, 3);
  std::vector<transformer::LabelledPoint> examples;
  for (std::size_t j = 0; j < data.points.size(); ++j)
    examples.push_back({e.inputs().exact(data.points[j]), Rational(data.labels[j])});
  PerceptronRun run = e.learn(12, 3);
  REQUIRE(run.updates > 0);
  CHECK_NOTHROW(require_perceptron_replay(examples, run, 100000, "ok"));
  PerceptronRun mutated = run;
  mutated.weights[0] += 1;
  CHECK_THROWS_AS(require_perceptron_replay(examples, mutated, 100000, "mutated"),
                  engine::ReplayMismatch);
  PerceptronRun miscounted = run;
  miscounted.updates += 1;
  CHECK_THROWS_WITH(require_perceptron_replay(examples, miscounted, 100000, "miscounted"),
                    Catch::Contains("miscounted"));
}

TEST_CASE("the target is fixed by the cell's law, not by the cell or the sample size",
          "[experiments][t3]") {
  const auto s = lattice_settings(3, 4);
  const HalfspaceExperiment first({11, 0, 42}, s), second({11, 5, 42}, s), other({11, 0, 43}, s);
  CHECK(first.target_law().values == second.target_law().values);
  CHECK(first.target_law().digest == second.target_law().digest);
  CHECK(first.target_law().digest != other.target_law().digest);
  REQUIRE(first.target_law().values.size() == 1);
  CHECK(first.target_law().values[0].size() == 4);  // w* (3) and b*
  CHECK(first.target_law().values[0].back() == first.target().exact_bias());
  // Different cells draw different trials from the same target.
  CHECK(first.sample(20, 0).points != second.sample(20, 0).points);
  CHECK_THAT(first.target_description(), Catch::Contains("lattice(d=3, R=4)"));
  // Through the origin: b* = 1/2 on the lattice, whatever w*.
  auto centred = s;
  centred.placement = targets::BoundaryPlacement::origin;
  CHECK(HalfspaceExperiment({11, 0, 42}, centred).target().exact_bias() == Rational(1, 2));
}

TEST_CASE("the margin band: samples avoid it, and its facts are exact counts",
          "[experiments][t3]") {
  const Rational gamma(1, 2);
  const HalfspaceExperiment e({12, 0, 7}, lattice_settings(2, 5, gamma));
  const auto& w = e.target();
  // accepted_fraction by counting the lattice in Rationals.
  std::int64_t kept = 0;
  Rational largest_norm = 0, smallest_margin = -1;
  for (std::int64_t a = -5; a <= 5; ++a) {
    for (std::int64_t b = -5; b <= 5; ++b) {
      const Rational t = Rational(w.weights()[0] * a + w.weights()[1] * b) + w.exact_bias();
      if (t * t < gamma * gamma * w.squared_weight_norm()) continue;
      ++kept;
      largest_norm = std::max(largest_norm, Rational(a * a + b * b + 1));
      if (smallest_margin < 0 || t * t < smallest_margin) smallest_margin = t * t;
    }
  }
  const auto facts = e.facts_at(10, Rational(1, 10));
  REQUIRE(facts.size() == 2);
  CHECK(facts[0].name == "accepted_fraction");
  CHECK(facts[0].value == Rational(kept, 121));
  CHECK(kept < 121);
  const Rational u_norm = Rational(w.squared_weight_norm()) + w.exact_bias() * w.exact_bias();
  CHECK(facts[1].name == "perceptron_mistake_bound");
  CHECK(facts[1].value == largest_norm * u_norm / smallest_margin);
  for (std::uint64_t trial = 0; trial < 30; ++trial) {
    const auto data = e.sample(25, trial);
    const targets::MarginBand band(w, gamma);
    for (const auto& v : data.points) REQUIRE_FALSE(band.rejects(v));
    REQUIRE(e.learn(25, trial).updates <= facts[1].value);  // Novikoff holds
  }
  // A band that leaves no lattice point is refused up front.
  CHECK_THROWS_WITH(HalfspaceExperiment({12, 0, 7}, lattice_settings(1, 1, Rational(1000))),
                    Catch::Contains("rejects every point"));
}

TEST_CASE("without a margin the Gaussian grid can exhaust the cap, and the summary says so",
          "[experiments][t3]") {
  HalfspaceSettings s;
  s.inputs = {InputKind::gaussian, 4, 0, 12};  // a margin of only 2^-13 on the grid
  s.max_updates = 30;
  s.test_points = 1000;
  const HalfspaceExperiment e({13, 0, 3}, s);
  const UpdateSummary summary = e.update_summary(200, 10);
  CHECK(summary.trials == 10);
  CHECK(summary.cap_hits > 0);
  CHECK(summary.most_updates == 30);
  CHECK(summary.mean_updates > 0);
  CHECK_THAT(e.engine(), Catch::Contains("at most 30 updates"));
  CHECK(e.facts_at(200, Rational(1, 10)).empty());  // an unbounded law has no exact facts
  HalfspaceSettings forced = s;
  forced.method = DisagreementMethod::enumerate;
  CHECK_THROWS_WITH(HalfspaceExperiment({13, 0, 3}, forced), Catch::Contains("unboundedly many"));
}

TEST_CASE("a run that reaches the perceptron's cap is a failure whatever its error, and counted",
          "[experiments][t3][cap]") {
  const Rational almost_one(999, 1000);  // no disagreement is above it
  for (const bool sampled : {false, true}) {
    INFO((sampled ? "sampled" : "exact") << " disagreement");
    HalfspaceSettings s = lattice_settings(2, 4);
    s.max_updates = 1;  // almost every run needs more
    if (sampled) {
      s.method = DisagreementMethod::sample;
      s.test_points = 200;
    }
    const HalfspaceExperiment e({14, 0, 3}, s);
    CHECK_FALSE(e.always_converges());
    int capped = 0, converged = 0;
    for (std::uint64_t trial = 0; trial < 20; ++trial) {
      const bool cap = !e.learn(30, trial).converged;
      const auto facts = e.trial_facts(30, trial);
      REQUIRE(facts.size() == 1);
      CHECK(facts[0].name == "perceptron_cap_hits");
      CHECK(facts[0].summed);
      CHECK(facts[0].value == (cap ? 1 : 0));
      if (cap) {
        ++capped;
        CHECK(e.error(30, trial) <= almost_one);  // its error alone would not fail
        CHECK(e.fails(30, trial, almost_one));
        CHECK(e.bracketed_failure(30, trial, almost_one).surely);
      } else {
        ++converged;
        CHECK_FALSE(e.bracketed_failure(30, trial, almost_one).possibly);
      }
    }
    CHECK(capped > 0);
    CHECK_THAT(e.engine(), Catch::Contains("counts as a failure"));
  }
}

TEST_CASE("a finite law too large to enumerate still bounds the perceptron's updates",
          "[experiments][t3][cap]") {
  HalfspaceSettings s = lattice_settings(12, 1);  // 3^12 points, above the 2^16 enumerated
  s.placement = targets::BoundaryPlacement::origin;
  s.test_points = 500;
  const HalfspaceExperiment e({15, 0, 4}, s);
  REQUIRE_FALSE(e.exact());
  REQUIRE(e.mistake_bound());
  // ‖(x, 1)‖² <= 13, ‖u‖² = ‖w*‖² + 1/4, |w*·x + b*| >= 1/2.
  const Rational expected =
      13 * (Rational(e.target().squared_weight_norm()) + Rational(1, 4)) / Rational(1, 4);
  CHECK(*e.mistake_bound() == expected);
  CHECK(e.always_converges());
  const auto facts = e.facts_at(50, Rational(1, 10));
  REQUIRE(facts.size() == 1);
  CHECK(facts[0].name == "perceptron_mistake_bound");
  for (std::uint64_t trial = 0; trial < 10; ++trial) {
    const auto run = e.learn(60, trial);
    CHECK(run.converged);
    CHECK(run.updates <= *e.mistake_bound());
  }
  // The unbounded Gaussian has none.
  HalfspaceSettings g;
  g.inputs = {InputKind::gaussian, 3, 0, 6};
  g.test_points = 100;
  const HalfspaceExperiment gaussian({15, 0, 4}, g);
  CHECK_FALSE(gaussian.mistake_bound());
  CHECK_FALSE(gaussian.always_converges());
}
