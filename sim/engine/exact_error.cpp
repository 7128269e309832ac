#include "sim/engine/exact_error.h"

#include <numeric>
#include <stdexcept>
#include <string>

namespace elicit::engine {
namespace {

__extension__ typedef __int128 Wide;

std::int64_t total_of(const std::vector<std::int64_t>& counts) {
  return std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
}

void check_sizes(const std::vector<std::int64_t>& counts, const targets::Distribution& target) {
  if (counts.size() != target.size())
    throw std::invalid_argument("counts and target differ in size");
  if (total_of(counts) <= 0) throw std::invalid_argument("an empirical distribution needs n >= 1");
}

// |c·D − w·n| for every symbol, as GMP integers (no size limit).
Integer deviation(std::int64_t c, std::int64_t D, std::int64_t w, std::int64_t n) {
  Integer d = Integer(c) * D - Integer(w) * n;
  return d < 0 ? Integer(-d) : d;
}

}  // namespace

Rational l1_error(const std::vector<std::int64_t>& counts, const targets::Distribution& target) {
  check_sizes(counts, target);
  const std::int64_t n = total_of(counts);
  Integer sum = 0;
  for (std::size_t v = 0; v < counts.size(); ++v)
    sum += deviation(counts[v], target.total, target.weights[v], n);
  return Rational(sum, Integer(n) * target.total);
}

Rational sup_error(const std::vector<std::int64_t>& counts, const targets::Distribution& target) {
  check_sizes(counts, target);
  const std::int64_t n = total_of(counts);
  Integer best = 0;
  for (std::size_t v = 0; v < counts.size(); ++v) {
    const Integer d = deviation(counts[v], target.total, target.weights[v], n);
    if (d > best) best = d;
  }
  return Rational(best, Integer(n) * target.total);
}

bool l1_exceeds(const std::vector<std::int64_t>& counts, const targets::Distribution& target,
                const Rational& eps) {
  check_sizes(counts, target);
  const std::int64_t n = total_of(counts);
  // Fast path: everything in 128 bits while it provably fits, else exact GMP.
  const Integer& a = numerator(eps);
  const Integer& b = denominator(eps);
  const bool fits = a < (Integer(1) << 40) && b < (Integer(1) << 40) &&
                    n < (std::int64_t{1} << 40) && target.total < (std::int64_t{1} << 40) &&
                    counts.size() < (std::size_t{1} << 20);
  if (!fits) return l1_error(counts, target) > eps;
  Wide sum = 0;  // each term < 2^81, the sum < 2^101
  for (std::size_t v = 0; v < counts.size(); ++v) {
    const Wide d =
        static_cast<Wide>(counts[v]) * target.total - static_cast<Wide>(target.weights[v]) * n;
    sum += d < 0 ? -d : d;
  }
  // sum/(nD) > a/b  <=>  sum·b > a·n·D; both sides < 2^141 would overflow, so compare
  // sum·b with a·n·D via quotients when needed.
  const Wide rhs_small = static_cast<Wide>(n) * target.total;  // < 2^80
  const Wide a_w = static_cast<Wide>(a.convert_to<std::int64_t>());
  const Wide b_w = static_cast<Wide>(b.convert_to<std::int64_t>());
  Wide left, right;
  if (!__builtin_mul_overflow(sum, b_w, &left) && !__builtin_mul_overflow(rhs_small, a_w, &right)) {
    return left > right;
  }
  return l1_error(counts, target) > eps;
}

Rational empirical_error(theory::Metric metric, const std::vector<std::int64_t>& counts,
                         const targets::Distribution& target) {
  switch (metric) {
    case theory::Metric::l1:
      return l1_error(counts, target);
    case theory::Metric::tv:
      return l1_error(counts, target) / 2;
    case theory::Metric::sup:
      return sup_error(counts, target);
    default:
      throw std::logic_error("not an error of an empirical distribution: " +
                             std::string(theory::metric_name(metric)));
  }
}

bool empirical_error_exceeds(theory::Metric metric, const std::vector<std::int64_t>& counts,
                             const targets::Distribution& target, const Rational& eps) {
  switch (metric) {
    case theory::Metric::l1:
      return l1_exceeds(counts, target, eps);
    case theory::Metric::tv:
      return l1_exceeds(counts, target, 2 * eps);  // TV > eps iff L1 > 2 eps
    default:
      return empirical_error(metric, counts, target) > eps;
  }
}

}  // namespace elicit::engine
