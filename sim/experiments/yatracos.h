// The minimum-distance estimate over a finite family of laws (Devroye & Lugosi 2001,
// §6; docs/theory.md §3.5(a)). The Yatracos class of the family is every set
// A_ik = {x : q_i(x) > q_k(x)}, i != k; candidate j's distance to a sample is its
// largest deviation over the class, Δ_j = max_A |q_j(A) − μ_n(A)|, and the estimate
// is a candidate with the smallest Δ_j. Realizable: ‖q_chosen − p‖₁ <= 4 Δ, where
// Δ = max_A |p(A) − μ_n(A)|.
//
// Everything is exact: with the family over a common denominator D, q_j(A) =
// W_j(A)/D and μ_n(A) = c(A)/n, so the deviations are compared as the integers
// |W_j(A)·n − c(A)·D| (128-bit). The class is computed once per family (it does not
// depend on the sample), duplicate sets once.
//
//   YatracosSelector selector(family);
//   std::vector<std::size_t> best = selector.closest(counts);   // every tied candidate
#pragma once

#include "sim/targets/distribution.h"

#include <cstdint>
#include <vector>

namespace elicit::experiments {

class YatracosSelector {
 public:
  // At least two laws, all over the same outcomes.
  explicit YatracosSelector(const std::vector<targets::Distribution>& family);
  // The candidates with the smallest distance to the sample with these counts
  // (all of them when several tie), in index order.
  std::vector<std::size_t> closest(const std::vector<std::int64_t>& counts) const;
  std::size_t sets() const { return members_.size(); }

 private:
  std::int64_t denominator_ = 1;
  std::vector<std::vector<std::int64_t>> weights_;  // per candidate, over D
  std::vector<std::vector<std::size_t>> members_;   // per distinct Yatracos set
  std::vector<std::vector<std::int64_t>> mass_;     // [set][candidate]: W_j(A)
};

}  // namespace elicit::experiments
