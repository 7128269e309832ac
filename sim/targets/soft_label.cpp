#include "sim/targets/soft_label.h"

#include "sim/exact/checked_int.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace elicit::targets {

std::string LinkSpec::describe() const {
  if (kind == LinkKind::clipped_linear)
    return fmt::format("clipped-linear(a={}, c={})", to_string(slope), to_string(offset));
  return fmt::format("piecewise-sigmoid(a={})", to_string(slope));
}

namespace {

std::int64_t small_integer(const Integer& value, const char* what) {
  if (value > Integer(std::int64_t{1} << 40) || value < -Integer(std::int64_t{1} << 40))
    throw std::invalid_argument(fmt::format("soft label: {} has more than 40 bits", what));
  return value.convert_to<std::int64_t>();
}

}  // namespace

SoftLabel::SoftLabel(Halfspace score, const LinkSpec& link)
    : score_(std::move(score)), link_(link) {
  if (link.slope < 0) throw std::invalid_argument("soft label: the slope a must be >= 0");
  if (link.kind == LinkKind::clipped_linear && (link.offset < 0 || link.offset > 1))
    throw std::invalid_argument("soft label: the offset c must be in [0, 1]");
  slope_num_ = small_integer(boost::multiprecision::numerator(link.slope), "the slope's numerator");
  slope_den_ =
      small_integer(boost::multiprecision::denominator(link.slope), "the slope's denominator");
  offset_num_ =
      small_integer(boost::multiprecision::numerator(link.offset), "the offset's numerator");
  offset_den_ =
      small_integer(boost::multiprecision::denominator(link.offset), "the offset's denominator");
  try {
    unit_ = checked_mul(checked_mul(2, score_.scale()), slope_den_);
    denominator_ = checked_mul(
        unit_, link.kind == LinkKind::clipped_linear ? offset_den_ : kPiecewiseSigmoidDenominator);
    if (denominator_ > (std::int64_t{1} << 62)) throw std::overflow_error("above 2^62");
  } catch (const std::overflow_error&) {
    throw std::invalid_argument(
        "soft label: the common denominator of p exceeds 2^62 (a finer grid or slope)");
  }
}

std::int64_t SoftLabel::numerator(const GridPoint& v) const {
  const std::int64_t u = checked_mul(slope_num_, score_.score(v));  // a·t = u / unit_
  if (link_.kind == LinkKind::clipped_linear) {
    const std::int64_t raw =
        checked_add(checked_mul(u, offset_den_), checked_mul(offset_num_, unit_));
    return std::clamp<std::int64_t>(raw, 0, denominator_);
  }
  std::int64_t j = u / unit_;  // ⌊u / unit⌋: the knot at or below a·t
  if (u % unit_ != 0 && u < 0) --j;
  const auto& k = kPiecewiseSigmoidKnots;
  if (j >= 8) return checked_mul(k.back(), unit_);
  if (j < -8) return checked_mul(k.front(), unit_);
  const auto at = static_cast<std::size_t>(j + 8);
  // σ̃(a·t) = k_j + (k_{j+1} − k_j)(a·t − j), over the denominator 65536·unit.
  return checked_add(checked_mul(k[at], unit_),
                     checked_mul(k[at + 1] - k[at], checked_sub(u, checked_mul(j, unit_))));
}

int SoftLabel::draw_label(const GridPoint& v, Stream& stream) const {
  const std::int64_t num = numerator(v);
  // uniform_below is exactly uniform on {0, …, den − 1}: P(U < num) = num / den.
  return uniform_below(stream, static_cast<std::uint64_t>(denominator_)) <
                 static_cast<std::uint64_t>(num)
             ? 1
             : 0;
}

std::string SoftLabel::describe() const {
  return fmt::format("p(x) = {} of w*.x + b*, {}", link_.describe(), score_.describe());
}

}  // namespace elicit::targets
