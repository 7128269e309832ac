// A sharper valid verdict than the two-sided Robbins mixture (sequential_test.h), for
// the comparison in docs/sequential_efficiency.md: one mixture martingale per side,
// each over the alternatives on its own side of δ only.
//
// With S failures in n trials, L_n(q) = q^S (1 − q)^(n − S), and a Beta(a, b) prior
// truncated to [0, δ] (HOLDS side) or to [δ, 1] (VIOLATED side):
//   A_n = ∫_0^δ L_n(q) / L_n(δ) dπ(q) / π[0, δ]
//       = B(S + a, n − S + b) · I_δ(S + a, n − S + b) / (B(a, b) · I_δ(a, b) · L_n(δ)),
//   B_n = the same with 1 − I_δ (the prior and the posterior mass above δ).
// HOLDS when A_n >= 1/β, VIOLATED when B_n >= 1/β.
//
// Validity (per side, any p, any stopping time, infinite horizon): under p = δ each
// L_n(q)/L_n(δ) is a non-negative martingale with mean 1, so A_n is one too (a
// mixture of them), and Ville's inequality gives P_δ(∃n: A_n >= 1/β) <= β. Every
// q < δ makes L_n(q)/L_n(δ) decreasing in S, so the HOLDS region at each n is a lower
// tail {S <= h_n}; "S_n <= h_n for some n" is a decreasing event of the Bernoulli
// sequence, so under the monotone coupling its probability is non-increasing in p:
// P_p(HOLDS) <= β for every p >= δ. Symmetrically P_p(VIOLATED) <= β for p <= δ.
// So a wrong verdict has probability at most β at every p ≠ δ, and at most 2β at
// p = δ (both count there): β = α/2 gives Robbins' guarantee at level α, β = ε
// Gandy's at risk ε. (A_n >= 1/β > 1 needs S/n < δ, B_n >= 1/β needs S/n > δ.)
//
// Against Robbins' Beta(1, 1) mixture M_n = δ·A_n + (1 − δ)·B_n (a = b = 1, and
// B_n <= 1 when S/n <= δ): HOLDS needs A_n >= (1/α − 1)/δ there, only 2/α here at
// β = α/2 — about 10 times less at δ = 0.05.
//
// Computed in log space (lgamma, Boost's regularised incomplete beta); a value within
// a margin far above its rounding error counts as undecided, so rounding can delay
// a verdict, never make one.
//
//   StoppingRule rule = one_sided_mixture_rule(Rational(1, 20), 5e-4, 100000);
#pragma once

#include "sim/exact/rational.h"
#include "sim/stats/operating_characteristic.h"

#include <cstdint>

namespace elicit::stats {

struct TruncatedBetaPrior {
  double a = 1, b = 1;
};

// Beta(a, a(1 − δ)/δ): the prior with mean δ (b computed exactly, then rounded once).
TruncatedBetaPrior centred_prior(const Rational& delta, double a = 2);

// ln A_n and ln B_n at (n, S).
double log_lower_mixture(std::int64_t trials, std::int64_t failures, double delta,
                         TruncatedBetaPrior prior = {});
double log_upper_mixture(std::int64_t trials, std::int64_t failures, double delta,
                         TruncatedBetaPrior prior = {});
// Whether (n, S) decides HOLDS / VIOLATED at level beta per side, beyond rounding.
bool one_sided_holds(std::int64_t trials, std::int64_t failures, double delta, double beta,
                     TruncatedBetaPrior prior = {});
bool one_sided_violated(std::int64_t trials, std::int64_t failures, double delta, double beta,
                        TruncatedBetaPrior prior = {});

// The rule over n = 1 … max_trials; beta in (0, 1/2).
StoppingRule one_sided_mixture_rule(const Rational& delta, double beta, std::int64_t max_trials,
                                    TruncatedBetaPrior prior = {});

}  // namespace elicit::stats
