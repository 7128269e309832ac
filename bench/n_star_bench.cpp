// The n* search alone on cases/t2_vocab.toml's grid (V = 4 … 256 doubling, one context,
// uniform target, eps = 1/4, delta = 1/20, at most 3,000 trials a verdict, K = 24, 99%):
// every size checked from the largest VIOLATED one to the proven size (the smaller of
// Weissman's and McDiarmid's), as `elicit run` does it, without the results folder, the
// replays and the exact curves. The yardstick is bench/t2_nstar_numpy.py (bench/README.md).
// Usage: elicit_bench_n_star [threads] [trials]
#include "sim/engine/n_star_search.h"
#include "sim/experiments/contexts_experiment.h"
#include "theory/bound.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace elicit;

namespace {

// The smallest rigorous sufficient size of T2 at (V, m = 1, eps, delta), per context.
std::pair<std::int64_t, std::string> proven(int symbols, const Rational& eps,
                                            const Rational& delta) {
  theory::Parameters p;
  p.set(theory::Param::V, Rational(symbols));
  p.set(theory::Param::m, Rational(1));
  p.set(theory::Param::eps, eps);
  p.set(theory::Param::delta, delta);
  std::pair<std::int64_t, std::string> best{0, ""};
  for (const auto& row :
       theory::evaluate_bounds(theory::Theorem::T2, theory::validate(theory::Theorem::T2, p))) {
    if (row.bound->kind != theory::BoundKind::sufficient) continue;
    const auto size = static_cast<std::int64_t>(std::ceil(row.evaluation.per_context->value()));
    if (best.first == 0 || size < best.first) best = {size, row.bound->id};
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  const std::int64_t trials = argc > 2 ? std::atoll(argv[2]) : 3000;
  const Rational eps(1, 4), delta(1, 20);
  const auto start = std::chrono::steady_clock::now();
  for (int symbols = 4; symbols <= 256; symbols *= 2) {
    const targets::Distribution uniform{std::vector<std::int64_t>(symbols, 1), symbols};
    const experiments::ContextsExperiment experiment({1, 0, 0}, {uniform}, theory::Metric::l1);
    engine::NStarSearchSettings settings;
    std::tie(settings.proven_sufficient, settings.proven_by) = proven(symbols, eps, delta);
    settings.n_max = std::int64_t{1} << 40;
    settings.relative_tolerance = Rational(1, 50);
    settings.max_evaluations = 24;
    settings.alpha = 0.01;
    settings.trials = trials;
    settings.exact_work_limit = 0;
    settings.threads = threads;
    const auto s = engine::search_n_star(experiment, eps, delta, settings);
    std::printf("V=%d n* in [%lld, %lld], every size of [%lld, %lld] checked, %lld trials\n",
                symbols, static_cast<long long>(s.lower), static_cast<long long>(s.upper),
                static_cast<long long>(s.range_first), static_cast<long long>(s.range_last),
                static_cast<long long>(s.range_trials));
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("seconds=%.3f\n", took.count());
}
