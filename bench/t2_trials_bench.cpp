// The cost of a T2 trial through the engine's own count_failures: trials per second
// at V = m = 64 for n = 10^3 … 10^9 samples per context (the cost must not grow with
// n: counts are drawn as sufficient statistics), and the sampling step alone by
// conditional binomials against n draws one by one.
// Usage: elicit_bench_t2_trials [trials]
#include "bench/bench_timer.h"
#include "sim/engine/monte_carlo.h"
#include "sim/experiments/contexts_experiment.h"
#include "sim/sampling/multinomial.h"

#include <cstdio>
#include <cstdlib>

using namespace elicit;

int main(int argc, char** argv) {
  const int trials = argc > 1 ? std::atoi(argv[1]) : 200;
  constexpr int kContexts = 64, kSymbols = 64;
  Stream target_stream({1, 0, ~0ULL});
  std::vector<targets::Distribution> laws;
  for (int i = 0; i < kContexts; ++i) {
    laws.push_back(
        targets::make_distribution({targets::TargetKind::dirichlet}, kSymbols, target_stream));
  }
  const experiments::ContextsExperiment experiment({1, 0}, laws, theory::Metric::l1);
  const Rational eps(1, 20);
  std::printf(
      "T2 trial through engine::count_failures: V = %d, m = %d, eps = 1/20, "
      "Dirichlet(1) targets, 1 thread\n",
      kSymbols, kContexts);
  for (std::int64_t n = 1000; n <= 1000000000; n *= 10) {
    std::int64_t failures = 0;
    const double seconds = bench::median_seconds(
        3, [&] { failures = engine::count_failures(experiment, n, eps, 0, trials, 1); });
    std::printf("n = %-12lld %10.1f trials/s  (%d trials, %lld failed)\n",
                static_cast<long long>(n), trials / seconds, trials,
                static_cast<long long>(failures));
  }
  // The sampling step alone: one context's counts at n = 10^5.
  const sampling::MultinomialSampler sampler(laws[0].probabilities());
  std::vector<std::int64_t> counts;
  constexpr std::int64_t kN = 100000;
  const int draws_trials = std::max(1, trials / 10);
  const double binomials = bench::median_seconds(3, [&] {
    for (int t = 0; t < trials; ++t) {
      Stream stream({2, 0, static_cast<std::uint64_t>(t)});
      sampler.counts(stream, kN, counts);
    }
  });
  const double draws = bench::median_seconds(3, [&] {
    for (int t = 0; t < draws_trials; ++t) {
      Stream stream({2, 0, static_cast<std::uint64_t>(t)});
      sampler.counts_by_draws(stream, kN, counts);
    }
  });
  std::printf(
      "counts of n = 10^5 over V = 64: binomials %.2f us, draws one by one %.1f us "
      "(%.0fx)\n",
      binomials / trials * 1e6, draws / draws_trials * 1e6,
      (draws / draws_trials) / (binomials / trials));
}
