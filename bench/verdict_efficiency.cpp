// The tables of docs/sequential_efficiency.md: the exact expected number of trials of
// verdict procedures for "p <= delta" at the same guarantee, at true rates p around
// delta — Gandy's (2009) procedure with spending eps·n/(n + 1000), Robbins' Beta(1, 1)
// mixture (elicit's SequentialTest) and one-sided truncated Beta mixtures
// (stats/one_sided_mixture.h) — with their exact error levels, all by exact dynamic
// programming (stats/operating_characteristic.h), no sampling. Every rule is cut at
// the same cap; E[trials] is E[min(tau, cap)], and the inconclusive mass says how
// much the cap matters. About 5.5 minutes of CPU at the default cap.
// Usage: elicit_bench_verdict_efficiency [delta] [risk] [cap]
#include "sim/stats/gandy_boundaries.h"
#include "sim/stats/one_sided_mixture.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace elicit;
using namespace elicit::stats;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Procedure {
  std::string name;
  StoppingRule rule;
  double build_seconds = 0;                 // computing the boundaries up to the cap
  std::vector<OperatingCharacteristic> at;  // one per rate in `ratios`, then p = delta
};

const std::vector<double> ratios = {0.5, 0.8, 0.9, 0.95, 1.1, 1.25, 2.0};

}  // namespace

int main(int argc, char** argv) {
  const Rational delta = parse_rational(argc > 1 ? argv[1] : "1/20");
  const double risk = argc > 2 ? std::atof(argv[2]) : 1e-3;
  const std::int64_t cap = argc > 3 ? std::atoll(argv[3]) : 1600000;
  const double d = to_double(delta);
  // The centred prior of the candidate: mean delta, a = 2 (b = 2(1 − delta)/delta).
  const TruncatedBetaPrior centred = centred_prior(delta);
  std::printf("delta = %s, risk = %g, cap %lld trials\n\n", to_string(delta).c_str(), risk,
              static_cast<long long>(cap));

  std::vector<Procedure> procedures;
  auto add = [&](const std::string& name, auto&& build) {
    const auto start = std::chrono::steady_clock::now();
    procedures.push_back({name, build(), seconds_since(start), {}});
    Procedure& procedure = procedures.back();
    for (double ratio : ratios)
      procedure.at.push_back(operating_characteristic(procedure.rule, ratio * d));
    procedure.at.push_back(operating_characteristic(procedure.rule, d));  // last: p = delta
    std::fprintf(stderr, "%-44s %6.1f s\n", name.c_str(), seconds_since(start));
  };
  add("Gandy, eps = risk", [&] { return gandy_boundaries(delta, risk, cap).rule; });
  add("Robbins Beta(1,1), alpha = risk",
      [&] { return stopping_rule(SequentialTest(delta, risk, cap)); });
  add("Gandy, eps = risk/2", [&] { return gandy_boundaries(delta, risk / 2, cap).rule; });
  add("one-sided centred, beta = risk/2",
      [&] { return one_sided_mixture_rule(delta, risk / 2, cap, centred); });
  add("one-sided centred, beta = risk",
      [&] { return one_sided_mixture_rule(delta, risk, cap, centred); });
  add("one-sided Beta(1,1), beta = risk/2",
      [&] { return one_sided_mixture_rule(delta, risk / 2, cap); });
  const std::size_t main_table = 5;  // the procedures of the first table
  for (double a : {1.0, 4.0, 8.0, 16.0}) {
    const TruncatedBetaPrior prior = centred_prior(delta, a);
    char name[96];
    std::snprintf(name, sizeof name, "one-sided Beta(%g, %g), beta = risk/2", prior.a, prior.b);
    add(name, [&] { return one_sided_mixture_rule(delta, risk / 2, cap, prior); });
  }

  std::printf("Expected trials:\n\n| p/δ |");
  for (std::size_t i = 0; i < main_table; ++i) std::printf(" %s |", procedures[i].name.c_str());
  std::printf(
      " Robbins / Gandy eps | Robbins / Gandy eps/2 | one-sided centred risk/2 / Robbins |"
      " largest inconclusive mass |\n|---|");
  for (std::size_t i = 0; i < main_table + 4; ++i) std::printf("---|");
  std::printf("\n");
  for (std::size_t r = 0; r < ratios.size(); ++r) {
    std::printf("| %g |", ratios[r]);
    double inconclusive = 0;
    for (std::size_t i = 0; i < main_table; ++i) {
      std::printf(" %.0f |", procedures[i].at[r].expected_trials);
      inconclusive = std::max(inconclusive, procedures[i].at[r].inconclusive);
    }
    auto trials = [&](std::size_t i) { return procedures[i].at[r].expected_trials; };
    std::printf(" %.3f | %.3f | %.3f | %.2g |\n", trials(1) / trials(0), trials(1) / trials(2),
                trials(3) / trials(1), inconclusive);
  }

  std::printf(
      "\nError levels: the wrong verdict's probability at each p (VIOLATED below delta, "
      "HOLDS above), and both at p = delta:\n\n| procedure |");
  for (double ratio : ratios) std::printf(" %g |", ratio);
  std::printf(" P(HOLDS), δ | P(VIOLATED), δ | inconclusive, δ |\n|---|");
  for (std::size_t r = 0; r < ratios.size() + 3; ++r) std::printf("---|");
  std::printf("\n");
  for (const auto& procedure : procedures) {
    std::printf("| %s |", procedure.name.c_str());
    for (std::size_t r = 0; r < ratios.size(); ++r) {
      const auto& oc = procedure.at[r];
      std::printf(" %.3g |", ratios[r] < 1 ? oc.violated : oc.holds);
    }
    const auto& at_delta = procedure.at.back();
    std::printf(" %.6g | %.6g | %.6g |\n", at_delta.holds, at_delta.violated,
                at_delta.inconclusive);
  }

  std::printf("\nThe one-sided mixture's prior, beta = risk/2 (expected trials):\n\n| prior |");
  for (double ratio : ratios) std::printf(" %g |", ratio);
  std::printf("\n|---|");
  for (std::size_t r = 0; r < ratios.size(); ++r) std::printf("---|");
  std::printf("\n");
  for (std::size_t i = main_table; i < procedures.size(); ++i) {
    std::printf("| %s |", procedures[i].name.c_str());
    for (const auto& oc : procedures[i].at) {
      if (&oc == &procedures[i].at.back()) break;
      std::printf(" %.0f |", oc.expected_trials);
    }
    std::printf("\n");
  }
  std::printf("\nComputing the boundaries for n = 1 ... cap:\n");
  for (const auto& procedure : procedures)
    std::printf("  %-44s %6.2f s\n", procedure.name.c_str(), procedure.build_seconds);
  const auto& gandy = procedures.front().rule;
  std::printf("Gandy's band at the cap: U_n - L_n = %lld\n",
              static_cast<long long>(gandy.violated_from.back() - gandy.holds_at_most.back()));
  double dropped = 0;
  for (const auto& procedure : procedures)
    for (const auto& oc : procedure.at) dropped = std::max(dropped, oc.error_bound);
  std::printf("\nLargest probability dropped by the dynamic program (bound on every error): %.2g\n",
              dropped);
}
