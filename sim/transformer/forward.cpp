#include "sim/transformer/forward.h"

#include <optional>
#include <stdexcept>
#include <utility>

namespace elicit::transformer {
namespace {

template <class S>
S convert(const Rational& value);
template <>
double convert<double>(const Rational& value) {
  return to_double(value);
}
template <>
Rational convert<Rational>(const Rational& value) {
  return value;
}
template <>
SmallRational convert<SmallRational>(const Rational& value) {
  return SmallRational::from(value);
}

template <class S>
bool is_zero(const S& value) {
  return value == S(0);
}

template <class S>
using Row = std::vector<S>;

// A sparse matrix with its entries converted to S once per run.
template <class S>
struct Compiled {
  int cols = 0;
  std::vector<std::tuple<int, int, S>> entries;
  explicit Compiled(const SparseMatrix& m) : cols(m.cols) {
    for (const auto& e : m.entries) entries.emplace_back(e.row, e.col, convert<S>(e.value));
  }
  // out = x · M
  Row<S> apply(const Row<S>& x) const {
    Row<S> out(static_cast<std::size_t>(cols), S(0));
    for (const auto& [r, c, v] : entries) {
      if (!is_zero(x[r])) out[c] += x[r] * v;
    }
    return out;
  }
};

// A vector kept as its non-zero coordinates: keys and values are mostly one-hot.
template <class S>
using SparseRow = std::vector<std::pair<int, S>>;

template <class S>
SparseRow<S> sparse(const Row<S>& row) {
  SparseRow<S> out;
  for (int i = 0; i < static_cast<int>(row.size()); ++i) {
    if (!is_zero(row[i])) out.emplace_back(i, row[i]);
  }
  return out;
}

template <class S>
S dot(const Row<S>& dense, const SparseRow<S>& sparse_row) {
  S sum(0);
  for (const auto& [i, v] : sparse_row) sum += dense[i] * v;
  return sum;
}

template <class S>
void add_scaled(Row<S>& target, const SparseRow<S>& source, const S& factor) {
  for (const auto& [i, v] : source) target[i] += v * factor;
}

// The keys (or values) a query may read: the cached rows of a shared prefix, then
// the rows of the current run. A plain run has no prefix.
template <class S>
struct RowsView {
  const std::vector<SparseRow<S>>* prefix = nullptr;
  const std::vector<SparseRow<S>>* own = nullptr;
  std::size_t size() const { return (prefix ? prefix->size() : 0) + own->size(); }
  const SparseRow<S>& operator[](std::size_t j) const {
    const std::size_t cached = prefix ? prefix->size() : 0;
    return j < cached ? (*prefix)[j] : (*own)[j - cached];
  }
};

// A head with its matrices converted to S once.
template <class S>
struct CompiledHead {
  const Head* head;
  Compiled<S> query, key, value, output;
  S scale;
  explicit CompiledHead(const Head& h)
      : head(&h),
        query(h.query),
        key(h.key),
        value(h.value),
        output(h.output),
        scale(convert<S>(h.scale)) {}
};

template <class S>
struct CompiledMlp {
  Compiled<S> hidden, output;
  std::vector<S> hidden_bias, output_bias;
  explicit CompiledMlp(const Mlp& mlp) : hidden(mlp.hidden), output(mlp.output) {
    for (const auto& b : mlp.hidden_bias) hidden_bias.push_back(convert<S>(b));
    for (const auto& b : mlp.output_bias) output_bias.push_back(convert<S>(b));
  }
  // row += relu(row·W1 + b1)·W2 + b2; `record`, when given, keeps the values.
  // The arithmetic and its order are the same with or without a record.
  void apply(Row<S>& row, MlpRecord<S>* record = nullptr) const {
    Row<S> h = hidden.apply(row);
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (i < hidden_bias.size()) h[i] += hidden_bias[i];
      if (record) record->pre_activation.push_back(h[i]);
      if (!(h[i] > S(0))) h[i] = S(0);  // ReLU
    }
    const Row<S> added = output.apply(h);
    for (std::size_t c = 0; c < added.size(); ++c) {
      row[c] += added[c];
      if (c < output_bias.size()) row[c] += output_bias[c];
    }
    if (record) {
      record->added = added;
      for (std::size_t c = 0; c < added.size() && c < output_bias.size(); ++c) {
        record->added[c] += output_bias[c];
      }
      record->hidden = std::move(h);
    }
  }
};

template <class S>
struct CompiledLayer {
  std::vector<CompiledHead<S>> heads;
  std::optional<CompiledMlp<S>> mlp;
  std::string mlp_name;
  explicit CompiledLayer(const Layer& layer) {
    for (const Head& h : layer.heads) heads.emplace_back(h);
    if (layer.mlp) {
      mlp.emplace(*layer.mlp);
      mlp_name = layer.mlp->name;
    }
  }
};

// One head's output for one query vector q over keys [0, last_key].
template <class S>
Row<S> attend(const CompiledHead<S>& compiled, const Row<S>& q, const RowsView<S>& keys,
              const RowsView<S>& values, std::size_t last_key, AttentionRecord<S>* record) {
  const Head& head = *compiled.head;
  Row<S> out(static_cast<std::size_t>(head.value.cols), S(0));
  std::vector<S> scores;
  scores.reserve(last_key + 1);
  for (std::size_t j = 0; j <= last_key; ++j) scores.push_back(dot(q, keys[j]));

  if (head.scoring == Scoring::linear) {
    for (std::size_t j = 0; j <= last_key; ++j) {
      if (!is_zero(scores[j])) add_scaled(out, values[j], scores[j] * compiled.scale);
    }
  } else {
    S best = scores[0];
    for (std::size_t j = 1; j <= last_key; ++j) {
      if (scores[j] > best) best = scores[j];
    }
    std::vector<std::size_t> winners;
    for (std::size_t j = 0; j <= last_key; ++j) {
      if (scores[j] == best) winners.push_back(j);
    }
    if (head.scoring == Scoring::unique_hard) winners = {winners.back()};  // latest wins ties
    for (std::size_t j : winners) add_scaled(out, values[j], S(1));
    const S share = S(1) / S(static_cast<std::int64_t>(winners.size()));
    if (winners.size() > 1) {
      for (auto& x : out) x = x * share;
    }
    if (record) {
      record->weights.assign(scores.size(), S(0));
      for (std::size_t j : winners) record->weights[j] = share;
    }
  }
  if (record) {
    record->head = head.name;
    record->scoring = head.scoring;
    if (head.scoring == Scoring::linear) {
      record->weights.clear();
      for (const auto& score : scores) record->weights.push_back(score * compiled.scale);
    }
    record->scores = std::move(scores);
  }
  return out;
}

template <class S>
std::vector<SparseRow<S>> project(const Compiled<S>& map, const std::vector<Row<S>>& rows) {
  std::vector<SparseRow<S>> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(sparse(map.apply(row)));
  return out;
}

// One pass of a layer over rows [first, end) of `stream`; heads read the stream as
// it was before the layer. `cached_*` hold the keys and values of a shared prefix
// that precedes row 0 of `stream` (empty for a plain run). `record` says what to
// keep in `result` (nothing when null).
template <class S>
void run_layer(const CompiledLayer<S>& layer, int layer_index, int loop,
               std::vector<Row<S>>& stream, std::size_t first, std::size_t end,
               std::size_t record_row, const RunOptions* record,
               const std::vector<std::vector<SparseRow<S>>>* cached_keys,
               const std::vector<std::vector<SparseRow<S>>>* cached_values, RunResult<S>& result) {
  const std::vector<Row<S>> before = stream;
  for (std::size_t h = 0; h < layer.heads.size(); ++h) {
    const CompiledHead<S>& head = layer.heads[h];
    const auto keys = project(head.key, before);
    const auto values = project(head.value, before);
    const RowsView<S> key_view{cached_keys ? &(*cached_keys)[h] : nullptr, &keys};
    const RowsView<S> value_view{cached_values ? &(*cached_values)[h] : nullptr, &values};
    const std::size_t offset = key_view.size() - keys.size();  // rows before row 0
    for (std::size_t i = first; i < end; ++i) {
      const bool record_here = record && (record->record_attention_all_rows ||
                                          (record->record_attention && i == record_row));
      AttentionRecord<S> entry;
      const std::size_t last_key = head.head->causal ? offset + i : key_view.size() - 1;
      const Row<S> attended = attend(head, head.query.apply(before[i]), key_view, value_view,
                                     last_key, record_here ? &entry : nullptr);
      const Row<S> added = head.output.apply(attended);
      for (std::size_t c = 0; c < added.size(); ++c) stream[i][c] += added[c];
      if (record_here) {
        entry.layer = layer_index;
        entry.loop = loop;
        entry.row = static_cast<int>(i);
        result.attention.push_back(std::move(entry));
      }
    }
  }
  if (layer.mlp) {
    for (std::size_t i = first; i < end; ++i) {
      if (record && record->record_mlp && i == record_row) {
        MlpRecord<S> entry{layer_index, loop, layer.mlp_name, {}, {}, {}};
        layer.mlp->apply(stream[i], &entry);
        result.mlp.push_back(std::move(entry));
      } else {
        layer.mlp->apply(stream[i]);
      }
    }
  }
  if (record && record->record_streams) result.streams.push_back({layer_index, loop, stream});
}

template <class S>
std::vector<Row<S>> convert_rows(const Model& model, const StreamRows& input) {
  const auto width = static_cast<std::size_t>(model.layout.width());
  std::vector<Row<S>> rows;
  rows.reserve(input.size());
  for (const auto& row : input) {
    if (row.size() != width) throw std::invalid_argument("run: row width mismatch");
    Row<S> converted;
    converted.reserve(row.size());
    for (const auto& v : row) converted.push_back(convert<S>(v));
    rows.push_back(std::move(converted));
  }
  return rows;
}

template <class S>
std::vector<S> readout_of(const Model& model, const Row<S>& row) {
  const Subspace& readout = model.layout[model.readout];
  return std::vector<S>(row.begin() + readout.offset, row.begin() + readout.offset + readout.size);
}

}  // namespace

