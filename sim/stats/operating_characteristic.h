// The exact operating characteristic of a verdict procedure (docs/statistics.md):
// for a true failure rate p, the probability of each verdict and the expected
// number of trials, by dynamic programming over (trials, failures) — no sampling.
//
// A procedure that decides from (n, S) at its looks is a stopping rule: at look n
// it says HOLDS when S <= holds_at_most[n], VIOLATED when S >= violated_from[n],
// and goes on otherwise; what remains after the last look is INCONCLUSIVE. The
// program carries the distribution of S over the paths still running, convolving
// with one Bernoulli(p) trial per step and moving the mass on the boundaries into
// the verdicts; probabilities below 1e-30 of a state are dropped and their total
// kept as a rigorous bound on the error of every result.
//
//   auto rule = stopping_rule(SequentialTest(delta, 0.01, 4000));
//   OperatingCharacteristic oc = operating_characteristic(rule, 0.05);
//   oc.violated   // P(VIOLATED) at p = δ: must be <= α
#pragma once

#include "sim/exact/rational.h"
#include "sim/stats/sequential_test.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace elicit::stats {

struct StoppingRule {
  // Index n − 1 for look n = 1 … N; a step without a look has holds_at_most = −1
  // and violated_from = n + 1.
  std::vector<std::int64_t> holds_at_most;
  std::vector<std::int64_t> violated_from;
  std::int64_t trials() const { return static_cast<std::int64_t>(holds_at_most.size()); }
};

struct OperatingCharacteristic {
  double holds = 0, violated = 0, inconclusive = 0;
  double expected_trials = 0;
  double error_bound = 0;  // total probability dropped (each result is within it)
};

OperatingCharacteristic operating_characteristic(const StoppingRule& rule, double p);

// The sequential test's rule: a look after every trial.
StoppingRule stopping_rule(const SequentialTest& test);

// Clopper–Pearson at a few fixed looks, each at the same level as if it were the
// only one (HOLDS when the upper limit is <= δ, VIOLATED when the lower limit is
// > δ): the scheme elicit used before sequential tests, kept to show by exact
// computation that it does not keep its stated error.
// The Clopper–Pearson decision at n trials as boundaries on S (HOLDS iff S <= first,
// VIOLATED iff S >= second; −1 and n + 1 when impossible).
std::pair<std::int64_t, std::int64_t> clopper_pearson_boundaries(std::int64_t n,
                                                                 const Rational& delta,
                                                                 const Rational& confidence);
StoppingRule clopper_pearson_at_looks(const Rational& delta, const Rational& confidence,
                                      const std::vector<std::int64_t>& looks);

}  // namespace elicit::stats
