#include "theory/behw.h"

#include "sim/util/smallest_good.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace elicit::theory {

double behw_ln_failure_bound(double vc_dimension, double eps, std::int64_t n) {
  const double two_n = 2.0 * static_cast<double>(n);
  double ln_growth = two_n * std::numbers::ln2;  // all dichotomies of 2n points
  if (two_n >= vc_dimension) {
    ln_growth =
        std::min(ln_growth, vc_dimension * std::log(std::numbers::e * two_n / vc_dimension));
  }
  return std::numbers::ln2 + ln_growth - eps * static_cast<double>(n) / 2 * std::numbers::ln2;
}

std::int64_t behw_implicit_sample_size(double vc_dimension, double eps, double delta) {
  const double target = std::log(delta);
  const auto size = smallest_good(
      [&](std::int64_t n) { return behw_ln_failure_bound(vc_dimension, eps, n) <= target; },
      std::int64_t{1} << 61);
  if (!size) throw std::overflow_error("BEHW sample size beyond 2^61");
  return *size;
}

}  // namespace elicit::theory
