#include "sim/transformer/forward.h"

#include "sim/transformer/detail/sparse_rows.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <utility>

namespace elicit::transformer {
namespace {

using detail::Accumulator;
using detail::CompiledMatrix;
using detail::is_zero;
using detail::RowView;
using detail::SparseRows;
using detail::SparseVector;

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
CompiledMatrix<S> compile(const SparseMatrix& matrix) {
  return CompiledMatrix<S>(matrix, [](const Rational& value) { return convert<S>(value); });
}

template <class S>
SparseVector<S> sparse_bias(const std::vector<Rational>& bias) {
  SparseVector<S> out;
  for (std::size_t i = 0; i < bias.size(); ++i) out.push(static_cast<int>(i), convert<S>(bias[i]));
  return out;
}

// The keys (or values) a query may read: the cached rows of a shared prefix, then
// the rows of the current run. A plain run has no prefix.
template <class S>
struct RowsView {
  const SparseRows<S>* prefix = nullptr;
  const SparseRows<S>* own = nullptr;
  std::size_t cached() const { return prefix ? prefix->size() : 0; }
  std::size_t size() const { return cached() + own->size(); }
  RowView<S> operator[](std::size_t j) const {
    const std::size_t before = cached();
    return j < before ? (*prefix)[j] : (*own)[j - before];
  }
};

bool same_matrix(const SparseMatrix& a, const SparseMatrix& b) {
  if (a.rows != b.rows || a.cols != b.cols || a.entries.size() != b.entries.size()) return false;
  for (std::size_t k = 0; k < a.entries.size(); ++k) {
    const auto& x = a.entries[k];
    const auto& y = b.entries[k];
    if (x.row != y.row || x.col != y.col || x.value != y.value) return false;
  }
  return true;
}

// A head's query and output maps; its keys and values are projections of the layer,
// shared with every head whose key (or value) matrix is the same.
template <class S>
struct CompiledHead {
  const Head* head;
  CompiledMatrix<S> query, output;
  std::size_t key = 0, value = 0;  // indices into CompiledLayer::projections
  S scale;
};

template <class S>
struct CompiledMlp {
  std::string name;
  CompiledMatrix<S> hidden, output;
  SparseVector<S> hidden_bias, output_bias;
  int hidden_size = 0;
  explicit CompiledMlp(const Mlp& mlp)
      : name(mlp.name),
        hidden(compile<S>(mlp.hidden)),
        output(compile<S>(mlp.output)),
        hidden_bias(sparse_bias<S>(mlp.hidden_bias)),
        output_bias(sparse_bias<S>(mlp.output_bias)),
        hidden_size(mlp.hidden.cols) {
    // A bias longer than its layer was never read: drop what lies beyond.
    auto trim = [](SparseVector<S>& bias, int size) {
      while (bias.size() > 0 && bias.cols.back() >= size) {
        bias.cols.pop_back();
        bias.values.pop_back();
      }
    };
    trim(hidden_bias, hidden_size);
    trim(output_bias, mlp.output.cols);
  }
};

template <class S>
struct CompiledLayer {
  std::vector<CompiledMatrix<S>> projections;  // the distinct key and value maps
  std::vector<CompiledHead<S>> heads;
  std::optional<CompiledMlp<S>> mlp;
  int widest = 0;  // the most columns of any map: the scratch space a pass needs

