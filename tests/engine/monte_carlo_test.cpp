// The Monte Carlo engine against exact enumeration, across thread counts, and its
// verdicts on bounds known to be wrong and right.
#include "sim/engine/monte_carlo.h"
#include "sim/engine/exact_enumeration.h"
#include "sim/engine/exact_error.h"
#include "sim/experiments/contexts_experiment.h"
#include "sim/experiments/counting_replay.h"
#include "sim/experiments/min_distance_experiment.h"
#include "sim/experiments/partial_access_experiment.h"
#include "sim/experiments/sequence_experiment.h"
#include "sim/sampling/multinomial.h"

#include "tests/stub_experiment.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace elicit;
using namespace elicit::engine;
using namespace elicit::experiments;
using targets::Distribution;
using theory::Metric;

namespace {

Distribution law(std::vector<std::int64_t> weights) {
  std::int64_t total = 0;
  for (auto w : weights) total += w;
  return Distribution{std::move(weights), total};
}

std::vector<Rational> rationals(const Distribution& d) {
  std::vector<Rational> out;
  for (std::size_t v = 0; v < d.size(); ++v) out.push_back(d.probability(v));
  return out;
}

}  // namespace

TEST_CASE("exact enumeration: known small answers", "[engine][exact]") {
  // Fair coin, n = 2, eps = 1/2: only (2,0) and (0,2) fail, each with probability 1/4.
  CHECK(exact_l1_failure_probability({Rational(1, 2), Rational(1, 2)}, 2, Rational(1, 2)) ==
        Rational(1, 2));
  // eps is strict: L1 exactly equal to eps is a success. n = 1, p = (1/2, 1/2): L1 = 1 always.
  CHECK(exact_l1_failure_probability({Rational(1, 2), Rational(1, 2)}, 1, Rational(1)) == 0);
  CHECK(exact_l1_failure_probability({Rational(1, 2), Rational(1, 2)}, 1, Rational(99, 100)) == 1);
  CHECK_THROWS(exact_l1_failure_probability({Rational(1, 2), Rational(1, 3)}, 3, Rational(1, 2)));
}

TEST_CASE("Monte Carlo failure rates contain the exact probability (V <= 4, n <= 40)",
          "[engine][exact]") {
  const struct {
    std::vector<std::int64_t> weights;
    std::int64_t n;
    Rational eps;
  } cases[] = {{{2, 1, 1}, 12, Rational(1, 3)},
               {{1, 1, 1, 1}, 40, Rational(3, 10)},
               {{5, 3, 1, 1}, 25, Rational(2, 5)},
               {{1, 2}, 30, Rational(1, 5)}};
  std::uint64_t cell = 0;
  for (const auto& c : cases) {
    const Distribution p = law(c.weights);
    const Rational exact = exact_l1_failure_probability(rationals(p), c.n, c.eps);
    const ContextsExperiment experiment({11, cell++}, {p}, Metric::l1);
    constexpr std::int64_t kTrials = 20000;
    const auto failures = count_failures(experiment, c.n, c.eps, 0, kTrials, 2);
    const auto ci = stats::clopper_pearson(failures, kTrials, 0.999);
    INFO("n = " << c.n << " eps = " << to_string(c.eps) << ": exact " << to_double(exact)
                << ", Monte Carlo " << failures << "/" << kTrials << " in [" << ci.lower << ", "
                << ci.upper << "]");
    CHECK(ci.lower <= to_double(exact));
    CHECK(to_double(exact) <= ci.upper);
  }
}

TEST_CASE("the fast exact test and the exact error agree on every trial", "[engine]") {
  const ContextsExperiment experiment({3, 0}, {law({7, 5, 3, 1}), law({1, 1})}, Metric::l1);
  for (std::uint64_t t = 0; t < 300; ++t) {
    for (const Rational& eps : {Rational(1, 10), Rational(1, 4), Rational(1, 2)}) {
      REQUIRE(experiment.fails(20, t, eps) == (experiment.error(20, t) > eps));
    }
  }
}

TEST_CASE("failure counts do not depend on the number of threads", "[engine][threads]") {
  const ContextsExperiment experiment({5, 1}, {law({3, 2, 2, 1}), law({1, 1, 1})}, Metric::l1);
  const auto one = count_failures(experiment, 30, Rational(1, 4), 0, 5000, 1);
  for (int threads : {2, 3, 7})
    CHECK(count_failures(experiment, 30, Rational(1, 4), 0, 5000, threads) == one);
}

namespace {

// Trial facts that are simple functions of the trial: a count and a largest value.
class FactsExperiment : public testing::StubExperiment {
 public:
  FactsExperiment()
      : StubExperiment([](std::int64_t, std::uint64_t) { return engine::TrialFailure{}; }) {}
  std::vector<TrialFact> trial_facts(std::int64_t n, std::uint64_t trial) const override {
    return {{"odd_trials", Rational(trial % 2), true},
            {"largest_share", Rational(static_cast<long>(trial % 17), n), false}};
  }
};

}  // namespace

