#include "sim/transformer/construction_counting.h"

#include <stdexcept>
#include <string>

namespace elicit::transformer {
namespace {

std::string shift_name(int k) { return "shift" + std::to_string(k); }
std::string query_name(int k) { return "query" + std::to_string(k); }

}  // namespace

CountingConstruction::CountingConstruction(CountingSpec spec) : spec_(spec) {
  if (spec.contexts < 1 || spec.outputs < 1 || spec.length < 1) {
    throw std::invalid_argument("counting construction needs m, V, l >= 1");
  }
  const int l = spec.length;
  const int tokens = 2 + spec.contexts + spec.outputs;
  const int symbols = 1 + spec.contexts + spec.outputs;  // symbol 0: any boundary
  model_.name = "counting";
  Layout& layout = model_.layout;
  const Subspace tok = layout.add("tok", tokens);
  const Subspace sym = layout.add("sym", symbols);
  const Subspace pos = layout.add("pos", 3);  // p, p^2, 1
  for (int k = 1; k <= l + 1; ++k) layout.add(shift_name(k), symbols);
  const Subspace sep_pos = layout.add("sep_pos", 1);
  const Subspace gate = layout.add("gate", l);  // gate[k-1] = [offset >= k]
  for (int k = 0; k <= l; ++k) layout.add(query_name(k), symbols);
  const Subspace gate_sum = layout.add("gate_sum", 1);
  const Subspace out = layout.add("out", spec.outputs);
  model_.readout = "out";
  const int width = layout.width();
  const int p = pos.at(0), p2 = pos.at(1), one = pos.at(2);

  // Layer 0: shift heads, the boundary head, and the gates.
  Layer layer0;
  for (int k = 1; k <= l + 1; ++k) {
    Head head{shift_name(k),
              Scoring::unique_hard,
              true,
              SparseMatrix(width, 2),
              SparseMatrix(width, 2),
              SparseMatrix(width, symbols),
              SparseMatrix(symbols, width),
              1};
    head.query.set(p, 0, 2);  // q = (2p − 2k, −1)
    head.query.set(one, 0, -2 * k);
    head.query.set(one, 1, -1);
    head.key.set(p, 0, 1);  // k = (j, j²)
    head.key.set(p2, 1, 1);
    const Subspace& target = layout[shift_name(k)];
    for (int s = 0; s < symbols; ++s) {
      head.value.set(sym.at(s), s, 1);
      head.output.set(s, target.at(s), 1);
    }
    layer0.heads.push_back(std::move(head));
  }
  {
    // Score (p_i + 1)·[j is a boundary] + j: the latest boundary wins.
    Head head{"boundary",
              Scoring::unique_hard,
              true,
              SparseMatrix(width, 2),
              SparseMatrix(width, 2),
              SparseMatrix(width, 1),
              SparseMatrix(1, width),
              1};
    head.query.set(p, 0, 1);
    head.query.set(one, 0, 1);
    head.query.set(one, 1, 1);
    head.key.set(tok.at(CountingTokens::bos), 0, 1);
    head.key.set(tok.at(CountingTokens::sep), 0, 1);
    head.key.set(p, 1, 1);
    head.value.set(p, 0, 1);
    head.output.set(0, sep_pos.at(0), 1);
    layer0.heads.push_back(std::move(head));
  }
  {
    // [offset >= k] = relu(offset − k + 1) − relu(offset − k) for integer offset.
    Mlp mlp{"gates", SparseMatrix(width, 2 * l), {}, SparseMatrix(2 * l, width), {}};
    for (int k = 1; k <= l; ++k) {
      const int a = 2 * (k - 1), b = a + 1;
      for (int h : {a, b}) {
        mlp.hidden.set(p, h, 1);
        mlp.hidden.set(sep_pos.at(0), h, -1);
      }
      mlp.hidden.set(one, a, 1 - k);
      mlp.hidden.set(one, b, -k);
      mlp.output.set(a, gate.at(k - 1), 1);
      mlp.output.set(b, gate.at(k - 1), -1);
    }
    layer0.mlp = std::move(mlp);
  }
  model_.layers.push_back(std::move(layer0));

  // Layer 1: the gated query prefix, query_k[s] = relu(shift_k[s] + gate_k − 1).
  Layer layer1;
  {
    const int hidden = (l + 1) * symbols + l;
    Mlp mlp{"gated prefix", SparseMatrix(width, hidden), {}, SparseMatrix(hidden, width), {}};
    // Subspaces are looked up by name once per k, not per symbol: the lookup is
    // a search over the 2l + 9 subspaces.
    const Subspace& query0 = layout[query_name(0)];
    for (int s = 0; s < symbols; ++s) {  // k = 0: the current symbol, always inside
      mlp.hidden.set(sym.at(s), s, 1);
      mlp.output.set(s, query0.at(s), 1);
    }
    for (int k = 1; k <= l; ++k) {
      const Subspace& shift = layout[shift_name(k)];
      const Subspace& query = layout[query_name(k)];
      for (int s = 0; s < symbols; ++s) {
        const int h = k * symbols + s;
        mlp.hidden.set(shift.at(s), h, 1);
        mlp.hidden.set(gate.at(k - 1), h, 1);
        mlp.hidden.set(one, h, -1);
        mlp.output.set(h, query.at(s), 1);
      }
    }
    for (int k = 1; k <= l; ++k) {  // gate_sum = 1 + Σ gates = offset + 1
      const int h = (l + 1) * symbols + (k - 1);
      mlp.hidden.set(gate.at(k - 1), h, 1);
      mlp.output.set(h, gate_sum.at(0), 1);
    }
    mlp.output_bias.assign(static_cast<std::size_t>(width), Rational(0));
    mlp.output_bias[static_cast<std::size_t>(gate_sum.at(0))] = 1;
    mlp.hidden_bias.assign(static_cast<std::size_t>(hidden), Rational(0));
    layer1.mlp = std::move(mlp);
  }
  model_.layers.push_back(std::move(layer1));

  // Layer 2: the induction head.
  Layer layer2;
  {
    const int dim = (l + 1) * symbols + 1;
    Head head{"induction",
              Scoring::average_hard,
              true,
              SparseMatrix(width, dim),
              SparseMatrix(width, dim),
              SparseMatrix(width, spec.outputs),
              SparseMatrix(spec.outputs, width),
              1};
    for (int k = 0; k <= l; ++k) {
      const Subspace& query = layout[query_name(k)];
      const Subspace& shift = layout[shift_name(k + 1)];
      for (int s = 0; s < symbols; ++s) {
        head.query.set(query.at(s), k * symbols + s, 2);
        head.key.set(shift.at(s), k * symbols + s, 1);
      }
    }
    head.query.set(gate_sum.at(0), dim - 1, 2);  // BOS bonus 2·gate_sum − 3
    head.query.set(one, dim - 1, -3);
    head.key.set(tok.at(CountingTokens::bos), dim - 1, 1);
    for (int v = 0; v < spec.outputs; ++v) {
      head.value.set(tok.at(CountingTokens::output(spec, v)), v, 1);
      head.output.set(v, out.at(v), 1);
    }
    layer2.heads.push_back(std::move(head));
  }
  model_.layers.push_back(std::move(layer2));
}

std::vector<int> CountingConstruction::prompt(const std::vector<CountingExample>& data,
                                              const CountingQuery& query) const {
  return counting_prompt(spec_, data, query);
}

std::vector<int> counting_prompt(const CountingSpec& spec, const std::vector<CountingExample>& data,
                                 const CountingQuery& query) {
  if (data.empty()) throw std::invalid_argument("prompt: the dataset is empty");
  auto check_context = [&](int c, const std::string& where) {
    if (c < 0 || c >= spec.contexts) {
      throw std::invalid_argument(where + ": context " + std::to_string(c) + " out of range [0, " +
                                  std::to_string(spec.contexts) + ")");
    }
  };
  auto check_output = [&](int v, const std::string& where) {
    if (v < 0 || v >= spec.outputs) {
      throw std::invalid_argument(where + ": output symbol " + std::to_string(v) +
                                  " out of range [0, " + std::to_string(spec.outputs) + ")");
    }
  };
  std::vector<int> tokens = {CountingTokens::bos};
  for (std::size_t e = 0; e < data.size(); ++e) {
    const std::string where = "example " + std::to_string(e + 1);
    check_context(data[e].context, where);
    if (static_cast<int>(data[e].outputs.size()) != spec.length) {
      throw std::invalid_argument(where + " has " + std::to_string(data[e].outputs.size()) +
                                  " output symbols, expected " + std::to_string(spec.length));
    }
    if (e > 0) tokens.push_back(CountingTokens::sep);
    tokens.push_back(CountingTokens::context(data[e].context));
    for (int v : data[e].outputs) {
      check_output(v, where);
      tokens.push_back(CountingTokens::output(spec, v));
    }
  }
  check_context(query.context, "query");
  if (static_cast<int>(query.prefix.size()) >= spec.length) {
    throw std::invalid_argument("query prefix has " + std::to_string(query.prefix.size()) +
                                " symbols; at most " + std::to_string(spec.length - 1));
  }
  tokens.push_back(CountingTokens::sep);
  tokens.push_back(CountingTokens::context(query.context));
  for (int v : query.prefix) {
    check_output(v, "query");
    tokens.push_back(CountingTokens::output(spec, v));
  }
  return tokens;
}

std::pair<std::vector<CountingExample>, CountingQuery> CountingConstruction::parse(
    const std::vector<int>& tokens) const {
  const int first_output = CountingTokens::output(spec_, 0);
  const int token_count = first_output + spec_.outputs;
  if (tokens.empty() || tokens[0] != CountingTokens::bos) {
    throw std::invalid_argument("prompt must start with BOS");
  }
  std::vector<std::vector<int>> segments(1);
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const int t = tokens[i];
    if (t < 0 || t >= token_count) {
      throw std::invalid_argument("token " + std::to_string(t) + " at position " +
                                  std::to_string(i) + " is out of range [0, " +
                                  std::to_string(token_count) + ")");
    }
    if (t == CountingTokens::bos)
      throw std::invalid_argument("BOS inside the prompt at position " + std::to_string(i));
    if (t == CountingTokens::sep) {
      segments.emplace_back();
    } else {
      segments.back().push_back(t);
    }
  }
  if (segments.size() < 2)
    throw std::invalid_argument(
        "prompt has no examples before the query (empty dataset or missing SEP)");
  auto decode = [&](const std::vector<int>& segment, std::size_t index, bool is_query) {
    const std::string where =
        is_query ? std::string("query") : "example " + std::to_string(index + 1);
    if (segment.empty() || segment[0] < 2 || segment[0] >= first_output) {
      throw std::invalid_argument(where + " must start with a context token");
    }
    std::vector<int> outputs;
    for (std::size_t i = 1; i < segment.size(); ++i) {
      if (segment[i] < first_output) {
        throw std::invalid_argument(where +
                                    ": a context token where an output belongs (missing SEP?)");
      }
      outputs.push_back(segment[i] - first_output);
    }
    return std::make_pair(segment[0] - 2, outputs);
  };
  std::vector<CountingExample> data;
  for (std::size_t e = 0; e + 1 < segments.size(); ++e) {
    auto [context, outputs] = decode(segments[e], e, false);
    if (static_cast<int>(outputs.size()) != spec_.length) {
      throw std::invalid_argument("example " + std::to_string(e + 1) + " has " +
                                  std::to_string(outputs.size()) + " output symbols, expected " +
                                  std::to_string(spec_.length) + " (missing SEP?)");
    }
    data.push_back({context, outputs});
  }
  auto [context, prefix] = decode(segments.back(), 0, true);
  if (static_cast<int>(prefix.size()) >= spec_.length) {
    throw std::invalid_argument("query has a complete output; nothing left to predict");
  }
  return {data, CountingQuery{context, prefix}};
}

