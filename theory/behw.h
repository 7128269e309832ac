// The implicit Blumer–Ehrenfeucht–Haussler–Warmuth (1989) sample size for a
// consistent learner of a class of VC dimension D (docs/theory.md §3.3):
// the smallest n with 2 · Π(2n) · 2^{−εn/2} ≤ δ, where the growth function is
// bounded by Π(2n) ≤ min(2^{2n}, (2e·n/D)^D) (Sauer's lemma, valid for 2n ≥ D).
//
//   behw_implicit_sample_size(11, 0.1, 0.05) == 2346   // d = 10 halfspaces
#pragma once

#include <cstdint>

namespace elicit::theory {

// ln of the failure-probability bound 2 · Π(2n) · 2^{−εn/2} at sample size n.
double behw_ln_failure_bound(double vc_dimension, double eps, std::int64_t n);

// Smallest n >= 1 whose bound is <= δ. The bound rises and then falls in n, and
// below its peak it stays above ln 2 > ln δ, so the set of good n is [n*, ∞) and
// doubling then bisection finds n*.
std::int64_t behw_implicit_sample_size(double vc_dimension, double eps, double delta);

}  // namespace elicit::theory
