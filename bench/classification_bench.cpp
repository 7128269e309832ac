// The cost of one trial of each classification experiment (T3, the T3 subset
// reading, T4, T1) at representative sizes, and of a replay of each: milliseconds
// per trial on one core, the mean over `trials` trials (default 10).
// Usage: elicit_bench_classification [trials]
#include "bench/bench_timer.h"
#include "sim/experiments/gd_exactness_experiment.h"
#include "sim/experiments/halfspace_experiment.h"
#include "sim/experiments/label_mean_experiment.h"
#include "sim/experiments/support_subset_experiment.h"

#include <cstdio>
#include <cstdlib>

using namespace elicit;
using namespace elicit::experiments;
using targets::InputKind;

namespace {

int trials = 10;

// Milliseconds per call of body(trial), the median of three passes over `trials`.
template <class F>
double ms_per_trial(F&& body) {
  return bench::median_seconds(3,
                               [&] {
                                 for (int t = 0; t < trials; ++t)
                                   body(static_cast<std::uint64_t>(t));
                               }) /
         trials * 1e3;
}

void t3() {
  std::printf("T3/0-1-realizable: the perceptron and the disagreement (ms per trial)\n");
  struct Law {
    targets::InputLawSpec inputs;
    Rational margin;
    std::int64_t test_points;
  };
  const Law laws[] = {
      {{InputKind::lattice, 1, 100}, 0, 0},
      {{InputKind::lattice, 2, 10}, 0, 0},
      {{InputKind::lattice, 4, 3}, 0, 0},
      {{InputKind::lattice, 8, 1}, 0, 0},
      {{InputKind::gaussian, 2, 0, 8}, 0, 100000},
      {{InputKind::gaussian, 8, 0, 8}, 0, 100000},
      {{InputKind::gaussian, 16, 0, 8}, 0, 100000},
      {{InputKind::gaussian, 16, 0, 8}, 0, 20000},
      {{InputKind::gaussian, 16, 0, 8}, Rational(1, 10), 20000},
  };
  for (const auto& law : laws) {
    HalfspaceSettings s;
    s.inputs = law.inputs;
    s.margin = law.margin;
    if (law.test_points > 0) {
      s.test_points = law.test_points;
      s.method = DisagreementMethod::sample;
    }
    const HalfspaceExperiment e({1, 0, 7}, s);
    for (const std::int64_t n : {10, 100, 300}) {
      const double ms =
          ms_per_trial([&](std::uint64_t t) { (void)e.bracketed_failure(n, t, Rational(1, 20)); });
      const UpdateSummary u = e.update_summary(n, trials);
      std::printf("  %-28s gamma %-5s %-8s n = %-4lld %9.3f ms  (updates: mean %.0f, max %d)\n",
                  law.inputs.describe().c_str(), to_string(law.margin).c_str(),
                  e.exact() ? "exact" : fmt::format("M={}", s.test_points).c_str(),
                  static_cast<long long>(n), ms, u.mean_updates, u.most_updates);
    }
  }
  const HalfspaceExperiment e({1, 0, 7}, HalfspaceSettings{{InputKind::lattice, 4, 3}});
  for (const std::int64_t n : {10, 100, 300}) {
    const double ms = ms_per_trial([&](std::uint64_t t) { (void)e.replay(n, t, 1 << 30); });
    std::printf("  replay (looped transformer), lattice d = 4, n = %-4lld %9.3f ms\n",
                static_cast<long long>(n), ms);
  }
}

void t3_subset() {
  std::printf("T3/subset-max-margin: exact separator of D and of its basis (ms per trial)\n");
  for (const int d : {1, 2, 3}) {
    for (const std::int64_t n : {8, 16, 32}) {
      SupportSubsetSettings s;
      s.inputs = {InputKind::lattice, d, 5};
      const SupportSubsetExperiment e({1, 0, 7}, s);
      const double ms = ms_per_trial([&](std::uint64_t t) { (void)e.error(n, t); });
      std::printf("  lattice d = %d, R = 5, n = %-3lld %9.3f ms\n", d, static_cast<long long>(n),
                  ms);
    }
  }
}

void t4() {
  std::printf("T4/soft-label-mean: retrieval and label means (ms per trial)\n");
  for (const std::int64_t big_n : {1000, 10000}) {
    for (const int q : {1, 10, 100}) {
      LabelMeanSettings s;
      s.inputs = {InputKind::gaussian, 4, 0, 8};
      s.link = {targets::LinkKind::piecewise_sigmoid, Rational(1), Rational(0)};
      s.dataset_size = big_n;
      s.queries = q;
      const LabelMeanExperiment e({1, 0, 7}, s);
      for (const std::int64_t k : {10, 100, 1000}) {
        const double ms = ms_per_trial([&](std::uint64_t t) { (void)e.error(k, t); });
        std::printf("  gaussian d = 4, N = %-6lld q = %-4d k = %-5lld %9.3f ms\n",
                    static_cast<long long>(big_n), q, static_cast<long long>(k), ms);
      }
    }
  }
  LabelMeanSettings s;
  s.inputs = {InputKind::gaussian, 4, 0, 8};
  s.dataset_size = 10000;
  s.queries = 10;
  const LabelMeanExperiment e({1, 0, 7}, s);
  const double ms = ms_per_trial([&](std::uint64_t t) { (void)e.replay(100, t, 1 << 30); });
  std::printf(
      "  replay (reference retrieval + label-averaging transformer), N = 10^4, q = 10, "
      "k = 100: %.1f ms\n",
      ms);
}

void t1() {
  std::printf(
      "T1 exactness: K GD steps against the K-layer transformer, 5 queries (ms per "
      "trial)\n");
  for (const int d : {1, 2, 4}) {
    for (const std::int64_t n : {10, 50, 100}) {
      for (const int k : {1, 4}) {
        GdExactnessSettings s;
        s.inputs = {InputKind::fractions, d, 6, 0, 7};
        s.steps = k;
        s.queries = 5;
        const GdExactnessExperiment e({1, 0, 7}, s);
        const double ms = ms_per_trial([&](std::uint64_t t) { (void)e.error(n, t); });
        std::printf("  fractions d = %d, N = %-4lld K = %d %9.3f ms\n", d,
                    static_cast<long long>(n), k, ms);
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) trials = std::max(1, std::atoi(argv[1]));
  std::printf("%d trials per size, 1 thread\n", trials);
  t3();
  t3_subset();
  t4();
  t1();
}
