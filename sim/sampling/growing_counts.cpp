#include "sim/sampling/growing_counts.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace elicit::sampling {

GrowingCounts::GrowingCounts(std::vector<std::int64_t> weights, std::int64_t total,
                             std::vector<std::int64_t> counts, std::int64_t eps_numerator,
                             std::int64_t eps_denominator, std::int64_t n_limit,
                             std::int64_t horizon)
    : weights_(std::move(weights)), total_(total), counts_(std::move(counts)) {
  if (weights_.empty() || weights_.size() != counts_.size() || total_ < 1 ||
      std::accumulate(weights_.begin(), weights_.end(), Wide(0)) != total_ || eps_numerator < 1 ||
      eps_denominator < 1)
    throw std::invalid_argument("GrowingCounts: inconsistent law, counts or eps");
  for (const auto c : counts_) {
    if (c < 0) throw std::invalid_argument("GrowingCounts: a negative count");
    n_ += c;
  }
  if (n_ < 1 || horizon < n_ || n_limit < horizon)
    throw std::invalid_argument("GrowingCounts: no example, or a horizon out of range");
  if (weights_.size() > std::numeric_limits<std::uint32_t>::max() ||
      horizon - n_ > std::numeric_limits<std::int32_t>::max() / 2)
    throw std::invalid_argument("GrowingCounts: too many symbols or sizes");
  start_ = n_;
  horizon_ = horizon;
  first_entry_.assign(static_cast<std::size_t>(horizon_ - start_ + 1), -1);
  // One entry a symbol now and at most one an example: no reallocation while growing.
  const auto entries = weights_.size() + static_cast<std::size_t>(horizon_ - start_);
  next_entry_.reserve(entries);
  entry_symbol_.reserve(entries);
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
      if (weights_[v] > 0) file(v);
    }
  }
  denominator_ = eps_denominator;
  step_ = Wide(eps_numerator) * total_ / denominator_;
  step_rest_ = Wide(eps_numerator) * total_ % denominator_;
  const Wide start = Wide(eps_numerator) * total_ * n_;
  threshold_ = start / denominator_;
  threshold_rest_ = start % denominator_;
}

void GrowingCounts::file(std::size_t v) {
  const std::int64_t when = crossing(v);
  if (when > horizon_) return;  // the dataset never grows that far
  const auto slot = static_cast<std::size_t>(when - start_);
  next_entry_.push_back(first_entry_[slot]);
  entry_symbol_.push_back(static_cast<std::uint32_t>(v));
  first_entry_[slot] = static_cast<std::int32_t>(entry_symbol_.size() - 1);
}

void GrowingCounts::add(std::size_t symbol) {
  if (symbol >= counts_.size()) throw std::out_of_range("GrowingCounts: no such symbol");
  if (n_ >= horizon_) throw std::out_of_range("GrowingCounts: past the horizon");
  // Every z_v falls by w_v: |z_v| grows by w_v where z_v <= 0 and shrinks by w_v where
  // z_v >= w_v; a symbol with 0 < z_v < w_v crosses zero, moving by w_v − 2·z_v instead.
  sum_ += Wide(total_) - 2 * positive_weight_;
  ++n_;
  for (std::int32_t e = first_entry_[static_cast<std::size_t>(n_ - start_)]; e >= 0;
       e = next_entry_[static_cast<std::size_t>(e)]) {
    const std::size_t v = entry_symbol_[static_cast<std::size_t>(e)];
    if (!positive_[v] || crossing(v) != n_) continue;  // stale: v moved since
    const Wide after = z(v);                           // <= 0 now; it was after + w_v > 0
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
    if (weights_[symbol] > 0) file(symbol);
  }
  threshold_ += step_;
  threshold_rest_ += step_rest_;
  if (threshold_rest_ >= denominator_) {
    threshold_rest_ -= denominator_;
    ++threshold_;
  }
}

}  // namespace elicit::sampling