template <class S>
RunResult<S> run(const Model& model, const StreamRows& input, const RunOptions& options) {
  if (input.empty()) throw std::invalid_argument("run: empty prompt");
  RunResult<S> result;
  result.stream = convert_rows<S>(model, input);
  const std::size_t tokens = result.stream.size();
  const std::size_t readout_row =
      model.readout_row < 0 ? tokens - 1 : static_cast<std::size_t>(model.readout_row);
  if (readout_row >= tokens) throw std::invalid_argument("run: readout row beyond the prompt");
  const int layers = static_cast<int>(model.layers.size());
  for (int l = 0; l < layers; ++l) {
    const Layer& layer = model.layers[static_cast<std::size_t>(l)];
    const CompiledLayer<S> compiled(layer);
    const bool readout_only = options.last_layer_at_readout_only && l == layers - 1;
    const std::size_t first = readout_only ? readout_row : 0;
    const std::size_t end = readout_only ? readout_row + 1 : tokens;
    int loop = 0;
    while (true) {
      const auto previous = layer.max_loops > 1 ? result.stream : std::vector<Row<S>>{};
      run_layer<S>(compiled, l, loop, result.stream, first, end, readout_row, &options, nullptr,
                   nullptr, result);
      ++loop;
      if (layer.max_loops <= 1 || loop >= layer.max_loops || result.stream == previous) break;
    }
    result.loops.push_back(loop);
  }
  result.output = readout_of(model, result.stream[readout_row]);
  return result;
}