TEST_CASE("trial facts combine into sums and maxima, the same for any thread count",
          "[engine][facts]") {
  const FactsExperiment experiment;
  const auto one = combined_trial_facts(experiment, 40, 101, 1);
  REQUIRE(one.size() == 2);
  CHECK(one[0].name == "odd_trials");
  CHECK(one[0].value == 50);  // trials 1, 3, ..., 99
  CHECK(one[1].name == "largest_share");
  CHECK(one[1].value == Rational(16, 40));
  for (int threads : {2, 3, 7}) {
    const auto many = combined_trial_facts(experiment, 40, 101, threads);
    REQUIRE(many.size() == 2);
    CHECK(many[0].value == one[0].value);
    CHECK(many[1].value == one[1].value);
  }
  CHECK(combined_trial_facts(experiment, 40, 0, 2).empty());
  // An experiment without trial facts reports none.
  const testing::StubExperiment plain(
      [](std::int64_t, std::uint64_t) { return engine::TrialFailure{}; });
  CHECK(combined_trial_facts(plain, 40, 10, 2).empty());
}

TEST_CASE("sufficient statistics and token-by-token sampling have the same law",
          "[engine][sampling]") {
  // Mean count of each symbol over many trials is n·p_v for both paths.
  const std::vector<double> p = {0.5, 0.25, 0.125, 0.125};
  constexpr int kTrials = 4000;
  constexpr std::int64_t kN = 200;
  std::vector<double> fast(p.size(), 0), slow(p.size(), 0);
  for (std::uint64_t t = 0; t < kTrials; ++t) {
    Stream a({1, 0, t}), b({2, 0, t});
    const auto x = sampling::multinomial_counts(a, kN, p);
    std::vector<std::int64_t> y;
    sampling::MultinomialSampler(p).counts_by_draws(b, kN, y);
    std::int64_t sum = 0;
    for (std::size_t v = 0; v < p.size(); ++v) {
      fast[v] += static_cast<double>(x[v]) / kTrials;
      slow[v] += static_cast<double>(y[v]) / kTrials;
      sum += x[v];
    }
    REQUIRE(sum == kN);
  }
  for (std::size_t v = 0; v < p.size(); ++v) {
    const double sd = std::sqrt(kN * p[v] * (1 - p[v]) / kTrials);
    CHECK(std::abs(fast[v] - kN * p[v]) < 5 * sd);
    CHECK(std::abs(slow[v] - kN * p[v]) < 5 * sd);
  }
}

TEST_CASE("a bound too small by 4x is VIOLATED and a rigorous one HOLDS", "[engine][verdict]") {
  // V = 8, eps = 1/4, delta = 1/20, one uniform context; McDiarmid's size is 401.
  const ContextsExperiment experiment({9, 0}, {law({1, 1, 1, 1, 1, 1, 1, 1})}, Metric::l1);
  const Rational eps(1, 4), delta(1, 20);
  const VerdictTests test(delta, 0.01, 8000);
  const std::int64_t mcdiarmid = static_cast<std::int64_t>(
      std::ceil(std::pow(std::sqrt(7.0) + std::sqrt(2 * std::log(20.0)), 2) /
                (eps.convert_to<double>() * eps.convert_to<double>())));
  const auto full = decide_at(experiment, mcdiarmid, eps, test, 2);
  const auto quarter = decide_at(experiment, mcdiarmid / 4, eps, test, 2);
  CHECK(full.verdict == stats::Verdict::holds);
  CHECK(quarter.verdict == stats::Verdict::violated);
  // Decided as soon as possible: a rate near 0 needs a few hundred trials, a rate
  // far above delta a few tens.
  CHECK(full.trials < 1000);
  CHECK(quarter.trials < 100);
  // The verdict is the first trial at which the test decides, whatever the threads.
  const auto one_thread = decide_at(experiment, mcdiarmid / 4, eps, test, 1);
  CHECK(one_thread.trials == quarter.trials);
  CHECK(one_thread.failures == quarter.failures);
  // One trial earlier it was not yet decided.
  const bool last_failed =
      experiment.fails(mcdiarmid / 4, static_cast<std::uint64_t>(quarter.trials - 1), eps);
  CHECK(test.violated().decide(quarter.trials - 1, quarter.failures - (last_failed ? 1 : 0)) ==
        stats::Verdict::inconclusive);
}

TEST_CASE("the T5 literal reading fails at the paper's k with at least the support floor",
          "[engine][t5]") {
  // Uniform over 10^4 sequences (V = 10, l = 4), k = 2759: L1 >= 2(1 − k/V^l) = 1.448.
  const SequenceExperiment experiment({5, 0}, 10, 4, targets::TargetSpec{}, Metric::l1);
  const Rational floor = 2 * (1 - Rational(2759, 10000));
  for (std::uint64_t t = 0; t < 20; ++t) REQUIRE(experiment.error(2759, t) >= floor);
}

