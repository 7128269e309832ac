// T4's label-mean experiment: every term equals its definition computed in Rationals
// with the reference retrieval; the bias is exactly zero where neighbours share p(x)
// and dominates with a steep link on sparse data; replays equal the fast path and a
// wrong reference fails; the target stays fixed and D does not depend on k.
#include "sim/experiments/label_mean_experiment.h"
#include "sim/transformer/retrieval.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace elicit;
using namespace elicit::experiments;
using targets::InputKind;
using targets::LinkKind;

namespace {

LabelMeanSettings settings_of(targets::InputLawSpec inputs, targets::LinkSpec link,
                              std::int64_t dataset, int queries) {
  LabelMeanSettings s;
  s.inputs = inputs;
  s.link = link;
  s.dataset_size = dataset;
  s.queries = queries;
  return s;
}

}  // namespace

TEST_CASE("each term equals its definition in Rationals with the reference retrieval",
          "[experiments][t4]") {
  const targets::InputLawSpec laws[] = {{InputKind::lattice, 2, 3},
                                        {InputKind::gaussian, 3, 0, 3},
                                        {InputKind::fractions, 1, 2, 0, 3}};
  const targets::LinkSpec links[] = {{LinkKind::clipped_linear, Rational(1, 5), Rational(1, 2)},
                                     {LinkKind::piecewise_sigmoid, Rational(3, 2), Rational(0)}};
  int positive_bias = 0;
  for (std::uint64_t law = 0; law < 6; ++law) {
    const LabelMeanExperiment e({21, law, law}, settings_of(laws[law % 3], links[law % 2], 60, 3));
    for (std::uint64_t trial = 0; trial < 4; ++trial) {
      const auto d = e.dataset(trial);
      std::vector<transformer::LabelledPoint> examples;
      for (std::size_t j = 0; j < d.points.size(); ++j) {
        examples.push_back({e.inputs().exact(d.points[j]), Rational(d.labels[j])});
        REQUIRE(Rational(d.probabilities[j], e.target().denominator()) ==
                e.target().probability(d.points[j]));
      }
      for (const std::int64_t k : {1, 7, 60}) {
        const auto o = e.outcome(k, trial);
        REQUIRE(o.queries.size() == 3);
        Rational most = 0;
        for (std::size_t i = 0; i < 3; ++i) {
          const auto& q = o.queries[i];
          const auto query = e.inputs().exact(e.queries()[i]);
          INFO("law " << law << " trial " << trial << " k " << k << " query " << i);
          REQUIRE(q.neighbours ==
                  transformer::nearest_examples(examples, query, static_cast<std::size_t>(k)));
          Rational labels = 0, mass = 0;
          for (auto j : q.neighbours) {
            labels += examples[j].y;
            mass += e.target().probability(d.points[j]);
          }
          const Rational p_hat = labels / k, p_bar = mass / k;
          const Rational p = e.target().probability(e.queries()[i]);
          REQUIRE(q.estimate == p_hat);
          REQUIRE(q.neighbour_mean == p_bar);
          REQUIRE(q.truth == p);
          REQUIRE(q.sampling == abs(p_hat - p_bar));
          REQUIRE(q.bias == abs(p_bar - p));
          REQUIRE(q.total == abs(p_hat - p));
          REQUIRE(q.total <= q.sampling + q.bias);
          most = std::max(most, q.total);
          positive_bias += q.bias > 0 ? 1 : 0;
        }
        REQUIRE(o.total == most);
        REQUIRE(e.error(k, trial) == o.total);
      }
    }
  }
  CHECK(positive_bias > 20);
}

TEST_CASE("the bias is exactly zero where the neighbours share p(x)", "[experiments][t4]") {
  // A constant link: p = 1/3 everywhere.
  const LabelMeanExperiment flat(
      {22, 0, 1}, settings_of({InputKind::gaussian, 2, 0, 4},
                              {LinkKind::clipped_linear, Rational(0), Rational(1, 3)}, 300, 5));
  // Dense duplicates: 5 lattice points, N = 2000, so the k <= 200 nearest of a query
  // all sit on its own point (about 400 copies each).
  const LabelMeanExperiment dense(
      {22, 0, 2}, settings_of({InputKind::lattice, 1, 2},
                              {LinkKind::clipped_linear, Rational(1, 4), Rational(1, 2)}, 2000, 4));
  for (std::uint64_t trial = 0; trial < 20; ++trial) {
    for (const std::int64_t k : {1, 50, 200}) {
      const auto a = flat.outcome(k, trial);
      REQUIRE(a.bias == 0);
      REQUIRE(a.total == a.sampling);
      const auto b = dense.outcome(k, trial);
      REQUIRE(b.bias == 0);
      REQUIRE(b.total == b.sampling);
      const auto d = dense.dataset(trial);
      for (std::size_t i = 0; i < b.queries.size(); ++i) {
        for (auto j : b.queries[i].neighbours) REQUIRE(d.points[j] == dense.queries()[i]);
      }
    }
  }
  // The measure picks the term: the bias is 0 whatever the labels.
  LabelMeanSettings bias_only =
      settings_of({InputKind::lattice, 1, 2},
                  {LinkKind::clipped_linear, Rational(1, 4), Rational(1, 2)}, 2000, 4);
  bias_only.measure = LabelMeanMeasure::bias;
  const LabelMeanExperiment measured({22, 0, 2}, bias_only);
  CHECK(measured.error(100, 3) == 0);
  CHECK(dense.error(100, 3) > 0);  // while the total is not
}