  explicit CompiledLayer(const Layer& layer) {
    std::vector<const SparseMatrix*> sources;
    auto projection = [&](const SparseMatrix& matrix) {
      for (std::size_t p = 0; p < sources.size(); ++p) {
        if (same_matrix(*sources[p], matrix)) return p;
      }
      sources.push_back(&matrix);
      projections.push_back(compile<S>(matrix));
      return projections.size() - 1;
    };
    for (const Head& h : layer.heads) {
      const std::size_t key = projection(h.key);
      const std::size_t value = projection(h.value);
      heads.push_back(
          {&h, compile<S>(h.query), compile<S>(h.output), key, value, convert<S>(h.scale)});
    }
    if (layer.mlp) mlp.emplace(*layer.mlp);
    for (const auto& p : projections) widest = std::max(widest, p.cols());
    for (const auto& h : heads) widest = std::max({widest, h.query.cols(), h.output.cols()});
    if (mlp) widest = std::max({widest, mlp->hidden.cols(), mlp->output.cols()});
  }
};

// Scratch space for a layer pass, sized once and reused row after row.
template <class S>
struct Workspace {
  Accumulator<S> sums;
  std::vector<S> query;  // the current head's query, dense (a key is dotted with it)
  std::vector<std::size_t> winners;
  SparseVector<S> query_part, attended, added, hidden, scratch;
  explicit Workspace(int widest) : sums(widest), query(static_cast<std::size_t>(widest), S(0)) {}
};

// What a pass records, and where; nothing when `options` is null.
template <class S>
struct Recording {
  int layer = 0;
  int loop = 0;
  std::size_t row = 0;  // the readout row
  const RunOptions* options = nullptr;
  RunResult<S>* result = nullptr;
};

// Every row's keys and values for each projection of the layer (the state before
// the layer: heads read the stream as it was).
template <class S>
std::vector<SparseRows<S>> project(const CompiledLayer<S>& layer, const SparseRows<S>& stream) {
  std::vector<SparseRows<S>> out(layer.projections.size());
  Accumulator<S> sums(layer.widest);
  SparseVector<S> projected;
  for (std::size_t p = 0; p < layer.projections.size(); ++p) {
    for (std::size_t i = 0; i < stream.size(); ++i) {
      layer.projections[p].apply(stream[i], sums, projected);
      out[p].append(projected);
    }
  }
  return out;
}

// Calls f(j, q·key_j) for the keys j = 0..last_key in order: the hot loop of a
// pass (O(T) per row), so it walks the stored rows directly.
template <class S, class F>
void for_each_score(const RowsView<S>& keys, std::size_t last_key, const std::vector<S>& q, F&& f) {
  std::size_t j = 0;
  for (const SparseRows<S>* part : {keys.prefix, keys.own}) {
    if (!part) continue;
    const std::size_t* starts = part->starts();
    const int* cols = part->cols();
    const S* values = part->values();
    for (std::size_t r = 0; r < part->size() && j <= last_key; ++r, ++j) {
      S sum(0);
      for (std::size_t k = starts[r]; k < starts[r + 1]; ++k)
        sum += q[static_cast<std::size_t>(cols[k])] * values[k];
      f(j, std::move(sum));
    }
  }
}

// Hard attention for one query over keys [0, last_key], in one pass: the best score so
// far and the keys that reach it (for unique hard attention only the latest, which wins
// ties); their values, averaged, go into work.sums. With a record, keeps every score in
// `scores` and the winners' weights in the record.
template <class S, class AddValue>
void hard_attend(bool unique, const RowsView<S>& keys, std::size_t last_key, Workspace<S>& work,
                 const AddValue& add_value, std::vector<S>& scores, AttentionRecord<S>* record) {
  std::vector<std::size_t>& winners = work.winners;
  winners.clear();
  S best(0);
  std::size_t latest = 0;
  for_each_score(keys, last_key, work.query, [&](std::size_t j, S s) {
    if (j == 0 || s > best) {
      latest = j;
      if (!unique) winners.assign(1, j);
      best = s;
    } else if (s == best) {
      latest = j;
      if (!unique) winners.push_back(j);
    }
    if (record) scores.push_back(std::move(s));
  });
  if (unique) winners.assign(1, latest);
  for (std::size_t j : winners) add_value(j, nullptr);
  const S share = S(1) / S(static_cast<std::int64_t>(winners.size()));
  if (winners.size() > 1) work.sums.scale(share);
  if (record) {
    record->weights.assign(scores.size(), S(0));
    for (std::size_t j : winners) record->weights[j] = share;
  }
}

// Completes a head's attention record: its name, scoring and scores (a linear head's
// weights are its scores times the head's scale).
template <class S>
void finish_record(AttentionRecord<S>& record, const CompiledHead<S>& compiled,
                   std::vector<S>&& scores) {
  const Head& head = *compiled.head;
  record.head = head.name;
  record.scoring = head.scoring;
  if (head.scoring == Scoring::linear) {
    record.weights.clear();
    for (const auto& s : scores) record.weights.push_back(s * compiled.scale);
  }
  record.scores = std::move(scores);
}

// One head's output for one query over keys [0, last_key], into `out`.
template <class S>
void attend(const CompiledHead<S>& compiled, const RowsView<S>& keys, const RowsView<S>& values,
            std::size_t last_key, Workspace<S>& work, SparseVector<S>& out,
            AttentionRecord<S>* record) {
  const Head& head = *compiled.head;
  auto add_value = [&](std::size_t j, const S* factor) {
    const RowView<S> value = values[j];
    for (std::size_t k = 0; k < value.size(); ++k)
      work.sums.add(value.col(k), factor ? value.value(k) * *factor : value.value(k));
  };
  std::vector<S> scores;
  if (head.scoring == Scoring::linear) {
    for_each_score(keys, last_key, work.query, [&](std::size_t j, S s) {
      if (!is_zero(s)) {
        const S factor = s * compiled.scale;
        add_value(j, &factor);
      }
      if (record) scores.push_back(std::move(s));
    });
  } else {
    hard_attend(head.scoring == Scoring::unique_hard, keys, last_key, work, add_value, scores,
                record);
  }
  work.sums.take(out);
  if (record) finish_record(*record, compiled, std::move(scores));
}

// row += relu(row·W1 + b1)·W2 + b2; `record`, when given, keeps the values.
// The arithmetic and its order are the same with or without a record.
template <class S>
void apply_mlp(const CompiledMlp<S>& mlp, SparseVector<S>& row, Workspace<S>& work,
               MlpRecord<S>* record) {
  SparseVector<S>& h = work.hidden;
  mlp.hidden.apply(row, work.sums, h, &mlp.hidden_bias);
  if (record) record->pre_activation = detail::dense<S>(h, mlp.hidden_size);
  std::size_t kept = 0;  // ReLU: only the positive units stay
  for (std::size_t k = 0; k < h.size(); ++k) {
    if (!(h.values[k] > S(0))) continue;
    if (kept != k) {
      h.cols[kept] = h.cols[k];
      h.values[kept] = std::move(h.values[k]);
    }
    ++kept;
  }
  h.cols.resize(kept);
  h.values.resize(kept);
  mlp.output.apply(h, work.sums, work.added);
  detail::add_into(row, work.added, work.scratch);
  detail::add_into(row, mlp.output_bias, work.scratch);
  if (record) {
    record->added = detail::dense<S>(work.added, mlp.output.cols());
    for (std::size_t k = 0; k < mlp.output_bias.size(); ++k)
      record->added[static_cast<std::size_t>(mlp.output_bias.col(k))] += mlp.output_bias.value(k);
    record->hidden = detail::dense<S>(h, mlp.hidden_size);
  }
}

template <class S>
std::vector<std::vector<S>> dense_stream(const SparseRows<S>& stream, int width) {
  std::vector<std::vector<S>> rows;
  rows.reserve(stream.size());
  for (std::size_t i = 0; i < stream.size(); ++i)
    rows.push_back(detail::dense<S>(stream[i], width));
  return rows;
}

// One head at one row: its query from the row as it was before the layer (`before`),
// its attention over keys [0, last_key], and its output added to `row`.
template <class S>
void apply_head(const CompiledHead<S>& head, const RowView<S>& before, const RowsView<S>& keys,
                const RowsView<S>& values, std::size_t last_key, SparseVector<S>& row,
                Workspace<S>& work, AttentionRecord<S>* record) {
  head.query.apply(before, work.sums, work.query_part);
  for (std::size_t k = 0; k < work.query_part.size(); ++k)
    work.query[static_cast<std::size_t>(work.query_part.col(k))] = work.query_part.value(k);
  attend(head, keys, values, last_key, work, work.attended, record);
  for (std::size_t k = 0; k < work.query_part.size(); ++k)
    work.query[static_cast<std::size_t>(work.query_part.col(k))] = S(0);
  head.output.apply(work.attended, work.sums, work.added);
  detail::add_into(row, work.added, work.scratch);
}

// The layer's MLP at row i, recorded when i is the recorded row.
template <class S>
void apply_mlp_at(const CompiledMlp<S>& mlp, SparseVector<S>& row, Workspace<S>& work,
                  std::size_t i, const Recording<S>& recording) {
  const RunOptions* options = recording.options;
  if (options && options->record_mlp && i == recording.row) {
    MlpRecord<S> entry{recording.layer, recording.loop, mlp.name, {}, {}, {}};
    apply_mlp(mlp, row, work, &entry);
    recording.result->mlp.push_back(std::move(entry));
  } else {
    apply_mlp<S>(mlp, row, work, nullptr);
  }
}

// Appends a pass's attention records (head by head, as a head-by-head pass makes them)
// and, when streams are recorded, the stream after it, to the run's result.
template <class S>
void keep_records(std::vector<std::vector<AttentionRecord<S>>>&& records, const SparseRows<S>& next,
                  int width, const Recording<S>& recording) {
  for (auto& head_records : records) {
    for (auto& entry : head_records) recording.result->attention.push_back(std::move(entry));
  }
  if (recording.options->record_streams) {
    recording.result->streams.push_back(
        {recording.layer, recording.loop, dense_stream(next, width)});
  }
}

// One pass of a layer over rows [first, end) of `stream`, returning the stream after
// it. Heads read the stream as it was before the layer: its keys and values are
// `own` (and `cached`, the projections of a shared prefix that precedes row 0, or
// null), and a row's query is taken before its own update, so each row is updated
// as it is reached, without a copy of the whole stream.
template <class S>
SparseRows<S> run_layer(const CompiledLayer<S>& layer, int width, const SparseRows<S>& stream,
                        std::size_t first, std::size_t end,
                        const std::vector<SparseRows<S>>* cached,
                        const std::vector<SparseRows<S>>& own, const Recording<S>& recording) {
  const RunOptions* options = recording.options;
  Workspace<S> work(layer.widest);
  // Attention records in run order (head, then row), as a head-by-head pass made them.
  std::vector<std::vector<AttentionRecord<S>>> records(layer.heads.size());
  SparseRows<S> next;
  SparseVector<S> row;
  for (std::size_t i = 0; i < stream.size(); ++i) {
    const RowView<S> before = stream[i];
    if (i < first || i >= end) {
      next.append(before);
      continue;
    }
    row.clear();
    for (std::size_t k = 0; k < before.size(); ++k) row.push(before.col(k), before.value(k));
    for (std::size_t h = 0; h < layer.heads.size(); ++h) {
      const CompiledHead<S>& head = layer.heads[h];
      const RowsView<S> keys{cached ? &(*cached)[head.key] : nullptr, &own[head.key]};
      const RowsView<S> values{cached ? &(*cached)[head.value] : nullptr, &own[head.value]};
      const std::size_t last_key = head.head->causal ? keys.cached() + i : keys.size() - 1;
      const bool record_here = options && (options->record_attention_all_rows ||
                                           (options->record_attention && i == recording.row));
      AttentionRecord<S> entry;
      apply_head(head, before, keys, values, last_key, row, work, record_here ? &entry : nullptr);
      if (record_here) {
        entry.layer = recording.layer;
        entry.loop = recording.loop;
        entry.row = static_cast<int>(i);
        records[h].push_back(std::move(entry));
      }
    }
    if (layer.mlp) apply_mlp_at(*layer.mlp, row, work, i, recording);
    next.append(row);
  }
  if (options) keep_records(std::move(records), next, width, recording);
  return next;
}

template <class S>
SparseRows<S> convert_rows(const Model& model, const StreamRows& input) {
  const auto width = static_cast<std::size_t>(model.layout.width());
  SparseRows<S> rows;
  SparseVector<S> converted;
  for (const auto& row : input) {
    if (row.size() != width) throw std::invalid_argument("run: row width mismatch");
    converted.clear();
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (row[c] != 0) converted.push(static_cast<int>(c), convert<S>(row[c]));
    }
    rows.append(converted);
  }
  return rows;
}

template <class S>
SparseRows<S> convert_rows(const Model& model, const SparseStreamRows& input) {
  const int width = model.layout.width();
  if (input.width != width) throw std::invalid_argument("run: row width mismatch");
  SparseRows<S> rows;
  SparseVector<S> converted;
  for (const auto& row : input.rows) {
    converted.clear();
    int previous = -1;
    for (const auto& [col, value] : row) {
      if (col <= previous || col >= width)
        throw std::invalid_argument("run: sparse row columns must increase within the width");
      previous = col;
      if (value != 0) converted.push(col, convert<S>(value));
    }
    rows.append(converted);
  }
  return rows;
}

template <class S>
std::vector<S> readout_of(const Model& model, const RowView<S>& row) {
  const Subspace& readout = model.layout[model.readout];
  std::vector<S> out(static_cast<std::size_t>(readout.size), S(0));
  for (std::size_t k = 0; k < row.size(); ++k) {
    const int c = row.col(k) - readout.offset;
    if (c >= 0 && c < readout.size) out[static_cast<std::size_t>(c)] = row.value(k);
  }
  return out;
}

}  // namespace

