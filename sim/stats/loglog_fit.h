// The scaling exponent of y against x: least squares on (ln x, ln y), with a
// Student-t confidence interval for the slope (n − 2 degrees of freedom).
//
//   SlopeFit fit = fit_loglog_slope(V_values, n_star_values, 0.95);
//   fit.slope, fit.lower, fit.upper
#pragma once

#include "sim/util/enum_names.h"

#include <string>
#include <vector>

namespace elicit::stats {

// The x of a scaling fit, optionally rescaled so that the slope is the exponent a
// theorem states (n* against 1/eps, or against ln(1/delta)).
enum class FitScale { identity, inverse, ln_inverse };
inline constexpr EnumNames<FitScale, 3> kFitScaleNames = {{{FitScale::identity, "identity"},
                                                           {FitScale::inverse, "inverse"},
                                                           {FitScale::ln_inverse, "ln_inverse"}}};
std::string scaled_label(FitScale scale, const std::string& x);  // "eps", "1/eps", "ln(1/eps)"
double scaled_value(FitScale scale, double x);

struct SlopeFit {
  double slope = 0;
  double intercept = 0;  // of ln y at ln x = 0
  double lower = 0;      // confidence interval of the slope (meaningless for 2 points:
                         // set equal to the slope)
  double upper = 0;
  int points = 0;
};

// Needs at least 2 points with x, y > 0; throws std::invalid_argument otherwise.
SlopeFit fit_loglog_slope(const std::vector<double>& x, const std::vector<double>& y,
                          double confidence);

// When each y is only known to lie in [y_lower, y_upper] (an n* interval), the
// least-squares slope over every choice of the ys within their intervals: the slope
// is linear in ln y, so its extremes take each y at an end of its interval.
struct SlopeRange {
  double lower = 0, upper = 0;
};
SlopeRange loglog_slope_range(const std::vector<double>& x, const std::vector<double>& y_lower,
                              const std::vector<double>& y_upper);

}  // namespace elicit::stats