TEST_CASE("a steep link on sparse data: the bias dominates and does not fall with k",
          "[experiments][t4]") {
  // 41² lattice points, N = 300: the k nearest reach several steps from the query,
  // and p changes by up to 3/20 per step and is clipped at 0 and 1, so their mean
  // misses p(x) by more the farther they reach.
  const auto settings =
      settings_of({InputKind::lattice, 2, 20},
                  {LinkKind::clipped_linear, Rational(1, 20), Rational(1, 2)}, 300, 10);
  const LabelMeanExperiment e({23, 0, 4}, settings);
  double sampling_small = 0, sampling_large = 0, bias_small = 0, bias_large = 0;
  constexpr int kTrials = 20;
  for (std::uint64_t trial = 0; trial < kTrials; ++trial) {
    const auto small = e.outcome(10, trial), large = e.outcome(150, trial);
    sampling_small += to_double(small.sampling) / kTrials;
    sampling_large += to_double(large.sampling) / kTrials;
    bias_small += to_double(small.bias) / kTrials;
    bias_large += to_double(large.bias) / kTrials;
  }
  INFO("sampling " << sampling_small << " -> " << sampling_large << ", bias " << bias_small
                   << " -> " << bias_large);
  CHECK(sampling_large < sampling_small / 2);  // the 1/sqrt(k) term falls
  CHECK(bias_large > bias_small);              // farther neighbours: more bias
  CHECK(bias_large > 2 * sampling_large);      // and it dominates
}

TEST_CASE("T4 replays equal the fast path, a wrong reference makes them throw",
          "[experiments][t4]") {
  const LabelMeanExperiment e(
      {24, 0, 5}, settings_of({InputKind::lattice, 2, 2},
                              {LinkKind::piecewise_sigmoid, Rational(1), Rational(0)}, 80, 3));
  for (std::uint64_t trial = 0; trial < 5; ++trial) {
    for (const std::int64_t k : {1, 9, 80}) {
      const auto outcome = e.replay(k, trial, 100000);
      REQUIRE(outcome.ran);
      CHECK_THAT(outcome.detail, Catch::Contains("retrieval and mean labels equal"));
    }
  }
  CHECK_FALSE(e.replay(80, 0, 100).ran);  // 3 · 162 tokens above the cap

  const auto d = e.dataset(1);
  std::vector<transformer::LabelledPoint> examples;
  for (std::size_t j = 0; j < d.points.size(); ++j)
    examples.push_back({e.inputs().exact(d.points[j]), Rational(d.labels[j])});
  const auto o = e.outcome(9, 1);
  const auto query = e.inputs().exact(e.queries()[0]);
  const auto& q = o.queries[0];
  CHECK_NOTHROW(require_label_average_replay(examples, query, q.neighbours, q.estimate, "ok"));
  CHECK_THROWS_WITH(require_label_average_replay(examples, query, q.neighbours,
                                                 q.estimate + Rational(1, 9), "bad"),
                    Catch::Contains("label-averaging transformer outputs"));
  std::vector<std::size_t> shifted = q.neighbours;
  shifted.back() = shifted.back() + 1 < examples.size() ? shifted.back() + 1 : 0;
  std::sort(shifted.begin(), shifted.end());
  if (shifted != q.neighbours) {
    CHECK_THROWS_AS(require_label_average_replay(examples, query, shifted, q.estimate, "bad"),
                    engine::ReplayMismatch);
  }
}

TEST_CASE("the model is fixed by the law, D does not depend on k", "[experiments][t4]") {
  const auto s = settings_of({InputKind::lattice, 2, 5},
                             {LinkKind::clipped_linear, Rational(1, 4), Rational(1, 2)}, 100, 4);
  const LabelMeanExperiment a({25, 0, 9}, s), b({25, 3, 9}, s), c({25, 0, 10}, s);
  CHECK(a.target_law().digest == b.target_law().digest);
  CHECK(a.target_law().values == b.target_law().values);
  CHECK(a.target_law().digest != c.target_law().digest);
  REQUIRE(a.target_law().values.size() == 5);  // (w*, b*) and 4 queries with p
  CHECK(a.target_law().values[1].back() == a.target().probability(a.queries()[0]));
  // Nested retrievals along k: the 5 nearest are among the 20 nearest.
  for (std::uint64_t trial = 0; trial < 10; ++trial) {
    const auto small = a.outcome(5, trial), large = a.outcome(20, trial);
    for (std::size_t i = 0; i < 4; ++i) {
      for (auto j : small.queries[i].neighbours) {
        REQUIRE(std::binary_search(large.queries[i].neighbours.begin(),
                                   large.queries[i].neighbours.end(), j));
      }
    }
  }
  CHECK_THROWS_WITH(a.error(101, 0), Catch::Contains("k = n must be in [1, N = 100]"));
  LabelMeanSettings bad = s;
  bad.dataset_size = 0;
  CHECK_THROWS_WITH(LabelMeanExperiment({25, 0, 9}, bad), Catch::Contains("dataset size"));
  CHECK_THAT(a.engine(), Catch::Contains("max over 4 queries of the total term"));
}

TEST_CASE("the T4 experiment's trial facts are the trial's largest terms", "[experiments][t4]") {
  const LabelMeanExperiment e(
      {6, 0, 10},
      settings_of({InputKind::lattice, 2, 5}, {LinkKind::clipped_linear, Rational(1, 2)}, 300, 4));
  for (std::uint64_t trial = 0; trial < 4; ++trial) {
    const auto o = e.outcome(40, trial);
    const auto facts = e.trial_facts(40, trial);
    REQUIRE(facts.size() == 2);
    CHECK(facts[0].name == "largest_sampling_term");
    CHECK(facts[0].value == o.sampling);
    CHECK(facts[1].name == "largest_neighbour_bias");
    CHECK(facts[1].value == o.bias);
    CHECK_FALSE(facts[1].summed);
  }
}