template RunResult<double> run(const Model&, const StreamRows&, const RunOptions&);
template RunResult<Rational> run(const Model&, const StreamRows&, const RunOptions&);
template RunResult<SmallRational> run(const Model&, const StreamRows&, const RunOptions&);

namespace {

Rational widen(const SmallRational& v) { return v.to_rational(); }

std::vector<Rational> widen(const std::vector<SmallRational>& row) {
  std::vector<Rational> out;
  out.reserve(row.size());
  for (const auto& v : row) out.push_back(widen(v));
  return out;
}

}  // namespace

RunResult<Rational> run_exact(const Model& model, const StreamRows& input,
                              const RunOptions& options) {
  try {
    RunResult<SmallRational> small = run<SmallRational>(model, input, options);
    RunResult<Rational> result;
    for (const auto& row : small.stream) result.stream.push_back(widen(row));
    result.output = widen(small.output);
    for (auto& record : small.attention) {
      result.attention.push_back({record.layer, record.loop, record.head, record.scoring,
                                  widen(record.scores), widen(record.weights), record.row});
    }
    for (auto& record : small.mlp) {
      result.mlp.push_back({record.layer, record.loop, record.name, widen(record.pre_activation),
                            widen(record.hidden), widen(record.added)});
    }
    for (auto& record : small.streams) {
      StreamRecord<Rational> wide{record.layer, record.loop, {}};
      for (const auto& row : record.rows) wide.rows.push_back(widen(row));
      result.streams.push_back(std::move(wide));
    }
    result.loops = small.loops;
    return result;
  } catch (const std::overflow_error&) {
    return run<Rational>(model, input, options);  // a value outgrew int64: use GMP
  }
}

