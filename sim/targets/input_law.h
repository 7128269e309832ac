// The law of the inputs x of the classification theorems (T3, T4) and of T1's
// dataset: points of R^d on a grid, so that every comparison the experiments make
// (a halfspace's side, a squared distance, a soft label) is an integer one.
//
// A point is stored as integers v with x = v / scale, the grid's common denominator:
//   lattice     uniform on {−R, …, R}^d (scale 1): finite, so a probability under it
//               is an exact count over (2R+1)^d points while that is small
//   gaussian    N(0, I) drawn in double (Boost.Random's ziggurat) and rounded to the
//               nearest point of the grid 2^−bits Z^d (scale 2^bits): the law IS this
//               procedure, so sampling it is exact; it is unbounded, never enumerated
//   fractions   each coordinate p/q with p uniform in {−R, …, R} and q uniform in
//               {1, …, Q} (scale lcm(1, …, Q)): small non-dyadic fractions, the
//               instances on which double precision drifts (T1)
// Coordinates are independent, so a finite law is the product of one coordinate's
// law; for_each_point() enumerates its distinct points with their weights.
//
//   InputLaw law({InputKind::lattice, /*dimension=*/2, /*radius=*/3});
//   GridPoint v = law.draw(stream);            // e.g. {-1, 3}: x = (-1, 3)
//   law.for_each_point([&](const GridPoint& v, std::int64_t weight) { ... });
#pragma once

#include "sim/exact/rational.h"
#include "sim/random/stream.h"
#include "sim/util/enum_names.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace elicit::targets {

enum class InputKind { lattice, gaussian, fractions };
inline constexpr EnumNames<InputKind, 3> kInputKindNames = {{{InputKind::lattice, "lattice"},
                                                             {InputKind::gaussian, "gaussian"},
                                                             {InputKind::fractions, "fractions"}}};

struct InputLawSpec {
  InputKind kind = InputKind::lattice;
  int dimension = 2;
  std::int64_t radius = 3;        // lattice, fractions: coordinates (numerators) in {−R, …, R}
  int bits = 6;                   // gaussian: the grid 2^−bits
  std::int64_t denominators = 7;  // fractions: denominators uniform in {1, …, Q}
  std::string describe() const;   // "lattice(d=2, R=3)"
};

// x = v / scale.
using GridPoint = std::vector<std::int64_t>;

// One coordinate's law when it is finite: its distinct scaled values and how many
// of the equally likely outcomes give each.
struct CoordinateLaw {
  std::vector<std::int64_t> values;
  std::vector<std::int64_t> weights;
  std::int64_t total = 0;  // the number of equally likely outcomes, Σ weights
};

class InputLaw {
 public:
  // Limits that keep every scaled value, squared distance and score within int64
  // for dimensions up to kMaxDimension (checked arithmetic throws beyond).
  static constexpr int kMaxDimension = 64;
  static constexpr std::int64_t kMaxRadius = std::int64_t{1} << 20;
  static constexpr int kMaxBits = 24;
  static constexpr std::int64_t kMaxDenominators = 16;  // lcm(1..16) = 720720
  // The most distinct points for_each_point() enumerates.
  static constexpr std::int64_t kMaxEnumerated = std::int64_t{1} << 22;

  // Throws std::invalid_argument for a setting outside the limits above.
  explicit InputLaw(const InputLawSpec& spec);

  const InputLawSpec& spec() const { return spec_; }
  int dimension() const { return spec_.dimension; }
  std::int64_t scale() const { return scale_; }

  GridPoint draw(Stream& stream) const;
  // The same draw into `out` (resized to the dimension): no allocation per point,
  // for test samples of 10^5 points.
  void draw(Stream& stream, GridPoint& out) const;

  // One coordinate's law (nullopt for the gaussian).
  const std::optional<CoordinateLaw>& coordinate_law() const { return coordinate_; }
  // The number of distinct points when finite and at most kMaxEnumerated.
  std::optional<std::int64_t> enumerable_points() const;
  // Every distinct point with its weight (a product of coordinate weights; the
  // weights add up to coordinate total^d). Throws std::logic_error unless
  // enumerable_points().
  void for_each_point(const std::function<void(const GridPoint&, std::int64_t)>& visit) const;

  std::vector<Rational> exact(const GridPoint& v) const;  // x = v / scale
  std::vector<double> approximate(const GridPoint& v) const;

 private:
  InputLawSpec spec_;
  std::int64_t scale_ = 1;
  std::optional<CoordinateLaw> coordinate_;
};

}  // namespace elicit::targets