template <class S>
RunResult<S> run(const Model& model, const StreamRows& input, const RunOptions& options) {
  if (input.empty()) throw std::invalid_argument("run: empty prompt");
  RunResult<S> result;
  SparseRows<S> stream = convert_rows<S>(model, input);
  const int width = model.layout.width();
  const std::size_t tokens = stream.size();
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
      const auto own = project(compiled, stream);
      SparseRows<S> next = run_layer<S>(compiled, width, stream, first, end, nullptr, own,
                                        Recording<S>{l, loop, readout_row, &options, &result});
      const bool fixed_point = layer.max_loops > 1 && next == stream;
      stream = std::move(next);
      ++loop;
      if (layer.max_loops <= 1 || loop >= layer.max_loops || fixed_point) break;
    }
    result.loops.push_back(loop);
  }
  result.stream = dense_stream(stream, width);
  result.output = readout_of(model, stream[readout_row]);
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
  // [layer][projection][row]: the keys and values the prefix rows offer at each layer.
  std::vector<std::vector<SparseRows<S>>> projected;
};

namespace {

// With causal heads a prefix row never reads what follows it, so its state at every
// layer is the same whatever query comes after: compute it once, keep its keys and
// values, and let the stream go.
template <class S, class Cache>
std::shared_ptr<const Cache> build_session(const Model& model, SparseRows<S> stream) {
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
  for (std::size_t l = 0; l < cache->layers.size(); ++l) {
    const CompiledLayer<S>& layer = cache->layers[l];
    cache->projected.push_back(project(layer, stream));
    if (l + 1 < cache->layers.size()) {
      stream = run_layer<S>(layer, model.layout.width(), stream, 0, stream.size(), nullptr,
                            cache->projected[l], Recording<S>{});
    }
  }
  return cache;
}

template <class S, class Cache>
std::vector<S> session_readout(const Model& model, const Cache& cache, SparseRows<S> stream) {
  if (stream.size() == 0)
    throw std::invalid_argument("a prefix session query needs at least one row");
  for (std::size_t l = 0; l < cache.layers.size(); ++l) {
    const auto own = project(cache.layers[l], stream);
    stream = run_layer(cache.layers[l], model.layout.width(), stream, 0, stream.size(),
                       &cache.projected[l], own, Recording<S>{});
  }
  return readout_of(model, stream[stream.size() - 1]);
}

}  // namespace

