// The bounded double failure curve of exact_failure_curve.h, where it is cheap: computed
// when its estimated work is within a limit, nullopt where the program does not reach (too
// much work, too many states, n·D past its 2^60). What experiments offer as their exact
// curve (Experiment::exact_failure_curve).
//
//   auto curve = failure_curve_within(laws, eps, 1, 250, 2e9);   // nullopt: not cheap here
#pragma once

#include "sim/engine/exact_failure_curve.h"

#include <optional>
#include <stdexcept>
#include <vector>

namespace elicit::engine {

inline std::optional<std::vector<CurvePoint>> failure_curve_within(
    const std::vector<targets::Distribution>& contexts, const Rational& eps, std::int64_t first,
    std::int64_t last, double work_limit) {
  try {
    if (!(estimate_curve_work(contexts, eps, first, last).double_steps <= work_limit))
      return std::nullopt;
    return failure_curve(contexts, eps, first, last);
  } catch (const DpTooLarge&) {
    return std::nullopt;
  } catch (const std::invalid_argument&) {  // n·D past the program's 2^60
    return std::nullopt;
  }
}

}  // namespace elicit::engine
