// The error measures the theorems and their readings are stated in (docs/theory.md §1),
// with the largest value each can take: an ε at or above it makes a claim empty.
//
//   metric_maximum(Metric::l1) == 2;   // ‖p − q‖₁ ≤ 2
#pragma once

#include "sim/exact/rational.h"
#include "sim/util/enum_names.h"

namespace elicit::theory {

enum class Metric {
  l1,        // ‖p̂ − p‖₁ (T2, T5 as written)
  tv,        // total variation, L1/2 (T1)
  sup,       // max_s |p̂(s) − p(s)| (T5 sup-norm reading)
  zero_one,  // P_X(h(x) ≠ h*(x)), 0-1 disagreement (T3)
  absolute,  // |p̂(x) − p(x)| for a probability (T4)
};

inline constexpr EnumNames<Metric, 5> kMetricNames = {{{Metric::l1, "L1"},
                                                       {Metric::tv, "TV"},
                                                       {Metric::sup, "sup-norm"},
                                                       {Metric::zero_one, "0-1 disagreement"},
                                                       {Metric::absolute, "absolute error"}}};

inline std::string_view metric_name(Metric metric) { return name_of(kMetricNames, metric); }

inline Rational metric_maximum(Metric metric) {
  return metric == Metric::l1 ? Rational(2) : Rational(1);
}

}  // namespace elicit::theory
