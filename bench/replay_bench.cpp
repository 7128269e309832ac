// The cost of one Monte Carlo replay through the counting transformer: a dataset
// prompt of about T tokens at V output symbols (m contexts, outputs of length 1),
// run once through a prefix session and asked one query per context, exactly as
// experiments::counting_outputs does for a trial. Prints the time of the replay
// and checks every output against the fast path; run it under /usr/bin/time -v for
// the peak memory (the maximum resident set size).
// Usage: elicit_bench_replay [V] [tokens] [contexts] [runs]
//   /usr/bin/time -v build/bench/elicit_bench_replay 256 10000
#include "bench/bench_timer.h"
#include "sim/experiments/counting_replay.h"
#include "sim/random/stream.h"
#include "sim/transformer/construction_counting.h"

#include <cstdio>
#include <cstdlib>

using namespace elicit;
using namespace elicit::transformer;

int main(int argc, char** argv) {
  const int symbols = argc > 1 ? std::atoi(argv[1]) : 8;
  const long tokens = argc > 2 ? std::atol(argv[2]) : 9000;
  const int contexts = argc > 3 ? std::atoi(argv[3]) : 1;
  const int runs = argc > 4 ? std::atoi(argv[4]) : 1;
  if (symbols < 1 || contexts < 1 || runs < 1 || tokens < 5) {
    std::fprintf(stderr, "usage: elicit_bench_replay [V >= 1] [tokens >= 5] [m >= 1] [runs]\n");
    return 2;
  }
  const CountingSpec spec{contexts, symbols, 1};
  const CountingConstruction construction(spec);
  // A prompt of n examples has 3n + 2 tokens (BOS, n × (context, output), n SEPs, the
  // query's context), as the contexts experiment counts them.
  std::vector<CountingExample> data(static_cast<std::size_t>((tokens - 2) / 3));
  Stream stream({1, 0, 0});
  for (auto& example : data) {
    example.context = static_cast<int>(uniform_below(stream, static_cast<std::uint64_t>(contexts)));
    example.outputs = {
        static_cast<int>(uniform_below(stream, static_cast<std::uint64_t>(symbols)))};
  }
  std::vector<CountingQuery> queries;
  for (int c = 0; c < contexts; ++c) queries.push_back({c, {}});

  std::vector<std::vector<Rational>> outputs;
  const double seconds = bench::median_seconds(
      runs, [&] { outputs = experiments::counting_outputs(construction, data, queries); });
  for (int c = 0; c < contexts; ++c) {
    if (outputs.at(static_cast<std::size_t>(c)) != empirical_next_token(spec, data, queries[c])) {
      std::fprintf(stderr, "context %d: the transformer differs from the fast path\n", c);
      return 1;
    }
  }
  const std::size_t prompt_tokens = 3 * data.size() + 2;
  std::printf(
      "counting replay, V = %d, m = %d, l = 1: %zu tokens, %d dimensions, %d queries: "
      "%.3f s (median of %d), outputs equal the fast path\n",
      symbols, contexts, prompt_tokens, construction.model().layout.width(), contexts, seconds,
      runs);
}
