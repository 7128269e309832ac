#include "sim/transformer/forward.h"

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

template <class S>
Row<S> attend(const Head& head, const std::vector<Row<S>>& stream, int position,
              const std::vector<SparseRow<S>>& keys, const std::vector<SparseRow<S>>& values,
              const Compiled<S>& query_map, AttentionRecord<S>* record) {
  const Row<S> q = query_map.apply(stream[position]);
  const int last_key = head.causal ? position : static_cast<int>(stream.size()) - 1;
  const int value_dim = head.value.cols;
  Row<S> out(static_cast<std::size_t>(value_dim), S(0));
  std::vector<S> scores;
  scores.reserve(static_cast<std::size_t>(last_key) + 1);
  for (int j = 0; j <= last_key; ++j) scores.push_back(dot(q, keys[j]));

  if (head.scoring == Scoring::linear) {
    const S scale = convert<S>(head.scale);
    for (int j = 0; j <= last_key; ++j) {
      if (!is_zero(scores[j])) add_scaled(out, values[j], scores[j] * scale);
    }
  } else {
    S best = scores[0];
    for (int j = 1; j <= last_key; ++j) {
      if (scores[j] > best) best = scores[j];
    }
    std::vector<int> winners;
    for (int j = 0; j <= last_key; ++j) {
      if (scores[j] == best) winners.push_back(j);
    }
    if (head.scoring == Scoring::unique_hard) winners = {winners.back()};  // latest wins ties
    for (int j : winners) add_scaled(out, values[j], S(1));
    if (winners.size() > 1) {
      const S share = S(1) / S(static_cast<std::int64_t>(winners.size()));
      for (auto& x : out) x = x * share;
    }
    if (record) {
      record->weights.assign(scores.size(), S(0));
      for (int j : winners)
        record->weights[j] = S(1) / S(static_cast<std::int64_t>(winners.size()));
    }
  }
  if (record) {
    record->head = head.name;
    record->scoring = head.scoring;
    if (head.scoring == Scoring::linear) {
      const S scale = convert<S>(head.scale);
      record->weights.clear();
      for (const auto& s : scores) record->weights.push_back(s * scale);
    }
    record->scores = std::move(scores);
  }
  return out;
}

template <class S>
void run_layer(const Layer& layer, int layer_index, int loop, std::vector<Row<S>>& stream,
               int readout_row, bool readout_only, RunResult<S>& result, bool record) {
  const int tokens = static_cast<int>(stream.size());
  const int first = readout_only ? readout_row : 0;
  const int end = readout_only ? readout_row + 1 : tokens;
  const std::vector<Row<S>> before = stream;  // heads read the stream as it was
  for (const Head& head : layer.heads) {
    const Compiled<S> query_map(head.query), key_map(head.key), value_map(head.value);
    const Compiled<S> output_map(head.output);
    std::vector<SparseRow<S>> keys, values;
    keys.reserve(static_cast<std::size_t>(tokens));
    values.reserve(static_cast<std::size_t>(tokens));
    for (const auto& row : before) {
      keys.push_back(sparse(key_map.apply(row)));
      values.push_back(sparse(value_map.apply(row)));
    }
    for (int i = first; i < end; ++i) {
      const bool record_here = record && i == readout_row;
      AttentionRecord<S> entry;
      const Row<S> attended =
          attend(head, before, i, keys, values, query_map, record_here ? &entry : nullptr);
      const Row<S> added = output_map.apply(attended);
      for (std::size_t c = 0; c < added.size(); ++c) stream[i][c] += added[c];
      if (record_here) {
        entry.layer = layer_index;
        entry.loop = loop;
        result.attention.push_back(std::move(entry));
      }
    }
  }
  if (layer.mlp) {
    const Mlp& mlp = *layer.mlp;
    const Compiled<S> hidden_map(mlp.hidden), output_map(mlp.output);
    std::vector<S> hidden_bias, output_bias;
    for (const auto& b : mlp.hidden_bias) hidden_bias.push_back(convert<S>(b));
    for (const auto& b : mlp.output_bias) output_bias.push_back(convert<S>(b));
    for (int i = first; i < end; ++i) {
      Row<S> hidden = hidden_map.apply(stream[i]);
      for (std::size_t h = 0; h < hidden.size(); ++h) {
        if (h < hidden_bias.size()) hidden[h] += hidden_bias[h];
        if (!(hidden[h] > S(0))) hidden[h] = S(0);  // ReLU
      }
      const Row<S> added = output_map.apply(hidden);
      for (std::size_t c = 0; c < added.size(); ++c) {
        stream[i][c] += added[c];
        if (c < output_bias.size()) stream[i][c] += output_bias[c];
      }
    }
  }
}

}  // namespace

template <class S>
RunResult<S> run(const Model& model, const StreamRows& input, const RunOptions& options) {
  if (input.empty()) throw std::invalid_argument("run: empty prompt");
  const int width = model.layout.width();
  RunResult<S> result;
  for (const auto& row : input) {
    if (static_cast<int>(row.size()) != width)
      throw std::invalid_argument("run: row width mismatch");
    Row<S> converted;
    converted.reserve(row.size());
    for (const auto& v : row) converted.push_back(convert<S>(v));
    result.stream.push_back(std::move(converted));
  }
  const int layers = static_cast<int>(model.layers.size());
  const int tokens = static_cast<int>(result.stream.size());
  const int readout_row = model.readout_row < 0 ? tokens - 1 : model.readout_row;
  if (readout_row >= tokens) throw std::invalid_argument("run: readout row beyond the prompt");
  for (int l = 0; l < layers; ++l) {
    const Layer& layer = model.layers[l];
    const bool readout_only = options.last_layer_at_readout_only && l == layers - 1;
    int loop = 0;
    while (true) {
      const auto previous = layer.max_loops > 1 ? result.stream : std::vector<Row<S>>{};
      run_layer(layer, l, loop, result.stream, readout_row, readout_only, result,
                options.record_attention);
      ++loop;
      if (layer.max_loops <= 1 || loop >= layer.max_loops || result.stream == previous) break;
    }
    result.loops.push_back(loop);
  }
  const Subspace& readout = model.layout[model.readout];
  const auto& last = result.stream[static_cast<std::size_t>(readout_row)];
  result.output.assign(last.begin() + readout.offset, last.begin() + readout.offset + readout.size);
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
                                  widen(record.scores), widen(record.weights)});
    }
    result.loops = small.loops;
    return result;
  } catch (const std::overflow_error&) {
    return run<Rational>(model, input, options);  // a value outgrew int64: use GMP
  }
}

}  // namespace elicit::transformer
