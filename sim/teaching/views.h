// A run's records (forward.h) turned into the trace's views, the same way for
// every construction: an attention head's map over rows and keys, the residual
// stream's subspaces stage by stage, an MLP's record. The builders add what is
// particular to their construction (score notes, roles, tables).
//
//   RunResult<Rational> run = run_exact(model, rows, trace_run_options());
//   HeadTrace map = head_map(run, 0, 0, "shift1", labels, query_row, "step1-layer0-shift1");
#pragma once

#include "sim/teaching/trace.h"
#include "sim/transformer/forward.h"

#include <functional>
#include <string>
#include <vector>

namespace elicit::teaching {

// What a trace records, estimated before running it: every head's map (scores and
// weights, rows × keys) at every pass and loop, and the stream after every layer run.
// A trace is for reading, and its memory grows as rows² × heads × passes (about
// 100-300 bytes a number, measured): 1000 generated outputs would need terabytes.
struct TraceSize {
  double passes = 1;      // forward passes (counting: one per generated token)
  double maps = 0;        // attention maps per pass: each head times the loops it runs
  double layer_runs = 0;  // layer runs per pass, each recording the stream
  double rows = 0;        // rows of the longest prompt
  double width = 0;       // the residual stream's width
  double numbers() const;
};
// The most numbers a trace may record: about 1 GB at most (docs/teaching.md).
inline constexpr double kMaxTraceNumbers = 3e6;
// The size of one pass of `model` over `rows` rows; a looped layer counts `loops` runs.
TraceSize model_trace_size(const transformer::Model& model, std::size_t rows, double loops);
// Throws std::invalid_argument when `size` is above kMaxTraceNumbers; `advice` says
// what to shorten ("fewer examples or --steps").
void check_trace_size(const TraceSize& size, const std::string& advice);

// Everything recorded, and every layer run at every row (the last one too), so a
// head's map covers the whole prompt.
transformer::RunOptions trace_run_options();

// The map of one head in one pass of a layer: a row per query row it ran at, a
// column per key. `focus_row` is the prompt row whose keys the text lists.
HeadTrace head_map(const transformer::RunResult<Rational>& run, int layer, int loop,
                   const std::string& head, const std::vector<std::string>& row_labels,
                   int focus_row, const std::string& id);

// The map of a looped head at one prompt row: a row per loop.
HeadTrace head_over_loops(const transformer::RunResult<Rational>& run, int layer,
                          const std::string& head, const std::vector<std::string>& key_labels,
                          int row, const std::string& id);

// A subspace's values as words: "x", "(1, 2)", "2/3".
using ValueText =
    std::function<std::string(const transformer::Subspace&, const std::vector<Rational>&)>;
std::string plain_values(const transformer::Subspace& subspace,
                         const std::vector<Rational>& values);

// The residual stream at `row`: as embedded, then after each layer (its last pass).
StreamTrace stream_at(const transformer::Model& model, const transformer::StreamRows& input,
                      const transformer::RunResult<Rational>& run, int row,
                      const std::string& row_name, const ValueText& text = plain_values);

// The values of a subspace in a row of the stream.
std::vector<Rational> slice(const std::vector<Rational>& row, const transformer::Subspace& part);

// The MLP record of a layer's pass, or null when the layer has no MLP.
const transformer::MlpRecord<Rational>* mlp_record(const transformer::RunResult<Rational>& run,
                                                   int layer, int loop);

// The stream after a layer's pass (its last loop when loop < 0).
const std::vector<std::vector<Rational>>& stream_after(const transformer::RunResult<Rational>& run,
                                                       int layer, int loop = -1);

}  // namespace elicit::teaching
