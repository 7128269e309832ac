// Forward-pass throughput of the counting transformer on a prompt of about 10^4
// tokens: exact (SmallRational, with GMP fallback), exact GMP Rational alone, and
// double. Usage: elicit_bench_forward [tokens] [runs]
#include "bench/bench_timer.h"
#include "sim/random/stream.h"
#include "sim/transformer/construction_counting.h"
#include "sim/transformer/forward.h"

#include <cstdio>
#include <cstdlib>

using namespace elicit;
using namespace elicit::transformer;

int main(int argc, char** argv) {
  const int target_tokens = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  const CountingSpec spec{8, 8, 1};
  const CountingConstruction construction(spec);
  Stream stream({1, 0, 0});
  std::vector<CountingExample> data(static_cast<std::size_t>((target_tokens - 3) / 3));
  for (auto& e : data) {
    e.context = static_cast<int>(uniform_below(stream, 8));
    e.outputs = {static_cast<int>(uniform_below(stream, 8))};
  }
  const auto rows = construction.embed(construction.prompt(data, {0, {}}));
  std::printf(
      "counting transformer, m = V = 8, l = 1: %zu tokens, %d dimensions, median of %d runs\n",
      rows.size(), construction.model().layout.width(), runs);

  std::vector<Rational> exact_output;
  const double exact = bench::median_seconds(
      runs, [&] { exact_output = run_exact(construction.model(), rows).output; });
  // GMP alone is ~40x slower: one run is enough to show why SmallRational comes first.
  const double gmp = bench::median_seconds(1, [&] { run<Rational>(construction.model(), rows); });
  const double approx =
      bench::median_seconds(runs, [&] { run<double>(construction.model(), rows); });
  const double tokens = static_cast<double>(rows.size());
  std::printf("%-28s %9.3f s  %12.0f tokens/s\n", "exact (SmallRational)", exact, tokens / exact);
  std::printf("%-28s %9.3f s  %12.0f tokens/s\n", "exact (GMP Rational only)", gmp, tokens / gmp);
  std::printf("%-28s %9.3f s  %12.0f tokens/s\n", "double", approx, tokens / approx);
  std::printf("exact / double = %.2f, GMP / double = %.2f\n", exact / approx, gmp / approx);
  std::printf("check: P(first output | context 0) = %s\n", to_string(exact_output[0]).c_str());
}
