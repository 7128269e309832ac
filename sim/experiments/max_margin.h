// The hard-margin separator with bias of a separable dataset, exactly (T3's subset
// reading, docs/theory.md §3.3: "a subset of d+1 support vectors reproduces the
// max-margin separator"): minimise ‖w‖² subject to y_i (w·x_i + b) >= 1.
//
// How it is found without a QP solver: by the KKT conditions, (w, b) is optimal iff
// it is feasible and w = Σ λ_i x_i, Σ λ_i = 0 with α_i = λ_i y_i >= 0 supported on
// points with y_i (w·x_i + b) = 1. By Carathéodory's theorem for cones, some such α
// lives on a set S of at most d + 1 points whose vectors (x_i, 1) are linearly
// independent. For such an S, the equalities w·x_i + b = y_i (i ∈ S) with the
// stationarity conditions are a square linear system
//     Σ_j λ_j x_i·x_j + b = y_i  (i ∈ S),    Σ_j λ_j = 0,
// nonsingular exactly when the (x_i, 1) are independent. So the subsets S of sizes
// 1, 2, …, d + 1 are enumerated in order, each system solved exactly, and the first
// S whose solution is feasible for all of D with every α_i >= 0 is returned: KKT
// holds, so it is the optimum (unique in w, and in b when D has both classes). No S
// qualifies iff D is not separable. ‖w‖² = Σ λ_i y_i, so the margin 1/‖w‖ is exact
// in squared form. Cost: O(Σ_{m <= d+1} C(n, m)) small solves; meant for d <= 3,
// n <= 32.
//
// With one class only the problem has w = 0 and any b of that class's sign; the
// enumeration returns b = y (its one-point S), and the same for any subset.
//
//   auto svm = max_margin_separator(points);   // nullopt when not separable
//   svm->basis;                                 // <= d+1 indices that fix it
//   SubsetCheck c = check_support_subset(points);
//   c.same_separator && c.disagreements == 0;   // the claim, exactly
#pragma once

#include "sim/exact/rational.h"
#include "sim/transformer/construction_vectors.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace elicit::experiments {

struct MaxMarginSeparator {
  std::vector<Rational> weights;      // w
  Rational bias;                      // b
  Rational squared_norm;              // ‖w‖²: the margin is 1/‖w‖
  std::vector<std::size_t> basis;     // S: <= d+1 points whose equalities fix (w, b)
  std::vector<Rational> multipliers;  // λ_i on S: w = Σ λ_i x_i, α_i = λ_i y_i >= 0
  std::vector<std::size_t> active;    // every point with y (w·x + b) = 1 (the support vectors)
};

// Labels must be ±1 and every x of one dimension (std::invalid_argument otherwise);
// nullopt when the data are not linearly separable.
std::optional<MaxMarginSeparator> max_margin_separator(
    const std::vector<transformer::LabelledPoint>& data);

// y (w·x + b) for each point: the functional margins.
std::vector<Rational> functional_margins(const std::vector<transformer::LabelledPoint>& data,
                                         const std::vector<Rational>& weights,
                                         const Rational& bias);

struct SubsetCheck {
  MaxMarginSeparator full;         // on D
  MaxMarginSeparator on_subset;    // on the basis points of `full` alone
  bool same_separator = false;     // (w, b) equal exactly
  std::int64_t disagreements = 0;  // points of D the subset's separator puts on the wrong side
};

// The separator of D and that of its basis alone; throws std::invalid_argument when
// D is not separable.
SubsetCheck check_support_subset(const std::vector<transformer::LabelledPoint>& data);

}  // namespace elicit::experiments
