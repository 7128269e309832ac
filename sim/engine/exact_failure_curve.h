// The failure curve P(n) = P(max_i ‖p̂_i − p_i‖₁ > ε) of the empirical estimator over m
// contexts, computed by a dynamic program over symbols instead of enumerating count vectors:
// ground truth for the statistics (docs/statistics.md (n*)) where enumeration cannot reach.
//
// With p_v = w_v/D and ε = a/b, the scaled deviation of symbol v is |c_v·D − w_v·n| and the
// failure event is b·Σ_v |c_v·D − w_v·n| > a·n·D (docs/theory.md §3.1). The counts are drawn symbol
// by symbol, c_v | (c_1..c_{v−1}) ~ Bin(n − used, w_v / Σ_{u≥v} w_u), over the state (samples
// used, deviation so far); a deviation past the threshold is a failure whatever follows, so it
// is absorbed and the state space stays polynomial where enumeration is exponential in V.
//
//   const std::vector<targets::Distribution> one = {{{1, 1, 1, 1, 1, 1, 1, 1}, 8}};
//   Rational p60 = exact_failure_probability(one, 60, Rational(2, 5));       // a fraction
//   BoundedProbability q = failure_probability(one, 1000, Rational(2, 5));  // |P − value| ≤ bound
//   auto curve = failure_curve(one, Rational(2, 5), 1, 200);
//   CurveSampleSize n_star = eventual_n_star(curve, Rational(1, 20));
#pragma once

#include "sim/exact/rational.h"
#include "sim/targets/distribution.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

namespace elicit::engine {

// A probability computed in double precision with a rigorous bound: |P − value| ≤ error_bound
// holds in real arithmetic, counting every dropped term and every rounding.
struct BoundedProbability {
  double value = 0;
  double error_bound = 0;
};

struct FailureDpSettings {
  // Binomial terms and state masses below this are dropped; what they carried widens the
  // error bound. At least 1e-150, so that no product of two kept numbers is subnormal.
  double prune_below = 1e-20;
  // Stored states per symbol step; beyond it the DP throws DpTooLarge.
  std::int64_t max_states = 20'000'000;
};

// Thrown when a DP would exceed its state budget.
class DpTooLarge : public std::length_error {
 public:
  using std::length_error::length_error;
};

// Each context draws n samples from its own law; the failure event is "some context's L1
// error exceeds eps" (strictly: equality is a success), P = 1 − Π_i (1 − P_i(n)). Identical
// laws are computed once. Laws with zero weights are allowed; n·D must stay below 2^60.
// Throws std::invalid_argument for an empty list, a law whose weights do not sum to its
// total, or n < 1.
Rational exact_failure_probability(const std::vector<targets::Distribution>& contexts,
                                   std::int64_t n, const Rational& eps);
BoundedProbability failure_probability(const std::vector<targets::Distribution>& contexts,
                                       std::int64_t n, const Rational& eps,
                                       const FailureDpSettings& settings = {});

struct CurvePoint {
  std::int64_t n = 0;
  BoundedProbability probability;
};
struct ExactCurvePoint {
  std::int64_t n = 0;
  Rational probability;
};

// P(n) for every n in [n_from, n_to].
std::vector<ExactCurvePoint> exact_failure_curve(const std::vector<targets::Distribution>& contexts,
                                                 const Rational& eps, std::int64_t n_from,
                                                 std::int64_t n_to);
std::vector<CurvePoint> failure_curve(const std::vector<targets::Distribution>& contexts,
                                      const Rational& eps, std::int64_t n_from, std::int64_t n_to,
                                      const FailureDpSettings& settings = {});

// A sample size read off a curve whose points may carry error bounds. The true answer lies
// in [earliest, latest]; nullopt means "no n in the range" (for `latest`: the bounds cannot
// rule that out). `straddling` lists every n of the curve whose interval value ± bound holds δ
// with P(n) ≤ δ undecided; when such an n matters, earliest ≠ latest and decided() is false.
struct CurveSampleSize {
  std::optional<std::int64_t> earliest;
  std::optional<std::int64_t> latest;
  std::vector<std::int64_t> straddling;
  bool decided() const { return earliest == latest; }
};

// The theorems' n*: the smallest n of the range with P(k) ≤ δ for every k in [n, n_to]
// (docs/statistics.md (n*)). Meaningful as "eventual" when n_to is a proven sufficient size, so
// that a bound guarantees P(k) ≤ δ beyond it. The curve must hold consecutive n.
CurveSampleSize eventual_n_star(const std::vector<CurvePoint>& curve, const Rational& delta);
CurveSampleSize eventual_n_star(const std::vector<ExactCurvePoint>& curve, const Rational& delta);

// The smallest n of the range with P(n) ≤ δ.
CurveSampleSize first_crossing(const std::vector<CurvePoint>& curve, const Rational& delta);
CurveSampleSize first_crossing(const std::vector<ExactCurvePoint>& curve, const Rational& delta);

// Work the two DPs would do at one n (summed over distinct laws), estimated before running
// them, so that a caller can pick one or refuse: `double_steps` counts multiply-adds of the
// pruned double DP (Gaussian widths of ±14σ), `rational_steps` big-number multiply-adds of the
// exact DP weighted by their length in 64-bit limbs, and `exact_digits` the decimal digits of
// the exact answer (numerator and denominator): m identical contexts raise a fraction of
// n·log10(D) digits to the m-th power, so m = 10^6 asks for tens of millions of digits.
struct DpWork {
  double double_steps = 0;
  double rational_steps = 0;
  double exact_digits = 0;
};
DpWork estimate_dp_work(const std::vector<targets::Distribution>& contexts, std::int64_t n,
                        const Rational& eps);
// The same summed over a curve [n_from, n_to]: estimated at up to 9 evenly spaced n and
// integrated by the trapezoid rule (the work grows smoothly with n).
DpWork estimate_curve_work(const std::vector<targets::Distribution>& contexts, const Rational& eps,
                           std::int64_t n_from, std::int64_t n_to);

// An exact law from rational probabilities: weights over their common denominator. Throws
// std::invalid_argument when they are negative, do not sum to 1, or the denominator exceeds
// int64.
targets::Distribution distribution_of(const std::vector<Rational>& probabilities);

}  // namespace elicit::engine
