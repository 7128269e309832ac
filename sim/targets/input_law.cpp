#include "sim/targets/input_law.h"

#include "sim/exact/checked_int.h"

#include <fmt/format.h>
#include <boost/random/normal_distribution.hpp>

#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

namespace elicit::targets {

std::string InputLawSpec::describe() const {
  switch (kind) {
    case InputKind::lattice:
      return fmt::format("lattice(d={}, R={})", dimension, radius);
    case InputKind::gaussian:
      return fmt::format("gaussian(d={}, grid 2^-{})", dimension, bits);
    case InputKind::fractions:
      return fmt::format("fractions(d={}, R={}, Q={})", dimension, radius, denominators);
  }
  return "?";
}

namespace {

void check_spec(const InputLawSpec& spec) {
  if (spec.dimension < 1 || spec.dimension > InputLaw::kMaxDimension)
    throw std::invalid_argument(fmt::format("input law: dimension must be in [1, {}] (got {})",
                                            InputLaw::kMaxDimension, spec.dimension));
  const bool uses_radius = spec.kind != InputKind::gaussian;
  if (uses_radius && (spec.radius < 1 || spec.radius > InputLaw::kMaxRadius))
    throw std::invalid_argument(fmt::format("input law: radius must be in [1, {}] (got {})",
                                            InputLaw::kMaxRadius, spec.radius));
  if (spec.kind == InputKind::gaussian && (spec.bits < 0 || spec.bits > InputLaw::kMaxBits))
    throw std::invalid_argument(
        fmt::format("input law: bits must be in [0, {}] (got {})", InputLaw::kMaxBits, spec.bits));
  if (spec.kind == InputKind::fractions &&
      (spec.denominators < 1 || spec.denominators > InputLaw::kMaxDenominators))
    throw std::invalid_argument(fmt::format("input law: denominators must be in [1, {}] (got {})",
                                            InputLaw::kMaxDenominators, spec.denominators));
}

std::int64_t scale_of(const InputLawSpec& spec) {
  switch (spec.kind) {
    case InputKind::lattice:
      return 1;
    case InputKind::gaussian:
      return std::int64_t{1} << spec.bits;
    case InputKind::fractions: {
      std::int64_t l = 1;
      for (std::int64_t q = 2; q <= spec.denominators; ++q) l = std::lcm(l, q);
      return l;
    }
  }
  return 1;
}

// The distinct values of one coordinate, scaled, with the number of outcomes giving
// each: every outcome (a lattice value, or a pair (p, q)) is equally likely.
std::optional<CoordinateLaw> coordinate_law_of(const InputLawSpec& spec, std::int64_t scale) {
  if (spec.kind == InputKind::gaussian) return std::nullopt;
  std::map<std::int64_t, std::int64_t> counts;
  const std::int64_t denominators = spec.kind == InputKind::fractions ? spec.denominators : 1;
  for (std::int64_t p = -spec.radius; p <= spec.radius; ++p) {
    for (std::int64_t q = 1; q <= denominators; ++q) ++counts[p * (scale / q)];
  }
  CoordinateLaw law;
  for (const auto& [value, count] : counts) {
    law.values.push_back(value);
    law.weights.push_back(count);
    law.total += count;
  }
  return law;
}

}  // namespace

InputLaw::InputLaw(const InputLawSpec& spec) : spec_(spec) {
  check_spec(spec);
  scale_ = scale_of(spec);
  coordinate_ = coordinate_law_of(spec, scale_);
}

GridPoint InputLaw::draw(Stream& stream) const {
  GridPoint v;
  draw(stream, v);
  return v;
}

void InputLaw::draw(Stream& stream, GridPoint& v) const {
  v.resize(static_cast<std::size_t>(spec_.dimension));
  switch (spec_.kind) {
    case InputKind::lattice: {
      const auto width = static_cast<std::uint64_t>(2 * spec_.radius + 1);
      for (auto& c : v) c = static_cast<std::int64_t>(uniform_below(stream, width)) - spec_.radius;
      break;
    }
    case InputKind::gaussian: {
      // Scaling by 2^bits is exact in double, so the rounding is to the nearest grid
      // point of the drawn double (halves away from zero).
      boost::random::normal_distribution<double> normal;
      for (auto& c : v) c = std::llround(std::ldexp(normal(stream), spec_.bits));
      break;
    }
    case InputKind::fractions: {
      const auto width = static_cast<std::uint64_t>(2 * spec_.radius + 1);
      const auto denominators = static_cast<std::uint64_t>(spec_.denominators);
      for (auto& c : v) {
        const auto p = static_cast<std::int64_t>(uniform_below(stream, width)) - spec_.radius;
        const auto q = static_cast<std::int64_t>(uniform_below(stream, denominators)) + 1;
        c = p * (scale_ / q);
      }
      break;
    }
  }
}

std::optional<std::int64_t> InputLaw::enumerable_points() const {
  if (!coordinate_) return std::nullopt;
  const auto per_coordinate = static_cast<std::int64_t>(coordinate_->values.size());
  std::int64_t points = 1;
  for (int i = 0; i < spec_.dimension; ++i) {
    if (points > kMaxEnumerated / per_coordinate) return std::nullopt;
    points *= per_coordinate;
  }
  return points;
}

void InputLaw::for_each_point(
    const std::function<void(const GridPoint&, std::int64_t)>& visit) const {
  if (!enumerable_points())
    throw std::logic_error("for_each_point: the law " + spec_.describe() + " is not enumerable");
  const auto d = static_cast<std::size_t>(spec_.dimension);
  const auto& law = *coordinate_;
  // An odometer over the distinct coordinate values, the last coordinate fastest.
  std::vector<std::size_t> digit(d, 0);
  GridPoint v(d, law.values[0]);
  while (true) {
    std::int64_t weight = 1;
    for (std::size_t i = 0; i < d; ++i) weight = checked_mul(weight, law.weights[digit[i]]);
    visit(v, weight);
    std::size_t i = d;
    while (i > 0) {
      --i;
      if (++digit[i] < law.values.size()) {
        v[i] = law.values[digit[i]];
        break;
      }
      digit[i] = 0;
      v[i] = law.values[0];
      if (i == 0) return;
    }
  }
}

std::vector<Rational> InputLaw::exact(const GridPoint& v) const {
  std::vector<Rational> x;
  x.reserve(v.size());
  for (auto c : v) x.emplace_back(c, scale_);
  return x;
}

std::vector<double> InputLaw::approximate(const GridPoint& v) const {
  std::vector<double> x;
  x.reserve(v.size());
  for (auto c : v) x.push_back(static_cast<double>(c) / static_cast<double>(scale_));
  return x;
}

}  // namespace elicit::targets
