// A reference forward pass for the tests: the residual stream held dense, every
// layer reading a full copy of the stream, each operation written as plainly as
// model.h states it (this is the pass elicit ran before the stream became sparse).
// forward.cpp must give the same results in every number type — for double, the
// same bits, since it adds each coordinate's terms in the same order.
//
//   RunResult<double> expected = dense_reference::run<double>(model, rows, options);
#pragma once

#include "sim/transformer/forward.h"

#include <stdexcept>
#include <vector>

namespace elicit::testing::dense_reference {

using transformer::RunOptions;
using transformer::RunResult;

template <class S>
S convert(const Rational& value) {
  if constexpr (std::is_same_v<S, double>) {
    return to_double(value);
  } else if constexpr (std::is_same_v<S, SmallRational>) {
    return SmallRational::from(value);
  } else {
    return value;
  }
}

template <class S>
using Row = std::vector<S>;

// out = x · M, each output coordinate summed in the order the entries were set.
template <class S>
Row<S> product(const transformer::SparseMatrix& m, const Row<S>& x) {
  Row<S> out(static_cast<std::size_t>(m.cols), S(0));
  for (const auto& e : m.entries) {
    if (!(x[e.row] == S(0))) out[e.col] += x[e.row] * convert<S>(e.value);
  }
  return out;
}

template <class S>
S dot(const Row<S>& a, const Row<S>& b) {
  S sum(0);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (!(b[i] == S(0))) sum += a[i] * b[i];
  }
  return sum;
}

template <class S>
void apply_mlp(const transformer::Mlp& m, Row<S>& row, transformer::MlpRecord<S>* record) {
  Row<S> h = product(m.hidden, row);
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (i < m.hidden_bias.size()) h[i] += convert<S>(m.hidden_bias[i]);
    if (record) record->pre_activation.push_back(h[i]);
    if (!(h[i] > S(0))) h[i] = S(0);
  }
  const Row<S> added = product(m.output, h);
  for (std::size_t c = 0; c < added.size(); ++c) {
    row[c] += added[c];
    if (c < m.output_bias.size()) row[c] += convert<S>(m.output_bias[c]);
  }
  if (record) {
    record->added = added;
    for (std::size_t c = 0; c < added.size() && c < m.output_bias.size(); ++c)
      record->added[c] += convert<S>(m.output_bias[c]);
    record->hidden = h;
  }
}

template <class S>
void layer_pass(const transformer::Layer& layer, int l, int loop, std::vector<Row<S>>& stream,
                std::size_t first, std::size_t end, std::size_t readout_row,
                const RunOptions& options, RunResult<S>& result) {
  const std::vector<Row<S>> before = stream;
  for (const auto& head : layer.heads) {
    std::vector<Row<S>> keys, values;
    for (const auto& row : before) {
      keys.push_back(product(head.key, row));
      values.push_back(product(head.value, row));
    }
    for (std::size_t i = first; i < end; ++i) {
      const Row<S> q = product(head.query, before[i]);
      const std::size_t last = head.causal ? i : before.size() - 1;
      std::vector<S> scores, weights;
      for (std::size_t j = 0; j <= last; ++j) scores.push_back(dot(q, keys[j]));
      Row<S> out(static_cast<std::size_t>(head.value.cols), S(0));
      if (head.scoring == transformer::Scoring::linear) {
        for (std::size_t j = 0; j <= last; ++j) {
          weights.push_back(scores[j] * convert<S>(head.scale));
          if (scores[j] == S(0)) continue;
          const S factor = scores[j] * convert<S>(head.scale);
          for (std::size_t c = 0; c < out.size(); ++c) {
            if (!(values[j][c] == S(0))) out[c] += values[j][c] * factor;
          }
        }
      } else {
        S best = scores[0];
        for (const auto& s : scores) {
          if (s > best) best = s;
        }
        std::vector<std::size_t> winners;
        for (std::size_t j = 0; j <= last; ++j) {
          if (scores[j] == best) winners.push_back(j);
        }
        if (head.scoring == transformer::Scoring::unique_hard) winners = {winners.back()};
        for (std::size_t j : winners) {
          for (std::size_t c = 0; c < out.size(); ++c) {
            if (!(values[j][c] == S(0))) out[c] += values[j][c];
          }
        }
        const S share = S(1) / S(static_cast<std::int64_t>(winners.size()));
        if (winners.size() > 1) {
          for (auto& x : out) x = x * share;
        }
        weights.assign(scores.size(), S(0));
        for (std::size_t j : winners) weights[j] = share;
      }
      const Row<S> added = product(head.output, out);
      for (std::size_t c = 0; c < added.size(); ++c) stream[i][c] += added[c];
      if (options.record_attention_all_rows || (options.record_attention && i == readout_row)) {
        result.attention.push_back(
            {l, loop, head.name, head.scoring, scores, weights, static_cast<int>(i)});
      }
    }
  }
  if (layer.mlp) {
    for (std::size_t i = first; i < end; ++i) {
      if (options.record_mlp && i == readout_row) {
        transformer::MlpRecord<S> entry{l, loop, layer.mlp->name, {}, {}, {}};
        apply_mlp(*layer.mlp, stream[i], &entry);
        result.mlp.push_back(std::move(entry));
      } else {
        apply_mlp<S>(*layer.mlp, stream[i], nullptr);
      }
    }
  }
  if (options.record_streams) result.streams.push_back({l, loop, stream});
}

template <class S>
RunResult<S> run(const transformer::Model& model, const transformer::StreamRows& input,
                 const RunOptions& options = {}) {
  RunResult<S> result;
  for (const auto& row : input) {
    Row<S> converted;
    for (const auto& v : row) converted.push_back(convert<S>(v));
    result.stream.push_back(std::move(converted));
  }
  const std::size_t tokens = result.stream.size();
  const std::size_t readout_row =
      model.readout_row < 0 ? tokens - 1 : static_cast<std::size_t>(model.readout_row);
  const int layers = static_cast<int>(model.layers.size());
  for (int l = 0; l < layers; ++l) {
    const auto& layer = model.layers[static_cast<std::size_t>(l)];
    const bool readout_only = options.last_layer_at_readout_only && l == layers - 1;
    const std::size_t first = readout_only ? readout_row : 0;
    const std::size_t end = readout_only ? readout_row + 1 : tokens;
    int loop = 0;
    while (true) {
      const auto previous = result.stream;
      layer_pass(layer, l, loop, result.stream, first, end, readout_row, options, result);
      ++loop;
      if (layer.max_loops <= 1 || loop >= layer.max_loops || result.stream == previous) break;
    }
    result.loops.push_back(loop);
  }
  const auto& readout = model.layout[model.readout];
  const auto& row = result.stream[readout_row];
  result.output.assign(row.begin() + readout.offset, row.begin() + readout.offset + readout.size);
  return result;
}

}  // namespace elicit::testing::dense_reference
