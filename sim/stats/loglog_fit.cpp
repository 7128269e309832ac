#include "sim/stats/loglog_fit.h"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <stdexcept>

namespace elicit::stats {

std::string scaled_label(FitScale scale, const std::string& x) {
  switch (scale) {
    case FitScale::identity:
      return x;
    case FitScale::inverse:
      return "1/" + x;
    case FitScale::ln_inverse:
      return "ln(1/" + x + ")";
  }
  return x;
}

double scaled_value(FitScale scale, double x) {
  switch (scale) {
    case FitScale::identity:
      return x;
    case FitScale::inverse:
      return 1 / x;
    case FitScale::ln_inverse:
      return std::log(1 / x);
  }
  return x;
}

SlopeFit fit_loglog_slope(const std::vector<double>& x, const std::vector<double>& y,
                          double confidence) {
  if (x.size() != y.size() || x.size() < 2)
    throw std::invalid_argument("a slope needs at least 2 points");
  const auto n = static_cast<double>(x.size());
  double mean_x = 0, mean_y = 0;
  std::vector<double> lx, ly;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!(x[i] > 0) || !(y[i] > 0))
      throw std::invalid_argument("log-log fit needs positive values");
    lx.push_back(std::log(x[i]));
    ly.push_back(std::log(y[i]));
    mean_x += lx.back() / n;
    mean_y += ly.back() / n;
  }
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < lx.size(); ++i) {
    sxx += (lx[i] - mean_x) * (lx[i] - mean_x);
    sxy += (lx[i] - mean_x) * (ly[i] - mean_y);
  }
  if (sxx == 0) throw std::invalid_argument("log-log fit needs at least two distinct x");
  SlopeFit fit;
  fit.points = static_cast<int>(x.size());
  fit.slope = sxy / sxx;
  fit.intercept = mean_y - fit.slope * mean_x;
  fit.lower = fit.upper = fit.slope;
  if (x.size() > 2) {
    double residual = 0;
    for (std::size_t i = 0; i < lx.size(); ++i) {
      const double r = ly[i] - (fit.intercept + fit.slope * lx[i]);
      residual += r * r;
    }
    const double standard_error = std::sqrt(residual / (n - 2) / sxx);
    const double t =
        boost::math::quantile(boost::math::students_t(n - 2), 1 - (1 - confidence) / 2);
    fit.lower = fit.slope - t * standard_error;
    fit.upper = fit.slope + t * standard_error;
  }
  return fit;
}

SlopeRange loglog_slope_range(const std::vector<double>& x, const std::vector<double>& y_lower,
                              const std::vector<double>& y_upper) {
  if (x.size() != y_lower.size() || x.size() != y_upper.size() || x.size() < 2)
    throw std::invalid_argument("a slope range needs at least 2 points");
  std::vector<double> lx;
  double mean_x = 0;
  for (double v : x) {
    if (!(v > 0)) throw std::invalid_argument("log-log fit needs positive values");
    lx.push_back(std::log(v));
    mean_x += lx.back() / static_cast<double>(x.size());
  }
  double sxx = 0;
  for (double v : lx) sxx += (v - mean_x) * (v - mean_x);
  if (sxx == 0) throw std::invalid_argument("log-log fit needs at least two distinct x");
  // slope = Σ_i w_i ln y_i with w_i = (ln x_i − mean) / Sxx (the weights sum to 0).
  SlopeRange range;
  for (std::size_t i = 0; i < lx.size(); ++i) {
    if (!(y_lower[i] > 0) || y_upper[i] < y_lower[i])
      throw std::invalid_argument("log-log fit needs 0 < lower <= upper");
    const double w = (lx[i] - mean_x) / sxx;
    const double low = std::log(y_lower[i]), high = std::log(y_upper[i]);
    range.lower += w * (w > 0 ? low : high);
    range.upper += w * (w > 0 ? high : low);
  }
  return range;
}

}  // namespace elicit::stats
