// Trials per second of a T2 trial at V = m = 64, n = 10^5 per context: counts drawn
// as sufficient statistics (multinomial by conditional binomials, O(mV)) against
// token by token (n categorical draws per context, O(mn log V)), each followed by
// the same exact L1 test. Usage: elicit_bench_t2_trials [trials] [n]
#include "bench/bench_timer.h"
#include "sim/engine/exact_error.h"
#include "sim/sampling/multinomial.h"
#include "sim/targets/distribution.h"

#include <cstdio>
#include <cstdlib>

using namespace elicit;

int main(int argc, char** argv) {
  const int trials = argc > 1 ? std::atoi(argv[1]) : 200;
  const std::int64_t n = argc > 2 ? std::atoll(argv[2]) : 100000;
  constexpr int kContexts = 64, kSymbols = 64;
  Stream target_stream({1, 0, ~0ULL});
  std::vector<targets::Distribution> laws;
  for (int i = 0; i < kContexts; ++i) {
    laws.push_back(
        targets::make_distribution({targets::TargetKind::dirichlet}, kSymbols, target_stream));
  }
  std::vector<std::vector<double>> probabilities;
  for (const auto& law : laws) probabilities.push_back(law.probabilities());
  const Rational eps(1, 20);

  auto run = [&](bool token_by_token, int count) {
    int failures = 0;
    for (int t = 0; t < count; ++t) {
      Stream stream({1, 0, static_cast<std::uint64_t>(t)});
      bool failed = false;
      for (int i = 0; i < kContexts; ++i) {
        const auto counts = token_by_token
                                ? sampling::token_by_token_counts(stream, n, probabilities[i])
                                : sampling::multinomial_counts(stream, n, probabilities[i]);
        failed = engine::l1_exceeds(counts, laws[i], eps) || failed;
      }
      failures += failed ? 1 : 0;
    }
    return failures;
  };
  int fast_failures = 0, slow_failures = 0;
  const int slow_trials = std::max(1, trials / 20);
  const double fast = bench::median_seconds(3, [&] { fast_failures = run(false, trials); });
  const double slow = bench::median_seconds(3, [&] { slow_failures = run(true, slow_trials); });
  std::printf("T2 trial: V = %d, m = %d, n = %lld per context, eps = 1/20, Dirichlet(1) targets\n",
              kSymbols, kContexts, static_cast<long long>(n));
  std::printf("%-34s %10.1f trials/s  (%d trials, %d failed)\n", "sufficient statistics (counts)",
              trials / fast, trials, fast_failures);
  std::printf("%-34s %10.1f trials/s  (%d trials, %d failed)\n", "token by token",
              slow_trials / slow, slow_trials, slow_failures);
  std::printf("speed-up: %.0fx\n", (trials / fast) / (slow_trials / slow));
}
