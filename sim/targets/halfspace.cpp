#include "sim/targets/halfspace.h"

#include "sim/exact/checked_int.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>

namespace elicit::targets {

Halfspace::Halfspace(std::vector<std::int64_t> weights, std::int64_t bias_numerator,
                     std::int64_t scale)
    : weights_(std::move(weights)), bias_numerator_(bias_numerator), scale_(scale) {
  if (weights_.empty()) throw std::invalid_argument("halfspace: no weights");
  bool all_zero = true;
  for (auto w : weights_) all_zero = all_zero && w == 0;
  if (all_zero) throw std::invalid_argument("halfspace: the weights are all zero");
  if (bias_numerator_ % 2 == 0)
    throw std::invalid_argument(
        "halfspace: the bias numerator must be odd (no point on the "
        "boundary)");
  if (scale_ < 1) throw std::invalid_argument("halfspace: the scale must be >= 1");
}

std::int64_t Halfspace::score(const GridPoint& v) const {
  if (v.size() != weights_.size())
    throw std::invalid_argument(
        fmt::format("halfspace: a point of dimension {}, expected {}", v.size(), weights_.size()));
  std::int64_t dot = 0;
  for (std::size_t i = 0; i < v.size(); ++i) dot = checked_add(dot, checked_mul(weights_[i], v[i]));
  return checked_add(checked_mul(2, dot), bias_numerator_);
}

std::vector<Rational> Halfspace::exact_weights() const {
  std::vector<Rational> w;
  for (auto c : weights_) w.emplace_back(c);
  return w;
}

Rational Halfspace::exact_bias() const { return Rational(bias_numerator_, checked_mul(2, scale_)); }

std::int64_t Halfspace::squared_weight_norm() const {
  std::int64_t sum = 0;
  for (auto w : weights_) sum = checked_add(sum, checked_mul(w, w));
  return sum;
}

std::string Halfspace::describe() const {
  return fmt::format("w* = ({}), b* = {}", fmt::join(weights_, ", "), to_string(exact_bias()));
}

Halfspace draw_halfspace(const InputLaw& law, Stream& stream, BoundaryPlacement placement) {
  const auto d = static_cast<std::size_t>(law.dimension());
  std::vector<std::int64_t> w(d, 0);
  bool all_zero = true;
  do {  // redrawn while all zero: a halfspace needs a direction
    all_zero = true;
    for (auto& c : w) {
      c = static_cast<std::int64_t>(uniform_below(stream, 7)) - 3;
      all_zero = all_zero && c == 0;
    }
  } while (all_zero);
  const GridPoint x0 = placement == BoundaryPlacement::origin ? GridPoint(d, 0) : law.draw(stream);
  std::int64_t dot = 0;
  for (std::size_t i = 0; i < d; ++i) dot = checked_add(dot, checked_mul(w[i], x0[i]));
  // b* = −w*·x0 + 1/(2s), i.e. β = 2s b* = −2 w*·v0 + 1.
  return Halfspace(std::move(w), checked_add(checked_mul(-2, dot), 1), law.scale());
}

MarginBand::MarginBand(const Halfspace& target, const Rational& gamma)
    : target_(target), gamma_(gamma) {
  if (gamma < 0) throw std::invalid_argument("margin band: gamma must be >= 0");
  const Integer s(target.scale());
  const Rational bound = Rational(4 * s * s * target.squared_weight_norm()) * gamma * gamma;
  Integer ceiling = numerator(bound) / denominator(bound);
  if (ceiling * denominator(bound) != numerator(bound)) ceiling += 1;
  const Integer saturation = Integer(1) << 127;
  if (ceiling >= saturation) ceiling = saturation;
  // Two 64-bit halves: Boost converts to built-in integers of at most 64 bits.
  const Integer high = ceiling >> 64;
  const Integer low = ceiling - (high << 64);
  threshold_ = (static_cast<Uint128>(high.convert_to<std::uint64_t>()) << 64) |
               static_cast<Uint128>(low.convert_to<std::uint64_t>());
}

bool MarginBand::rejects(const GridPoint& v) const {
  if (threshold_ == 0) return false;
  const std::int64_t score = target_.score(v);
  const std::uint64_t magnitude =
      score < 0 ? 0 - static_cast<std::uint64_t>(score) : static_cast<std::uint64_t>(score);
  return static_cast<Uint128>(magnitude) * magnitude < threshold_;
}

GridPoint MarginBand::draw(const InputLaw& law, Stream& stream) const {
  GridPoint v;
  draw(law, stream, v);
  return v;
}

void MarginBand::draw(const InputLaw& law, Stream& stream, GridPoint& v) const {
  for (int attempt = 0; attempt < kMaxRejections; ++attempt) {
    law.draw(stream, v);
    if (!rejects(v)) return;
  }
  throw std::runtime_error(fmt::format(
      "margin band gamma = {}: {} draws in a row fell inside the band |w*.x + b*| < gamma "
      "||w*||; the band leaves (almost) no mass",
      to_string(gamma_), kMaxRejections));
}

}  // namespace elicit::targets
