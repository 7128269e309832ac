// A verdict on "the failure rate is at most δ" that stays valid however often the
// engine looks at it, so that a cell can stop as soon as its verdict is decided
// (docs/design.md principle 6; docs/statistics.md).
//
// Robbins' confidence sequence for a binomial proportion (Robbins 1970; the
// Confidence Sequence Method of Ding, Gandy & Hahn 2017): with S failures in n
// trials, the Beta(1, 1) mixture of likelihood ratios against p0 is
//   M_n(p0) = 1 / ((n + 1) · C(n, S) · p0^S · (1 − p0)^(n − S)),
// a non-negative martingale with M_0 = 1 when p = p0, so by Ville's inequality
// P(∃ n: M_n(p) >= 1/α) <= α. The confidence sequence C_n = {p0 : M_n(p0) < 1/α}
// is an interval containing S/n, and covers the true rate at every n at once with
// probability >= 1 − α. The verdict:
//   HOLDS         δ and every larger rate lie outside C_n (S/n < δ, M_n(δ) >= 1/α)
//   VIOLATED      δ and every smaller rate lie outside C_n (S/n > δ, M_n(δ) >= 1/α)
//   INCONCLUSIVE  otherwise, at the trial cap
// A wrong verdict (HOLDS while p >= δ, VIOLATED while p <= δ) needs p outside some
// C_n, so it has probability at most α whatever the true rate and the stopping
// rule. operating_characteristic.h computes the exact probabilities.
//
// M_n(δ) is evaluated in log space with lgamma; a value within a margin far above
// the rounding error of the threshold counts as "not excluded", so rounding can
// delay a verdict, never flip one. For each n the decision is a pair of boundaries
// on S (HOLDS iff S <= holds_at_most(n), VIOLATED iff S >= violated_from(n)),
// computed once, as far as the trials asked about reach (so the object is not
// thread-safe: the engine consults it from the thread that scans the trials).
//
//   SequentialTest test(parse_rational("1/20"), 0.01, 10000);
//   Verdict v = test.decide(trials, failures);
//   Interval ci = test.interval(trials, failures);   // the confidence sequence at n
#pragma once

#include "sim/exact/rational.h"
#include "sim/stats/clopper_pearson.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace elicit::stats {

class SequentialTest {
 public:
  // alpha in (0, 1); boundaries for n = 1 … max_trials.
  SequentialTest(const Rational& delta, double alpha, std::int64_t max_trials);

  [[nodiscard]] Verdict decide(std::int64_t trials, std::int64_t failures) const;
  // The largest S that decides HOLDS at n (−1: none), the smallest that decides
  // VIOLATED (n + 1: none); 1 <= n <= max_trials.
  [[nodiscard]] std::int64_t holds_at_most(std::int64_t n) const;
  [[nodiscard]] std::int64_t violated_from(std::int64_t n) const;
  // The confidence sequence at (n, S): the rates not excluded, for display.
  [[nodiscard]] Interval interval(std::int64_t trials, std::int64_t failures) const;

  // The fewest trials that can decide HOLDS (with no failure), if max_trials allows.
  [[nodiscard]] std::optional<std::int64_t> fewest_trials_to_hold() const;
  // Rates that the cap cannot tell from δ: a count strictly between the two
  // boundaries at max_trials ends INCONCLUSIVE.
  [[nodiscard]] Interval indifference_zone() const;

  std::int64_t max_trials() const { return max_trials_; }
  double alpha() const { return alpha_; }
  const Rational& delta() const { return delta_; }

 private:
  Rational delta_;
  double delta_value_;
  double alpha_;
  std::int64_t max_trials_;
  // Extends the boundaries to n (they are computed incrementally in n).
  void extend_to(std::int64_t n) const;
  // S/n < δ and S/n > δ, exactly.
  bool below_delta(std::int64_t failures, std::int64_t trials) const;
  bool above_delta(std::int64_t failures, std::int64_t trials) const;
  mutable std::vector<std::int64_t> holds_at_most_;  // index n − 1
  mutable std::vector<std::int64_t> violated_from_;
};

// ln((n + 1) · C(n, S) · p^S · (1 − p)^(n − S)) = −ln M_n(p), and whether it lies
// clearly (beyond rounding) at or below ln α: p is excluded from C_n.
double log_mixture_weight(std::int64_t trials, std::int64_t failures, double p);
bool excluded(std::int64_t trials, std::int64_t failures, double p, double alpha);

}  // namespace elicit::stats
