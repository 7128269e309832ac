// A trial's failure when its error is a probability estimated on a fresh test
// sample (T3 under an unbounded input law): the bracket of engine::TrialFailure from
// the one-sided Clopper–Pearson limits of the sample's rate, each at level β.
//
// With H hits (disagreements) among M test points, the error p is the probability
// of a hit; L(H) and U(H) are the one-sided limits at level β:
//   surely   = L(H) > ε   ⟺  P(Bin(M, ε) >= H) < β      (and H >= 1)
//   possibly = U(H) > ε   ⟺  P(Bin(M, ε) <= H) > β      (or H = M)
// P(L(H) > p) <= β and P(U(H) < p) <= β for every p, so `surely` implies p > ε and
// p > ε implies `possibly`, each except with probability at most β: the contract of
// Experiment::failure_slack() with slack β.
//
// The tails are computed in double (Boost.Math, relative error far below 1e-9), with
// ε rounded towards the safe side — up for `surely` (the upper tail grows with the
// rate), down for `possibly` (the lower tail falls with it) — and a relative margin
// of 1e-9 against β: `surely` needs the tail clearly below β, and `possibly` is
// dropped only when its tail is clearly below β. Rounding can therefore only widen
// the bracket (surely less often, possibly more often), which keeps both
// implications; it can never flip one.
//
//   TrialFailure f = bracket_estimated_rate(hits, points, eps, 1e-6);
#pragma once

#include "sim/engine/experiment.h"
#include "sim/exact/rational.h"

#include <cstdint>

namespace elicit::experiments {

engine::TrialFailure bracket_estimated_rate(std::int64_t hits, std::int64_t points,
                                            const Rational& eps, double level);

}  // namespace elicit::experiments