template <class S>
PrefixSession<S>::PrefixSession(const Model& model, const StreamRows& prefix)
    : model_(&model), cache_(build_session<S, Cache>(model, convert_rows<S>(model, prefix))) {}

template <class S>
PrefixSession<S>::PrefixSession(const Model& model, const SparseStreamRows& prefix)
    : model_(&model), cache_(build_session<S, Cache>(model, convert_rows<S>(model, prefix))) {}

template <class S>
std::vector<S> PrefixSession<S>::readout(const StreamRows& suffix) const {
  return session_readout<S>(*model_, *cache_, convert_rows<S>(*model_, suffix));
}

template <class S>
std::vector<S> PrefixSession<S>::readout(const SparseStreamRows& suffix) const {
  return session_readout<S>(*model_, *cache_, convert_rows<S>(*model_, suffix));
}

template class PrefixSession<double>;
template class PrefixSession<Rational>;
template class PrefixSession<SmallRational>;

namespace {

template <class Rows>
std::vector<std::vector<Rational>> exact_with_prefix(const Model& model, const Rows& prefix,
                                                     const std::vector<Rows>& suffixes) {
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

}  // namespace

std::vector<std::vector<Rational>> run_exact_with_prefix(const Model& model,
                                                         const StreamRows& prefix,
                                                         const std::vector<StreamRows>& suffixes) {
  return exact_with_prefix(model, prefix, suffixes);
}

std::vector<std::vector<Rational>> run_exact_with_prefix(
    const Model& model, const SparseStreamRows& prefix,
    const std::vector<SparseStreamRows>& suffixes) {
  return exact_with_prefix(model, prefix, suffixes);
}

}  // namespace elicit::transformer
