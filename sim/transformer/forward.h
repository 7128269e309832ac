// Running a Model on an embedded prompt, in any number type S:
//   SmallRational  exact, int64 fast path, throws std::overflow_error past 64 bits
//   Rational       exact, unbounded (GMP)
//   double         the same weights in floating point, for the teaching comparison
// run_exact() tries SmallRational and falls back to Rational on overflow, so the
// result is always exact and usually as cheap as integers.
//
// Inside, the stream, keys and values are kept by their non-zero coordinates, and a
// layer takes every key and value before it starts and each row's query before it
// updates that row, so no copy of the stream as it was is needed: a run costs
// memory in proportion to the non-zeros (a few per row) rather than tokens × width.
// Prompts may be given sparse too (SparseStreamRows), as the Monte Carlo replays do.
//
//   RunResult<Rational> r = run_exact(model, rows);
//   r.output   // the readout subspace at the last position, exact
#pragma once

#include "sim/exact/small_rational.h"
#include "sim/transformer/model.h"

#include <memory>
#include <string>
#include <vector>

namespace elicit::transformer {

template <class S>
struct AttentionRecord {
  int layer = 0;
  int loop = 0;
  std::string head;
  Scoring scoring = Scoring::unique_hard;
  std::vector<S> scores;   // raw q·k for every key the query sees
  std::vector<S> weights;  // the weight each key's value receives
  int row = 0;             // the query row
};

// An MLP at the readout row: row·W1 + b1 before and after the ReLU, and what the
// MLP adds to the stream (width entries).
template <class S>
struct MlpRecord {
  int layer = 0;
  int loop = 0;
  std::string name;
  std::vector<S> pre_activation;
  std::vector<S> hidden;
  std::vector<S> added;
};

// The whole residual stream after one pass of a layer.
template <class S>
struct StreamRecord {
  int layer = 0;
  int loop = 0;
  std::vector<std::vector<S>> rows;
};

template <class S>
struct RunResult {
  std::vector<std::vector<S>> stream;         // final residual stream, one row per token
  std::vector<S> output;                      // readout subspace at the readout row
  std::vector<AttentionRecord<S>> attention;  // in run order (layer, loop, head, row)
  std::vector<MlpRecord<S>> mlp;              // at the readout row, when recorded
  std::vector<StreamRecord<S>> streams;       // after every layer pass, when recorded
  std::vector<int> loops;                     // runs of each layer
};

// What a run keeps besides its output: all off by default, so the Monte Carlo
// path pays nothing for the teaching trace.
struct RunOptions {
  bool record_attention = false;           // at the readout row
  bool record_attention_all_rows = false;  // at every row a layer runs (attention maps)
  bool record_mlp = false;                 // hidden units at the readout row
  bool record_streams = false;             // the stream after every layer pass
  // The last layer only feeds the readout, so by default it runs at the readout
  // row alone (O(T) instead of O(T^2) for its attention).
  bool last_layer_at_readout_only = true;
};

template <class S>
RunResult<S> run(const Model& model, const StreamRows& input, const RunOptions& options = {});

extern template RunResult<double> run(const Model&, const StreamRows&, const RunOptions&);
extern template RunResult<Rational> run(const Model&, const StreamRows&, const RunOptions&);
extern template RunResult<SmallRational> run(const Model&, const StreamRows&, const RunOptions&);

// Exact result: SmallRational when every value fits int64, else Rational.
RunResult<Rational> run_exact(const Model& model, const StreamRows& input,
                              const RunOptions& options = {});

// Many queries that share a long prefix (a dataset prompt asked about each of its
// contexts): the prefix runs once, each query only its own rows, O(T) instead of
// O(T²) per query — the key/value cache of a decoder. Exact only when every head is
// causal and no layer loops (a prefix row then never depends on what follows), so
// the constructor refuses other models. readout(suffix) equals the output of
// run() on prefix + suffix.
//
// The session keeps only what a query reads: each layer's keys and values of the
// prefix rows, by their non-zeros (the prefix's stream itself is dropped).
template <class S>
class PrefixSession {
 public:
  PrefixSession(const Model& model, const StreamRows& prefix);
  PrefixSession(const Model& model, const SparseStreamRows& prefix);
  std::vector<S> readout(const StreamRows& suffix) const;
  std::vector<S> readout(const SparseStreamRows& suffix) const;

 private:
  struct Cache;
  const Model* model_;
  std::shared_ptr<const Cache> cache_;
};

extern template class PrefixSession<double>;
extern template class PrefixSession<Rational>;
extern template class PrefixSession<SmallRational>;

// Exact readouts of prefix + each suffix (SmallRational, else GMP for all).
std::vector<std::vector<Rational>> run_exact_with_prefix(const Model& model,
                                                         const StreamRows& prefix,
                                                         const std::vector<StreamRows>& suffixes);
std::vector<std::vector<Rational>> run_exact_with_prefix(
    const Model& model, const SparseStreamRows& prefix,
    const std::vector<SparseStreamRows>& suffixes);

}  // namespace elicit::transformer
