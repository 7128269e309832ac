// The exact operating characteristic of elicit's sequential verdict, the table in
// docs/statistics.md: for true failure rates p around delta, the probability of each
// verdict and the expected number of trials, beside the fixed-look Clopper–Pearson
// scheme it replaced. No sampling: stats/operating_characteristic.h.
// Usage: elicit_bench_verdict_oc [delta] [alpha] [cap]
#include "sim/stats/operating_characteristic.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace elicit;

int main(int argc, char** argv) {
  const Rational delta = parse_rational(argc > 1 ? argv[1] : "1/20");
  const double alpha = argc > 2 ? std::atof(argv[2]) : 0.01;
  const std::int64_t cap = argc > 3 ? std::atoll(argv[3]) : 10000;
  const double d = to_double(delta);
  const auto sequential = stats::stopping_rule(stats::SequentialTest(delta, alpha, cap));
  const auto doubling = stats::clopper_pearson_at_looks(delta, Rational(1) - Rational(alpha),
                                                        {1000, 2000, 4000, 8000, 16000});
  std::printf("delta = %s, alpha = %g, cap %lld trials\n", to_string(delta).c_str(), alpha,
              static_cast<long long>(cap));
  std::printf(
      "| p / delta | sequential P(HOLDS) | P(VIOLATED) | E[trials] | "
      "doubling CP P(HOLDS) | P(VIOLATED) | E[trials] |\n|---|---|---|---|---|---|---|\n");
  for (double ratio : {0.0, 0.25, 0.5, 0.8, 0.9, 0.99, 1.0, 1.01, 1.1, 1.25, 2.0, 4.0, 10.0}) {
    const double p = std::min(1.0, ratio * d);
    const auto a = stats::operating_characteristic(sequential, p);
    const auto b = stats::operating_characteristic(doubling, p);
    std::printf("| %g | %.4g | %.4g | %.0f | %.4g | %.4g | %.0f |\n", ratio, a.holds, a.violated,
                a.expected_trials, b.holds, b.violated, b.expected_trials);
  }
}
