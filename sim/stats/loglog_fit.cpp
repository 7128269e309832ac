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

}  // namespace elicit::stats
