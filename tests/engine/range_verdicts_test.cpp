// Verdicts over a range of sizes: the nested datasets have the exact law at every size
// (against the exact dynamic program), a size's verdict is the one its own sequential test
// gives alone, the results do not depend on threads, and the family-wise error, computed
// exactly from each size's operating characteristic, is within the stated level, where the
// same per-size test without correction is not.
#include "sim/engine/range_verdicts.h"

#include "sim/engine/exact_failure_curve.h"
#include "sim/experiments/contexts_experiment.h"
#include "sim/experiments/label_mean_experiment.h"
#include "sim/stats/operating_characteristic.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace elicit;
using namespace elicit::engine;

namespace {

targets::Distribution uniform(std::int64_t symbols) {
  return {std::vector<std::int64_t>(static_cast<std::size_t>(symbols), 1), symbols};
}

// A T2 experiment whose nested path is switched off: each size drawn afresh.
class Afresh : public experiments::ContextsExperiment {
 public:
  using ContextsExperiment::ContextsExperiment;
  bool nested() const override { return false; }
};

}  // namespace

TEST_CASE("grown datasets have the exact failure law at every size", "[engine][range][exact]") {
  struct Law {
    std::vector<targets::Distribution> contexts;
    Rational eps;
  };
  const std::vector<Law> laws = {{{uniform(2)}, Rational(1, 5)},
                                 {{{{2, 1, 1}, 4}}, Rational(1, 3)},
                                 {{uniform(3), uniform(3), uniform(3)}, Rational(1, 2)}};
  constexpr std::int64_t kFirst = 20, kLast = 60;
  constexpr int kTrials = 20000;
  for (std::size_t l = 0; l < laws.size(); ++l) {
    const experiments::ContextsExperiment experiment({11, l, 0}, laws[l].contexts,
                                                     theory::Metric::l1);
    REQUIRE(experiment.nested());
    std::vector<int> failures(kLast - kFirst + 1, 0);
    for (std::uint64_t t = 0; t < kTrials; ++t) {
      const auto f = experiment.failures_over(kFirst, kLast, t, laws[l].eps);
      REQUIRE(f.size() == failures.size());
      for (std::size_t i = 0; i < f.size(); ++i) failures[i] += f[i].surely ? 1 : 0;
      // The first size's counts are the single-size path's counts.
      if (t < 200) REQUIRE(f[0].surely == experiment.fails(kFirst, t, laws[l].eps));
    }
    const auto curve = failure_curve(laws[l].contexts, laws[l].eps, kFirst, kLast);
    double worst_z = 0;
    for (std::size_t i = 0; i < failures.size(); ++i) {
      const double p = curve[i].probability.value;
      const double z = (failures[i] / double(kTrials) - p) / std::sqrt(p * (1 - p) / kTrials);
      worst_z = std::max(worst_z, std::abs(z));
    }
    INFO("law " << l << ": the largest |z| over 41 sizes is " << worst_z);
    CHECK(worst_z < 4.5);  // 41 sizes: P(max |z| > 4.5) < 41 · 7e-6 for the right law
  }
}

TEST_CASE("a grown dataset with the wrong law is told apart by the same check",
          "[engine][range][exact]") {
  // Sampling from (2/3, 1/3) while the error is measured against (1/2, 1/2).
  const experiments::ContextsExperiment wrong({12, 0, 0}, {{{2, 1}, 3}}, theory::Metric::l1);
  const auto curve = failure_curve({uniform(2)}, Rational(1, 5), 20, 60);
  // The experiment's own law is (2/3, 1/3); its failures compared against uniform's curve.
  std::vector<int> failures(41, 0);
  constexpr int kTrials = 20000;
  for (std::uint64_t t = 0; t < kTrials; ++t) {
    const auto f = wrong.failures_over(20, 60, t, Rational(1, 5));
    for (std::size_t i = 0; i < f.size(); ++i) failures[i] += f[i].surely ? 1 : 0;
  }
  double worst_z = 0;
  for (std::size_t i = 0; i < failures.size(); ++i) {
    const double p = curve[i].probability.value;
    worst_z = std::max(
        worst_z, std::abs((failures[i] / double(kTrials) - p) / std::sqrt(p * (1 - p) / kTrials)));
  }
  CHECK(worst_z > 4.5);
}

