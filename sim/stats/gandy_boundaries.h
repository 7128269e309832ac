// Gandy's sequential procedure with uniformly bounded resampling risk (Gandy 2009,
// "Sequential implementation of Monte Carlo tests with uniformly bounded resampling
// risk", JASA 104:1504; the R package simctest), as a StoppingRule on the failure
// count, for comparison with elicit's confidence sequence (docs/sequential_efficiency.md).
//
// His threshold α (for a p-value) is our δ and his risk ε is `risk`. With a spending
// sequence ε_n = ε · n / (n + k) (k = 1000 as in simctest), the boundaries are
// defined recursively under p = δ, with τ the first n at which S_n >= U_n or
// S_n <= L_n:
//   U_n = min{ j : P_δ(τ >= n, S_n >= j) + P_δ(τ < n, S_τ >= U_τ) <= ε_n }
//   L_n = max{ j : P_δ(τ >= n, S_n <= j) + P_δ(τ < n, S_τ <= L_τ) <= ε_n }
// i.e. at each n the upper boundary stops as much of the not-yet-stopped mass at the
// top as the spending increment allows, and the lower boundary likewise at the
// bottom. S >= U_n says "p > δ" (VIOLATED), S <= L_n says "p < δ" (HOLDS). So
// P_δ(VIOLATED) <= ε and P_δ(HOLDS) <= ε, and since each decision region is a tail
// in S, P_p(VIOLATED) is non-decreasing and P_p(HOLDS) non-increasing in p: a wrong
// verdict (VIOLATED while p <= δ, HOLDS while p >= δ) has probability at most ε at
// every p; at p = δ itself, where both count as wrong, their sum is at most 2ε.
//
// The distribution under p = δ is carried exactly (in double) over the counts not
// yet stopped; a relative margin of 4n·DBL_EPSILON on ε_n (1e-9 at n = 10^6) keeps its
// rounding error from ever spending more than ε_n. The boundaries do not depend on
// max_trials: the rule is Gandy's, cut there (what is left is INCONCLUSIVE).
//
//   GandyBoundaries g = gandy_boundaries(Rational(1, 20), 1e-3, 100000);
//   auto oc = operating_characteristic(g.rule, 0.04);   // E[trials], P(HOLDS), …
#pragma once

#include "sim/exact/rational.h"
#include "sim/stats/operating_characteristic.h"

#include <cstdint>

namespace elicit::stats {

struct GandyBoundaries {
  StoppingRule rule;  // holds_at_most = L_n, violated_from = U_n
  // The error spent under p = δ up to max_trials: P_δ(HOLDS), P_δ(VIOLATED).
  double spent_holds = 0, spent_violated = 0;
};

// delta in (0, 1), risk in (0, 1/2), k > 0, max_trials >= 1.
GandyBoundaries gandy_boundaries(const Rational& delta, double risk, std::int64_t max_trials,
                                 double k = 1000);

}  // namespace elicit::stats
