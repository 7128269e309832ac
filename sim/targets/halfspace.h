// The fine-tuned classifier of T3, h*(x) = 1[w*·x + b* > 0], and the linear score
// w*·x + b* that T4's soft labels pass through a link (docs/theory.md §3.3, §3.4).
//
// On an input law's grid (x = v / s, input_law.h) the halfspace is held in integers:
// w* ∈ Z^d and b* = β / (2s) with β odd, so that
//   score(v) = 2s (w*·x + b*) = 2 w*·v + β
// is an odd integer with the sign of w*·x + b*: no grid point lies on the boundary,
// and every label is decided in int64 (checked) arithmetic.
//
// draw_halfspace() draws w* with coordinates uniform in {−3, …, 3} (not all zero)
// and puts the boundary half a grid step past a point x0, b* = −w*·x0 + 1/(2s):
// x0 drawn from the input law (both classes have mass, in proportions that vary
// with the draw), or x0 = 0 (the boundary through the centre of the symmetric laws:
// the classes are balanced up to the grid, so cells along d or ε differ in d or ε
// rather than in how lopsided their targets happen to be).
//
// The margin band (T3's margin reading): points with |w*·x + b*| < γ‖w*‖ are rejected
// and redrawn, so the inputs follow the law conditioned on lying outside the band.
// The test is exact: score(v)² < 4 s² γ² ‖w*‖², in integers.
//
//   Halfspace h = draw_halfspace(law, stream);
//   bool positive = h.positive(v);             // h*(x) = 1
//   MarginBand band(h, law.scale(), Rational(1, 4));
//   GridPoint x = band.draw(law, stream);      // |w*·x + b*| >= ‖w*‖/4
#pragma once

#include "sim/exact/rational.h"
#include "sim/targets/input_law.h"
#include "sim/util/enum_names.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace elicit::targets {

class Halfspace {
 public:
  // w* = weights, b* = bias_numerator / (2 scale); bias_numerator must be odd and
  // weights not all zero.
  Halfspace(std::vector<std::int64_t> weights, std::int64_t bias_numerator, std::int64_t scale);

  int dimension() const { return static_cast<int>(weights_.size()); }
  const std::vector<std::int64_t>& weights() const { return weights_; }
  std::int64_t bias_numerator() const { return bias_numerator_; }
  std::int64_t scale() const { return scale_; }

  // 2 w*·v + β = 2s (w*·x + b*): odd, never 0.
  std::int64_t score(const GridPoint& v) const;
  bool positive(const GridPoint& v) const { return score(v) > 0; }
  int label(const GridPoint& v) const { return positive(v) ? 1 : -1; }  // ±1 (T3's perceptron)

  // The exact coefficients, for the results.
  std::vector<Rational> exact_weights() const;
  Rational exact_bias() const;
  std::int64_t squared_weight_norm() const;  // ‖w*‖²
  std::string describe() const;              // "w* = (1, -2), b* = 3/2"

 private:
  std::vector<std::int64_t> weights_;
  std::int64_t bias_numerator_;
  std::int64_t scale_;
};

enum class BoundaryPlacement { drawn_point, origin };
inline constexpr EnumNames<BoundaryPlacement, 2> kBoundaryPlacementNames = {
    {{BoundaryPlacement::drawn_point, "drawn-point"}, {BoundaryPlacement::origin, "origin"}}};

// Draws w* and b* as above, from the cell's target stream.
Halfspace draw_halfspace(const InputLaw& law, Stream& stream,
                         BoundaryPlacement placement = BoundaryPlacement::drawn_point);

// Points with |w*·x + b*| < γ‖w*‖, rejected by the margin reading; γ = 0 rejects none.
class MarginBand {
 public:
  // The most consecutive rejections draw() allows before it gives up.
  static constexpr int kMaxRejections = 1000000;

  MarginBand(const Halfspace& target, const Rational& gamma);
  const Rational& gamma() const { return gamma_; }
  // score(v)² < 4 s² γ² ‖w*‖², decided exactly.
  bool rejects(const GridPoint& v) const;
  // A draw from `law` conditioned on lying outside the band; throws
  // std::runtime_error after kMaxRejections rejections in a row.
  GridPoint draw(const InputLaw& law, Stream& stream) const;
  void draw(const InputLaw& law, Stream& stream, GridPoint& out) const;  // into a buffer

 private:
  __extension__ typedef unsigned __int128 Uint128;  // a squared int64 score fits
  Halfspace target_;
  Rational gamma_;
  // ⌈4 s² γ² ‖w*‖²⌉, saturated at 2^127: score² is an integer below 2^126, so
  // score² < 4 s² γ² ‖w*‖² iff score² < threshold_.
  Uint128 threshold_ = 0;
};

}  // namespace elicit::targets
