// The work the exact and the bounded DP would do, estimated before running either, so that a
// caller can pick one or refuse: at one n, and summed over a curve.
#include "sim/engine/exact_failure_curve.h"

#include "sim/engine/detail/failure_dp_common.h"

#include <algorithm>
#include <cmath>

namespace elicit::engine {

using detail::check_range;
using detail::distinct_laws;
using detail::Scale;
using detail::scale_of;

DpWork estimate_dp_work(const std::vector<targets::Distribution>& contexts, std::int64_t n,
                        const Rational& eps) {
  DpWork work;
  for (const auto& [law, copies] : distinct_laws(contexts)) {
    const Scale scale = scale_of(law, n, eps);
    const double threshold = static_cast<double>(std::max<std::int64_t>(scale.threshold, 1));
    const double total = static_cast<double>(law.total);
    const double limbs = 1 + static_cast<double>(n) * std::log2(total) / 64;
    const double samples = static_cast<double>(n);
    // The answer's denominator divides D^(n·copies); its numerator is no longer.
    work.exact_digits += 2 * (static_cast<double>(copies) * samples * std::log10(total) + 1);
    // A row's deviations are S = D·Σ±c_u − n·Σ±w_u over sign patterns: at most (distinct
    // signed weight sums) × (2n + 1) values, and at most the product of the count widths.
    // Signed sums of k weights are at most 2^k, and lie in [−Σw, Σw] with the parity of Σw.
    double signed_sums = 1;
    double weight_so_far = 0;
    double before = 0;  // probability of the symbols already processed
    double widths = 1;
    double exact_keys = 1;
    for (std::size_t v = 0; v < law.weights.size(); ++v) {
      const double distinct = std::min(widths, signed_sums * (2 * samples + 1));
      const double p = static_cast<double>(law.weights[v]) / total;
      const bool last = v + 1 == law.weights.size();
      const double rows =
          std::min(samples + 1, 28 * std::sqrt(samples * before * (1 - before)) + 1);
      const double left = 1 - before;
      const double q = left > 0 ? std::min(1.0, p / left) : 1;
      const double width =
          last ? 1 : std::min(samples + 1, 28 * std::sqrt(samples * left * q * (1 - q)) + 1);
      work.double_steps += rows * width * std::min(threshold, distinct);
      const double pairs = last ? samples + 1 : (samples + 1) * (samples + 2) / 2;
      work.rational_steps += pairs * std::min(threshold, exact_keys) * limbs;
      widths *= width;
      exact_keys *= samples + 1;
      before += p;
      weight_so_far += static_cast<double>(law.weights[v]);
      signed_sums = std::min(2 * signed_sums, weight_so_far + 1);
    }
  }
  return work;
}

DpWork estimate_curve_work(const std::vector<targets::Distribution>& contexts, const Rational& eps,
                           std::int64_t n_from, std::int64_t n_to) {
  check_range(n_from, n_to);
  const std::int64_t intervals = std::min<std::int64_t>(8, n_to - n_from);
  if (intervals == 0) return estimate_dp_work(contexts, n_from, eps);
  // Σ_{n=a}^{b} f(n) ≈ ∫_a^b f + (f(a) + f(b))/2, the integral by trapezoids.
  const DpWork first = estimate_dp_work(contexts, n_from, eps);
  DpWork total;
  DpWork previous = first;
  std::int64_t previous_n = n_from;
  for (std::int64_t i = 1; i <= intervals; ++i) {
    const std::int64_t n = n_from + (n_to - n_from) * i / intervals;
    const DpWork here = estimate_dp_work(contexts, n, eps);
    const double points = static_cast<double>(n - previous_n);
    total.double_steps += points * (previous.double_steps + here.double_steps) / 2;
    total.rational_steps += points * (previous.rational_steps + here.rational_steps) / 2;
    total.exact_digits += points * (previous.exact_digits + here.exact_digits) / 2;
    previous = here;
    previous_n = n;
  }
  total.double_steps += first.double_steps / 2 + previous.double_steps / 2;
  total.rational_steps += first.rational_steps / 2 + previous.rational_steps / 2;
  total.exact_digits += first.exact_digits / 2 + previous.exact_digits / 2;
  return total;
}

}  // namespace elicit::engine