TEST_CASE("a size's verdict over a range is the one its own sequential test gives",
          "[engine][range]") {
  const Afresh afresh({13, 0, 0}, {uniform(8)}, theory::Metric::l1);
  const VerdictTests tests(Rational(1, 20), 0.01 / 31, 3000);
  const auto range = decide_over_range(afresh, 50, 80, Rational(2, 5), tests, 1);
  for (std::int64_t n = 50; n <= 80; ++n) {
    const auto alone = decide_at(afresh, n, Rational(2, 5), tests, 1);
    INFO("n = " << n);
    CHECK(range.at(n).verdict == alone.verdict);
    CHECK(range.at(n).trials == alone.trials);
    CHECK(range.at(n).failures == alone.failures);
  }
}

TEST_CASE("verdicts over a range are the same for any thread count", "[engine][range]") {
  const experiments::ContextsExperiment experiment({14, 0, 0}, {uniform(4), uniform(4)},
                                                   theory::Metric::l1);
  const VerdictTests tests(Rational(1, 10), 0.01 / 100, 5000);
  const auto one = decide_over_range(experiment, 20, 119, Rational(3, 10), tests, 1);
  const auto two = decide_over_range(experiment, 20, 119, Rational(3, 10), tests, 2);
  const auto three = decide_over_range(experiment, 20, 119, Rational(3, 10), tests, 3);
  REQUIRE(one.trials == two.trials);
  REQUIRE(one.trials == three.trials);
  int decided = 0;
  for (std::int64_t n = 20; n <= 119; ++n) {
    CHECK(one.at(n).verdict == two.at(n).verdict);
    CHECK(one.at(n).trials == two.at(n).trials);
    CHECK(one.at(n).failures == three.at(n).failures);
    decided += one.at(n).verdict != stats::Verdict::inconclusive ? 1 : 0;
  }
  CHECK(decided > 50);
}

TEST_CASE("the family-wise error over a range, computed exactly, is within its level",
          "[engine][range][oc]") {
  // Every size at the worst rate p = δ, where any verdict is wrong. A size's verdict is its
  // own sequential test's, so P(wrong at n) is that test's exact operating characteristic,
  // and P(some size wrong) <= Σ_n P(wrong at n) whatever the dependence between sizes.
  const Rational delta(1, 20);
  constexpr double kAlpha = 0.01;
  constexpr int kSizes = 40;
  constexpr std::int64_t kCap = 4000;
  const auto wrong_at = [&](double level, double p) {
    const auto oc = stats::operating_characteristic(
        stats::stopping_rule(stats::SequentialTest(delta, level, kCap)), p);
    return std::pair{oc.holds + oc.error_bound, oc.violated + oc.error_bound};
  };
  const auto [holds, violated] = wrong_at(kAlpha / kSizes, 0.05);
  const double corrected = kSizes * (holds + violated);
  INFO("Bonferroni over " << kSizes << " sizes: family-wise error <= " << corrected);
  CHECK(corrected <= kAlpha);
  // Rates on either side of δ: each size can only be wrong on one side.
  for (const double p : {0.04, 0.045, 0.049})
    CHECK(kSizes * wrong_at(kAlpha / kSizes, p).second <= kAlpha);
  for (const double p : {0.051, 0.055, 0.06})
    CHECK(kSizes * wrong_at(kAlpha / kSizes, p).first <= kAlpha);
  // The same test at α per size, without correction: with independent sizes (one law the
  // procedure must be valid for) P(some size wrong) = 1 − Π(1 − P(wrong at n)) exactly.
  const auto [h, v] = wrong_at(kAlpha, 0.05);
  const double uncorrected = 1 - std::pow(1 - (h + v), kSizes);
  INFO("uncorrected: family-wise error " << uncorrected << " at independent sizes");
  CHECK(uncorrected > kAlpha);
}

TEST_CASE("T4's nested k gives each k the failure of its own retrieval", "[engine][range][t4]") {
  using experiments::LabelMeanMeasure;
  for (const auto measure :
       {LabelMeanMeasure::total, LabelMeanMeasure::sampling, LabelMeanMeasure::bias}) {
    experiments::LabelMeanSettings s;
    s.inputs = {targets::InputKind::lattice, 2, 3};
    s.link = {targets::LinkKind::clipped_linear, Rational(1, 5), Rational(1, 2)};
    s.dataset_size = 80;
    s.queries = 3;
    s.measure = measure;
    const experiments::LabelMeanExperiment t4({15, 0, 0}, s);
    for (std::uint64_t trial = 0; trial < 30; ++trial) {
      const auto grown = t4.failures_over(5, 80, trial, Rational(1, 10));
      for (std::int64_t k = 5; k <= 80; ++k) {
        INFO("measure " << static_cast<int>(measure) << " trial " << trial << " k " << k);
        REQUIRE(grown[static_cast<std::size_t>(k - 5)].surely ==
                t4.fails(k, trial, Rational(1, 10)));
      }
    }
  }
}