// ---- prefix sessions -----------------------------------------------------------

template <class S>
struct PrefixSession<S>::Cache {
  std::vector<CompiledLayer<S>> layers;
  // [layer][head][row]: the keys and values the prefix rows offer at each layer.
  std::vector<std::vector<std::vector<SparseRow<S>>>> keys, values;
};

template <class S>
PrefixSession<S>::PrefixSession(const Model& model, const StreamRows& prefix) : model_(&model) {
  auto cache = std::make_shared<Cache>();
  if (model.readout_row >= 0) throw std::invalid_argument("a prefix session reads the last row");
  for (const Layer& layer : model.layers) {
    if (layer.max_loops > 1)
      throw std::invalid_argument("a prefix session needs a model without looped layers");
    for (const Head& head : layer.heads) {
      if (!head.causal)
        throw std::invalid_argument("a prefix session needs causal attention (head " + head.name +
                                    ")");
    }
    cache->layers.emplace_back(layer);
  }
  // With causal heads a prefix row never reads what follows it, so its state at
  // every layer is the same whatever query comes after: compute it once.
  std::vector<Row<S>> stream = convert_rows<S>(model, prefix);
  RunResult<S> unused;
  for (std::size_t l = 0; l < cache->layers.size(); ++l) {
    const CompiledLayer<S>& layer = cache->layers[l];
    std::vector<std::vector<SparseRow<S>>> keys, values;
    for (const auto& head : layer.heads) {
      keys.push_back(project(head.key, stream));
      values.push_back(project(head.value, stream));
    }
    cache->keys.push_back(std::move(keys));
    cache->values.push_back(std::move(values));
    if (l + 1 < cache->layers.size()) {
      run_layer<S>(layer, static_cast<int>(l), 0, stream, 0, stream.size(), 0, nullptr, nullptr,
                   nullptr, unused);
    }
  }
  cache_ = std::move(cache);
}

template <class S>
std::vector<S> PrefixSession<S>::readout(const StreamRows& suffix) const {
  if (suffix.empty()) throw std::invalid_argument("a prefix session query needs at least one row");
  std::vector<Row<S>> stream = convert_rows<S>(*model_, suffix);
  RunResult<S> unused;
  for (std::size_t l = 0; l < cache_->layers.size(); ++l) {
    run_layer<S>(cache_->layers[l], static_cast<int>(l), 0, stream, 0, stream.size(), 0, nullptr,
                 &cache_->keys[l], &cache_->values[l], unused);
  }
  return readout_of(*model_, stream.back());
}

template class PrefixSession<double>;
template class PrefixSession<Rational>;
template class PrefixSession<SmallRational>;

std::vector<std::vector<Rational>> run_exact_with_prefix(const Model& model,
                                                         const StreamRows& prefix,
                                                         const std::vector<StreamRows>& suffixes) {
  std::vector<std::vector<Rational>> outputs;
  try {
    const PrefixSession<SmallRational> session(model, prefix);
    for (const auto& suffix : suffixes) outputs.push_back(widen(session.readout(suffix)));
    return outputs;
  } catch (const std::overflow_error&) {
    outputs.clear();  // a value outgrew int64: redo every query in GMP
    const PrefixSession<Rational> session(model, prefix);
    for (const auto& suffix : suffixes) outputs.push_back(session.readout(suffix));
    return outputs;
  }
}

}  // namespace elicit::transformer