TEST_CASE("transformer replays run and a mismatch stops the run", "[engine][replay]") {
  const ContextsExperiment contexts({7, 0}, 3, 4, targets::TargetSpec{}, Metric::l1);
  CHECK(contexts.replay(20, 0, 1000).ran);
  CHECK_FALSE(contexts.replay(2000, 0, 1000).ran);  // prompt too long: skipped, said so
  // A prompt whose length passes int64 (3·m·n + 2 with n = 2^62) is skipped too; its
  // length once wrapped around to a negative count that looked short enough.
  const auto beyond = contexts.replay(std::int64_t{1} << 62, 0, 1000);
  CHECK_FALSE(beyond.ran);
  CHECK(beyond.detail == "skipped: prompt of more than 9223372036854775807 tokens > 1000");
  const SequenceExperiment sequences({7, 1}, 3, 2, targets::TargetSpec{}, Metric::sup);
  CHECK(sequences.replay(30, 0, 1000).ran);
  CHECK_FALSE(sequences.replay(std::int64_t{1} << 62, 0, 1000).ran);
  const PartialAccessExperiment partial({7, 2}, 4, 100, targets::TargetSpec{});
  CHECK(partial.replay(20, 0, 1000).ran);
  CHECK(partial.replay(std::int64_t{1} << 62, 0, 1000).detail ==
        "skipped: prompt of more than 9223372036854775807 tokens > 1000");
  CHECK_THROWS_AS(require_replay_equal({Rational(1, 2), Rational(1, 2)},
                                       {Rational(1, 3), Rational(2, 3)}, "test"),
                  ReplayMismatch);
  CHECK_NOTHROW(require_replay_equal({Rational(1, 3)}, {Rational(1, 3)}, "test"));
}

TEST_CASE("a verdict over many batches asks for each trial once, in order from 0",
          "[engine][verdict]") {
  // Rate exactly delta: the test cannot decide and runs to the cap over many batches.
  const VerdictTests tests(Rational(1, 20), 0.01, 5000);
  for (int threads : {1, 2, 3}) {
    const testing::StubExperiment fresh([](std::int64_t, std::uint64_t trial) {
      const bool failed = trial % 20 == 0;
      return TrialFailure{failed, failed};
    });
    const auto v = decide_at(fresh, 7, Rational(1, 10), tests, threads);
    CHECK(v.verdict == stats::Verdict::inconclusive);
    CHECK(v.trials == 5000);
    CHECK(v.failures == 250);
    CHECK(fresh.calls() == fresh.distinct());  // no trial was run twice
    CHECK(fresh.distinct() == 5000);
    CHECK(fresh.asked(7, 4999));
    CHECK_FALSE(fresh.asked(7, 5000));
  }
}

TEST_CASE(
    "bracketed failures: HOLDS on the possible failures against delta - slack, VIOLATED "
    "on the sure ones against delta + slack",
    "[engine][verdict][bracket]") {
  const Rational delta(3, 10);
  const double slack = 0.05;
  const VerdictTests tests(delta, 0.01, 20000, slack);
  auto verdict_of = [&](int sure_every, int possible_every) {
    const testing::StubExperiment stub(
        [=](std::int64_t, std::uint64_t trial) {
          return TrialFailure{sure_every > 0 && trial % static_cast<std::uint64_t>(sure_every) == 0,
                              trial % static_cast<std::uint64_t>(possible_every) == 0};
        },
        slack);
    return decide_at(stub, 1, Rational(0), tests, 2).verdict;
  };
  // Possibly failing one trial in 10 (0.1 < 0.25): HOLDS.
  CHECK(verdict_of(0, 10) == stats::Verdict::holds);
  // Surely failing one in 2 (0.5 > 0.35): VIOLATED.
  CHECK(verdict_of(2, 2) == stats::Verdict::violated);
  // Possibly one in 4 (0.25): below delta, but not below delta - slack; never surely:
  // neither verdict.
  CHECK(verdict_of(0, 4) == stats::Verdict::inconclusive);
  // The same rates with an exact error (no slack) decide at delta itself.
  const VerdictTests exact(delta, 0.01, 20000);
  const testing::StubExperiment four([](std::int64_t, std::uint64_t trial) {
    const bool failed = trial % 4 == 0;
    return TrialFailure{failed, failed};
  });
  CHECK(decide_at(four, 1, Rational(0), exact, 2).verdict == stats::Verdict::holds);
  CHECK_THROWS(VerdictTests(Rational(1, 20), 0.01, 1000, 0.06));  // slack above delta
}

TEST_CASE("the target's stream is never a trial's, and does not depend on the cell",
          "[engine][streams]") {
  std::set<std::uint64_t> trials;
  for (std::uint64_t cell = 0; cell < 50; ++cell) {
    for (std::uint64_t t = 0; t < 50; ++t) trials.insert(stream_seed(trial_key(7, cell, t)));
  }
  for (std::uint64_t law = 0; law < 50; ++law) {
    CHECK(trials.count(stream_seed(target_key(7, law))) == 0);
    CHECK(stream_seed(target_key(7, law)) != stream_seed(trial_key(7, law, ~std::uint64_t{0})));
  }
  CHECK(stream_seed(target_key(7, 1)) != stream_seed(target_key(8, 1)));
}
