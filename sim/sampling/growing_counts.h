// One context's dataset grown one example at a time, as the theorems grow a dataset (the
// dataset of size n + 1 is the dataset of size n plus one example), with its scaled L1
// deviation kept exact at every size (docs/statistics.md, "Nested datasets").
//
// With p_v = w_v / D and counts c_v after n examples, z_v = c_v·D − w_v·n and
// n·D·‖p̂ − p‖₁ = Σ_v |z_v| (docs/theory.md §3.1). One more example of symbol j lowers
// every z_v by w_v and raises z_j by D. Recomputing the sum would cost O(V) an example;
// instead the sum moves by D − 2·W₊ (W₊: the weight of the symbols with z_v > 0), corrected
// for the symbols that cross zero in this step. Each positive symbol is filed under its
// crossing size n = ⌈c_v·D / w_v⌉ in a calendar of the sizes up to the horizon (the largest
// size the dataset will reach; later crossings never happen): O(1) amortised an example, in
// 128-bit integers.
// Exceeding ε = a/b at size n is then S > ⌊a·n·D / b⌋, whose threshold grows by a·D/b an
// example (kept as quotient and remainder): the comparison is exact.
//
//   GrowingCounts g(weights, total, counts_at_n0, 1, 5, n_limit, horizon);  // eps = 1/5
//   g.add(symbol);                                                   // now n0 + 1 examples
//   bool failed = g.exceeds();                                       // ‖p̂ − p‖₁ > 1/5
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace elicit::sampling {

class GrowingCounts {
 public:
  __extension__ typedef __int128 Wide;  // deviations up to 2·n·D
  // weights sum to total (> 0); counts are the dataset so far (n0 = their sum >= 1); the
  // tolerance is eps = eps_numerator / eps_denominator > 0; the dataset grows to at most
  // `horizon` examples. Throws std::invalid_argument on inconsistent input and
  // std::overflow_error where 128 bits could overflow by n_limit (>= horizon).
  GrowingCounts(std::vector<std::int64_t> weights, std::int64_t total,
                std::vector<std::int64_t> counts, std::int64_t eps_numerator,
                std::int64_t eps_denominator, std::int64_t n_limit, std::int64_t horizon);

  void add(std::size_t symbol);  // one more example; throws past the horizon
  std::int64_t size() const { return n_; }
  Wide deviation() const { return sum_; }  // Σ_v |c_v·D − w_v·n| = n·D·‖p̂ − p‖₁
  bool exceeds() const { return sum_ > threshold_; }  // ‖p̂ − p‖₁ > eps
  const std::vector<std::int64_t>& counts() const { return counts_; }

 private:
  Wide z(std::size_t v) const { return Wide(counts_[v]) * total_ - Wide(weights_[v]) * n_; }
  // The first size at which z_v <= 0 (only for w_v > 0): ⌈c_v·D / w_v⌉.
  // In 64 bits (a 128-bit division costs several times more); a size past 2^62 is never
  // reached (sizes are at most 2^53).
  std::int64_t crossing(std::size_t v) const {
    const Wide top = Wide(counts_[v]) * total_;
    if (top >= (Wide(1) << 62)) return std::numeric_limits<std::int64_t>::max();
    return (static_cast<std::int64_t>(top) + weights_[v] - 1) / weights_[v];
  }
  void file(std::size_t v);  // under its crossing size, if that is within the horizon

  std::vector<std::int64_t> weights_;
  std::int64_t total_;
  std::vector<std::int64_t> counts_;
  std::int64_t n_ = 0;
  Wide sum_ = 0;              // Σ |z_v|
  Wide positive_weight_ = 0;  // W₊ = Σ_{z_v > 0} w_v
  std::vector<char> positive_;
  // ⌊a·n·D / b⌋ as quotient and remainder, and its step a·D as quotient and remainder.
  Wide threshold_ = 0, threshold_rest_ = 0, step_ = 0, step_rest_ = 0, denominator_ = 1;
  // The calendar: for each size n0 + 1 … horizon the first entry filed under it, and each
  // entry's symbol and the next entry of its size (−1 ends a list). An entry is stale once
  // its symbol has moved on (a later crossing, or no longer positive).
  std::int64_t start_ = 0, horizon_ = 0;
  std::vector<std::int32_t> first_entry_;
  std::vector<std::int32_t> next_entry_;
  std::vector<std::uint32_t> entry_symbol_;
};

}  // namespace elicit::sampling