StreamRows CountingConstruction::embed(const std::vector<int>& tokens) const {
  parse(tokens);  // structure first: errors name the place
  return embed_from(tokens, 0, tokens.size());
}

StreamRows CountingConstruction::embed_from(const std::vector<int>& tokens, std::size_t first,
                                            std::size_t end) const {
  return dense_rows(embed_sparse(tokens, first, end));
}

SparseStreamRows CountingConstruction::embed_sparse(const std::vector<int>& tokens,
                                                    std::size_t first, std::size_t end) const {
  const Layout& layout = model_.layout;
  const Subspace& tok = layout["tok"];
  const Subspace& sym = layout["sym"];
  const Subspace& pos = layout["pos"];
  const int token_count = 2 + spec_.contexts + spec_.outputs;
  SparseStreamRows rows;
  rows.width = layout.width();
  rows.rows.reserve(end - first);
  for (std::size_t i = first; i < end; ++i) {
    const int t = tokens[i];
    if (t < 0 || t >= token_count)
      throw std::invalid_argument("token " + std::to_string(t) + " out of range");
    const auto position = static_cast<std::int64_t>(i);
    // tok, sym and pos follow each other in the layout: columns increase.
    std::vector<SparseStreamRows::Entry> row = {{tok.at(t), 1},
                                                {sym.at(t <= CountingTokens::sep ? 0 : t - 1), 1}};
    if (position != 0) {  // at position 0, p and p² are zero
      row.push_back({pos.at(0), position});
      row.push_back({pos.at(1), Rational(position) * position});
    }
    row.push_back({pos.at(2), 1});
    rows.rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Rational> empirical_next_token(const CountingSpec& spec,
                                           const std::vector<CountingExample>& data,
                                           const CountingQuery& query) {
  std::vector<std::int64_t> counts(static_cast<std::size_t>(spec.outputs), 0);
  std::int64_t total = 0;
  const std::size_t t = query.prefix.size();
  for (const auto& example : data) {
    if (example.context != query.context) continue;
    if (!std::equal(query.prefix.begin(), query.prefix.end(), example.outputs.begin())) continue;
    ++counts[static_cast<std::size_t>(example.outputs[t])];
    ++total;
  }
  std::vector<Rational> distribution(static_cast<std::size_t>(spec.outputs), Rational(0));
  if (total == 0) return distribution;
  for (std::size_t v = 0; v < counts.size(); ++v) distribution[v] = Rational(counts[v], total);
  return distribution;
}

}  // namespace elicit::transformer
