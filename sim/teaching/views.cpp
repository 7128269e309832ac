#include "sim/teaching/views.h"

#include "sim/teaching/roles.h"
#include "sim/teaching/show.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace elicit::teaching {

using transformer::AttentionRecord;
using transformer::RunResult;

transformer::RunOptions trace_run_options() {
  transformer::RunOptions options;
  options.record_attention = true;
  options.record_attention_all_rows = true;
  options.record_mlp = true;
  options.record_streams = true;
  options.last_layer_at_readout_only = false;
  return options;
}

double TraceSize::numbers() const {
  return passes * (2 * maps * rows * rows + (layer_runs + 1) * rows * width);
}

TraceSize model_trace_size(const transformer::Model& model, std::size_t rows, double loops) {
  TraceSize size;
  size.rows = static_cast<double>(rows);
  size.width = model.layout.width();
  for (const auto& layer : model.layers) {
    const double runs = layer.max_loops > 1 ? std::min<double>(loops, layer.max_loops) : 1;
    size.maps += runs * static_cast<double>(layer.heads.size());
    size.layer_runs += runs;
  }
  return size;
}

void check_trace_size(const TraceSize& size, const std::string& advice) {
  const double numbers = size.numbers();
  if (numbers <= kMaxTraceNumbers) return;
  throw std::invalid_argument(fmt::format(
      "the trace would record about {:.2g} numbers ({:.0f} pass{} x {:.0f} attention map{} of "
      "{:.0f} rows, and the stream of width {:.0f}), above the limit of {:.0e}: {}",
      numbers, size.passes, size.passes == 1 ? "" : "es", size.maps, size.maps == 1 ? "" : "s",
      size.rows, size.width, kMaxTraceNumbers, advice));
}

HeadTrace head_map(const RunResult<Rational>& run, int layer, int loop, const std::string& head,
                   const std::vector<std::string>& row_labels, int focus_row,
                   const std::string& id) {
  HeadTrace map;
  map.id = id;
  map.name = head;
  map.key_labels = row_labels;
  for (const AttentionRecord<Rational>& record : run.attention) {
    if (record.layer != layer || record.loop != loop || record.head != head) continue;
    map.scoring = std::string(transformer::scoring_name(record.scoring));
    if (record.row == focus_row) map.focus_row = static_cast<int>(map.row_labels.size());
    map.row_labels.push_back(row_labels.at(static_cast<std::size_t>(record.row)));
    map.scores.push_back(record.scores);
    map.weights.push_back(record.weights);
  }
  if (map.row_labels.empty()) {
    throw std::logic_error(
        fmt::format("no attention recorded for head {} in layer {}", head, layer));
  }
  map.key_notes.assign(map.key_labels.size(), "");
  return map;
}

HeadTrace head_over_loops(const RunResult<Rational>& run, int layer, const std::string& head,
                          const std::vector<std::string>& key_labels, int row,
                          const std::string& id) {
  HeadTrace map;
  map.id = id;
  map.name = head;
  map.key_labels = key_labels;
  for (const AttentionRecord<Rational>& record : run.attention) {
    if (record.layer != layer || record.head != head || record.row != row) continue;
    map.scoring = std::string(transformer::scoring_name(record.scoring));
    map.row_labels.push_back(fmt::format("loop {}", record.loop + 1));
    map.scores.push_back(record.scores);
    map.weights.push_back(record.weights);
  }
  map.key_notes.assign(map.key_labels.size(), "");
  return map;
}

std::string plain_values(const transformer::Subspace&, const std::vector<Rational>& values) {
  return values.size() == 1 ? to_string(values[0]) : show_vector(values);
}

std::vector<Rational> slice(const std::vector<Rational>& row, const transformer::Subspace& part) {
  return std::vector<Rational>(row.begin() + part.offset, row.begin() + part.offset + part.size);
}

const transformer::MlpRecord<Rational>* mlp_record(const RunResult<Rational>& run, int layer,
                                                   int loop) {
  for (const auto& record : run.mlp) {
    if (record.layer == layer && record.loop == loop) return &record;
  }
  return nullptr;
}

const std::vector<std::vector<Rational>>& stream_after(const RunResult<Rational>& run, int layer,
                                                       int loop) {
  const std::vector<std::vector<Rational>>* found = nullptr;
  for (const auto& record : run.streams) {
    if (record.layer == layer && (loop < 0 || record.loop == loop)) found = &record.rows;
  }
  if (!found) throw std::logic_error(fmt::format("no stream recorded after layer {}", layer));
  return *found;
}

StreamTrace stream_at(const transformer::Model& model, const transformer::StreamRows& input,
                      const RunResult<Rational>& run, int row, const std::string& row_name,
                      const ValueText& text) {
  StreamTrace stream;
  stream.row = row_name;
  stream.width = model.layout.width();
  std::vector<const std::vector<Rational>*> stages = {&input.at(static_cast<std::size_t>(row))};
  stream.stages.push_back("embedded");
  for (std::size_t l = 0; l < model.layers.size(); ++l) {
    const int layer = static_cast<int>(l);
    stages.push_back(&stream_after(run, layer).at(static_cast<std::size_t>(row)));
    const int loops = run.loops.at(l);
    stream.stages.push_back(loops > 1 ? fmt::format("after layer {} ({} loops)", l, loops)
                                      : fmt::format("after layer {}", l));
  }
  for (const transformer::Subspace& part : model.layout.subspaces()) {
    StreamTrace::Subspace view{
        part.name, part.offset, part.size, subspace_meaning(model.name, part.name), {}};
    for (const auto* values : stages) view.values.push_back(text(part, slice(*values, part)));
    stream.subspaces.push_back(std::move(view));
  }
  return stream;
}

}  // namespace elicit::teaching
