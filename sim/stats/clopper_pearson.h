// Failure counts -> Clopper–Pearson interval -> verdict against δ
// (docs/design.md principle 6).
//
//   HOLDS         the upper limit of the failure rate is <= δ
//   VIOLATED      the lower limit is > δ
//   INCONCLUSIVE  otherwise (more trials may decide it)
//
// Each side is decided through the binomial tail it is defined by: upper <= δ iff
// P(Bin(T, δ) <= F) <= α/2, lower > δ iff P(Bin(T, δ) >= F) < α/2. The tails are
// computed in double (Boost.Math); when one lies within a relative 1e-9 of α/2 the
// side is not decided, so rounding can delay a verdict but never flip one.
//
//   auto ci = clopper_pearson(3, 1000, 0.99);     // {lower, upper} for display
//   Verdict v = decide_verdict(3, 1000, delta, confidence);
#pragma once

#include "sim/exact/rational.h"
#include "sim/util/enum_names.h"

#include <cstdint>
#include <string_view>

namespace elicit::stats {

struct Interval {
  double lower = 0;
  double upper = 1;
};

Interval clopper_pearson(std::int64_t failures, std::int64_t trials, double confidence);

enum class Verdict { holds, violated, inconclusive };
inline constexpr EnumNames<Verdict, 3> kVerdictNames = {{{Verdict::holds, "HOLDS"},
                                                         {Verdict::violated, "VIOLATED"},
                                                         {Verdict::inconclusive, "INCONCLUSIVE"}}};
inline std::string_view verdict_name(Verdict verdict) { return name_of(kVerdictNames, verdict); }

Verdict decide_verdict(std::int64_t failures, std::int64_t trials, const Rational& delta,
                       const Rational& confidence);

}  // namespace elicit::stats
