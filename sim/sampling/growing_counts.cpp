#include "sim/sampling/growing_counts.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace elicit::sampling {

GrowingCounts::GrowingCounts(std::vector<std::int64_t> weights, std::int64_t total,
                             std::vector<std::int64_t> counts, std::int64_t eps_numerator,
                             std::int64_t eps_denominator, std::int64_t n_limit)
    : weights_(std::move(weights)), total_(total), counts_(std::move(counts)) {
  if (weights_.empty() || weights_.size() != counts_.size() || total_ < 1 ||
      std::accumulate(weights_.begin(), weights_.end(), Wide(0)) != total_ || eps_numerator < 1 ||
      eps_denominator < 1)
    throw std::invalid_argument("GrowingCounts: inconsistent law, counts or eps");
  for (const auto c : counts_) {
    if (c < 0) throw std::invalid_argument("GrowingCounts: a negative count");
    n_ += c;
  }
  if (n_ < 1 || n_limit < n_) throw std::invalid_argument("GrowingCounts: no example");
  // Every quantity is below 2·n_limit·D·max(1, a): keep that under 2^100.
  // (in double first: the product itself could overflow 128 bits)
  const double largest = 2.0 * static_cast<double>(n_limit) * static_cast<double>(total_) *
                         static_cast<double>(std::max(eps_numerator, eps_denominator));
  if (!(largest < 0x1p96))
    throw std::overflow_error("GrowingCounts: sizes too large for 128-bit deviations");
  positive_.assign(weights_.size(), 0);
  for (std::size_t v = 0; v < weights_.size(); ++v) {
    const Wide value = z(v);
    sum_ += value < 0 ? -value : value;
    if (value > 0) {
      positive_[v] = 1;
      positive_weight_ += weights_[v];
      if (weights_[v] > 0) push(v);
    }
  }
  denominator_ = eps_denominator;
  step_ = Wide(eps_numerator) * total_ / denominator_;
  step_rest_ = Wide(eps_numerator) * total_ % denominator_;
  const Wide start = Wide(eps_numerator) * total_ * n_;
  threshold_ = start / denominator_;
  threshold_rest_ = start % denominator_;
}

void GrowingCounts::add(std::size_t symbol) {
  if (symbol >= counts_.size()) throw std::out_of_range("GrowingCounts: no such symbol");
  // Every z_v falls by w_v: |z_v| grows by w_v where z_v <= 0 and shrinks by w_v where
  // z_v >= w_v; a symbol with 0 < z_v < w_v crosses zero, moving by w_v − 2·z_v instead.
  sum_ += Wide(total_) - 2 * positive_weight_;
  ++n_;
  while (!heap_.empty() && heap_.top().first <= n_) {
    const auto [when, v] = heap_.top();
    heap_.pop();
    if (!positive_[v] || when != crossing(v)) continue;  // stale: v moved since
    const Wide after = z(v);                             // <= 0 now; it was after + w_v > 0
    sum_ -= 2 * after;  // corrects the step's −w_v to |after| − (after + w_v)
    positive_[v] = 0;
    positive_weight_ -= weights_[v];
  }
  // The example itself: z_j rises by D.
  const Wide before = z(symbol);
  ++counts_[symbol];
  const Wide after = before + total_;
  sum_ += (after < 0 ? -after : after) - (before < 0 ? -before : before);
  if (after > 0) {
    if (!positive_[symbol]) {
      positive_[symbol] = 1;
      positive_weight_ += weights_[symbol];
    }
    if (weights_[symbol] > 0) push(symbol);
  }
  threshold_ += step_;
  threshold_rest_ += step_rest_;
  if (threshold_rest_ >= denominator_) {
    threshold_rest_ -= denominator_;
    ++threshold_;
  }
}

}  // namespace elicit::sampling
