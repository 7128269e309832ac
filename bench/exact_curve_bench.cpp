// Wall times of the failure-curve DPs (sim/engine/exact_failure_curve.h): the double DP at
// V = 16 uniform, n = 1000, eps = 2/5 (the size docs/statistics.md (n*) asks for); the V = 8 curve
// over n = 1..200, double and rational; the rational DP against enumeration of count vectors
// where both run (V = 4, n = 40); and a law over 2^20 (sparse deviations).
// Usage: elicit_bench_exact_curve [runs]
#include "bench/bench_timer.h"
#include "sim/engine/exact_enumeration.h"
#include "sim/engine/exact_failure_curve.h"

#include <cstdio>
#include <cstdlib>

using namespace elicit;
using namespace elicit::engine;

namespace {

targets::Distribution uniform(int symbols) {
  return {std::vector<std::int64_t>(static_cast<std::size_t>(symbols), 1), symbols};
}

void print_bounded(const char* what, double seconds, const BoundedProbability& p) {
  std::printf("%-58s %9.4f s   P = %.6g +- %.2g\n", what, seconds, p.value, p.error_bound);
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
  const std::vector<targets::Distribution> v16 = {uniform(16)}, v8 = {uniform(8)};

  BoundedProbability p;
  double seconds =
      bench::median_seconds(runs, [&] { p = failure_probability(v16, 1000, Rational(2, 5)); });
  print_bounded("double DP, V = 16, n = 1000, eps = 2/5", seconds, p);
  FailureDpSettings fine;
  fine.prune_below = 1e-60;  // P itself is far below the default pruning level of 1e-20
  seconds = bench::median_seconds(
      runs, [&] { p = failure_probability(v16, 1000, Rational(2, 5), fine); });
  print_bounded("  the same, pruning below 1e-60", seconds, p);
  seconds =
      bench::median_seconds(runs, [&] { p = failure_probability(v16, 1000, Rational(1, 10)); });
  print_bounded("double DP, V = 16, n = 1000, eps = 1/10", seconds, p);

  std::vector<CurvePoint> curve;
  seconds = bench::median_seconds(runs, [&] { curve = failure_curve(v8, Rational(2, 5), 1, 200); });
  double worst = 0;
  for (const auto& point : curve) worst = std::max(worst, point.probability.error_bound);
  std::printf("%-58s %9.4f s   largest bound %.2g\n", "double curve, V = 8, n = 1..200, eps = 2/5",
              seconds, worst);
  std::vector<ExactCurvePoint> exact_curve;
  seconds = bench::median_seconds(
      1, [&] { exact_curve = exact_failure_curve(v8, Rational(2, 5), 1, 200); });
  const auto n_star = eventual_n_star(exact_curve, Rational(1, 20));
  std::printf("%-58s %9.4f s   eventual n* (delta = 1/20) = %lld\n",
              "rational curve, V = 8, n = 1..200, eps = 2/5", seconds,
              static_cast<long long>(n_star.earliest.value_or(-1)));

  const std::vector<Rational> quarter(4, Rational(1, 4));
  Rational by_dp, by_enumeration;
  const double dp_seconds = bench::median_seconds(
      runs, [&] { by_dp = exact_failure_probability({uniform(4)}, 40, Rational(3, 10)); });
  const double enumeration_seconds = bench::median_seconds(
      runs, [&] { by_enumeration = exact_l1_failure_probability(quarter, 40, Rational(3, 10)); });
  std::printf("%-58s %9.4f s\n", "rational DP, V = 4, n = 40, eps = 3/10", dp_seconds);
  std::printf("%-58s %9.4f s   (%s, %.1fx)\n", "enumeration (12,341 count vectors), same",
              enumeration_seconds, by_dp == by_enumeration ? "equal" : "DIFFERENT",
              enumeration_seconds / dp_seconds);

  // Dirichlet-like weights over 2^20: gcd(D, n) = 8, deviations scattered over ~2^27 units.
  const targets::Distribution scattered{
      {100003, 200011, 150001, 250007, 170003, (1 << 20) - 870025}, 1 << 20};
  seconds = bench::median_seconds(
      runs, [&] { p = failure_probability({scattered}, 1000, Rational(1, 10)); });
  print_bounded("double DP, V = 6 over 2^20 (sparse), n = 1000, eps = 1/10", seconds, p);
  return by_dp == by_enumeration ? 0 : 1;
}
