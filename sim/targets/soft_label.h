// T4's fine-tuned model: a soft label p(x) = link(a·t), t = w*·x + b* the score of a
// halfspace (halfspace.h), and labels y ~ Bernoulli(p(x)) (docs/theory.md §3.4). Every
// p(x) on the input grid is an exact rational with one common denominator, so a
// label is drawn exactly (uniform_below(den) < num has probability num/den) and the
// mean of p over many points is an integer sum.
//
// Links (exact rational functions, monotone in t):
//   clipped_linear     p = clamp(a·t + c, 0, 1): slope a, offset c (c = 1/2: p = 1/2
//                      on the boundary); a = 0 gives the constant p = c
//   piecewise_sigmoid  the linear interpolation of the logistic σ at the integers
//                      −8…8 (values rounded to 2^−16, kPiecewiseSigmoidKnots),
//                      constant beyond, evaluated at a·t: a steepens it
// A large a·‖w*‖ makes p change fast between grid neighbours, so label averaging over
// near neighbours is biased (T4's neighbour-bias term); a = 0 shares one p among all.
//
//   SoftLabel p(halfspace, {LinkKind::clipped_linear, Rational(1, 4), Rational(1, 2)});
//   Rational px = p.probability(v);
//   int y = p.draw_label(v, stream);   // 1 with probability exactly p(x)
#pragma once

#include "sim/exact/rational.h"
#include "sim/random/stream.h"
#include "sim/targets/halfspace.h"
#include "sim/util/enum_names.h"

#include <array>
#include <cstdint>
#include <string>

namespace elicit::targets {

enum class LinkKind { clipped_linear, piecewise_sigmoid };
inline constexpr EnumNames<LinkKind, 2> kLinkKindNames = {
    {{LinkKind::clipped_linear, "clipped-linear"},
     {LinkKind::piecewise_sigmoid, "piecewise-sigmoid"}}};

struct LinkSpec {
  LinkKind kind = LinkKind::clipped_linear;
  Rational slope = Rational(1, 4);   // a >= 0
  Rational offset = Rational(1, 2);  // c in [0, 1], clipped_linear only
  std::string describe() const;      // "clipped-linear(a=1/4, c=1/2)"
};

// round(65536 σ(j)) for j = −8…8.
inline constexpr std::array<std::int64_t, 17> kPiecewiseSigmoidKnots = {
    22,    60,    162,   439,   1179,  3108,  7812,  17625, 32768,
    47911, 57724, 62428, 64357, 65097, 65374, 65476, 65514};
inline constexpr std::int64_t kPiecewiseSigmoidDenominator = 65536;

class SoftLabel {
 public:
  // Throws std::invalid_argument for a < 0, c outside [0, 1], or a common
  // denominator beyond 2^62.
  SoftLabel(Halfspace score, const LinkSpec& link);

  const Halfspace& halfspace() const { return score_; }
  const LinkSpec& link() const { return link_; }
  // p(x) = numerator(v) / denominator(), 0 <= numerator <= denominator.
  std::int64_t denominator() const { return denominator_; }
  std::int64_t numerator(const GridPoint& v) const;
  Rational probability(const GridPoint& v) const { return Rational(numerator(v), denominator_); }
  // y ∈ {0, 1}, 1 with probability exactly p(x).
  int draw_label(const GridPoint& v, Stream& stream) const;
  std::string describe() const;

 private:
  Halfspace score_;
  LinkSpec link_;
  // a = slope_num / slope_den, c = offset_num / offset_den; the scaled argument of
  // the link is a·t = slope_num · score / (2 s · slope_den) =: u / unit.
  std::int64_t slope_num_ = 0, slope_den_ = 1, offset_num_ = 0, offset_den_ = 1;
  std::int64_t unit_ = 1;
  std::int64_t denominator_ = 1;
};

}  // namespace elicit::targets
