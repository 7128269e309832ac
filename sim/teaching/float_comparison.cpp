#include "sim/teaching/float_comparison.h"

#include "sim/teaching/show.h"

#include <fmt/format.h>

#include <cmath>

namespace elicit::teaching {
namespace {

using transformer::RunResult;

// A place in the stream: "row 3 '(1, 0)', residual".
std::string stream_place(const transformer::Model& model, const std::vector<std::string>& labels,
                         std::size_t row, std::size_t column) {
  for (const auto& part : model.layout.subspaces()) {
    const auto first = static_cast<std::size_t>(part.offset);
    if (column >= first && column < first + static_cast<std::size_t>(part.size)) {
      return part.size == 1 ? fmt::format("row {} '{}', {}", row, labels.at(row), part.name)
                            : fmt::format("row {} '{}', {}[{}]", row, labels.at(row), part.name,
                                          column - first);
    }
  }
  return fmt::format("row {}, column {}", row, column);
}

// A double that is inf or NaN has no exact value (GMP stops the process with SIGFPE
// when asked for one): it differs from every exact number.
bool differs(const Rational& exact, double approx) {
  return !std::isfinite(approx) || Rational(approx) != exact;
}

std::string value_difference(const std::string& what, const Rational& exact, double approx) {
  return fmt::format("exact {} {}, double {} ({})", what, to_string(exact), show_double(approx),
                     std::isfinite(approx) ? why_double_differs(exact)
                                           : std::string("the double overflowed: no finite double "
                                                         "is that large"));
}

std::optional<std::string> rows_departure(const transformer::Model& model,
                                          const std::vector<std::string>& labels,
                                          const std::vector<std::vector<Rational>>& exact,
                                          const std::vector<std::vector<double>>& approx,
                                          std::size_t first_row, std::size_t end_row,
                                          const std::string& stage) {
  for (std::size_t r = first_row; r < end_row; ++r) {
    for (std::size_t c = 0; c < exact[r].size(); ++c) {
      if (differs(exact[r][c], approx[r][c])) {
        return fmt::format("{}, {}: {}", stage, stream_place(model, labels, r, c),
                           value_difference("value", exact[r][c], approx[r][c]));
      }
    }
  }
  return std::nullopt;
}

// The first key of one attention record where the double run's score or weight differs
// from the exact one (a hard-attention choice made differently, else the score, else
// the weight), placed in the head's map.
std::optional<Departure> attention_departure(const transformer::AttentionRecord<Rational>& e,
                                             const transformer::AttentionRecord<double>& d,
                                             const std::string& pass,
                                             const std::vector<std::string>& row_labels,
                                             const MapNaming& naming) {
  for (std::size_t j = 0; j < e.weights.size(); ++j) {
    const bool score_differs = differs(e.scores[j], d.scores[j]);
    const bool weight_differs = differs(e.weights[j], d.weights[j]);
    if (!score_differs && !weight_differs) continue;
    const auto row = static_cast<std::size_t>(e.row);
    const std::string where = fmt::format("{}, head {}, row {} '{}', key {} '{}'", pass, e.head,
                                          row, row_labels.at(row), j, row_labels.at(j));
    std::string text;
    if ((e.weights[j] == 0) != (d.weights[j] == 0.0)) {
      text = fmt::format(
          "{}: a hard-attention choice made differently (exact weight {}, "
          "double {})",
          where, to_string(e.weights[j]), show_double(d.weights[j]));
    } else if (score_differs) {
      text = fmt::format("{}: {}", where, value_difference("score", e.scores[j], d.scores[j]));
    } else {
      text = fmt::format("{}: {}", where, value_difference("weight", e.weights[j], d.weights[j]));
    }
    return Departure{text, naming.head_id(e.layer, e.loop, e.head),
                     naming.map_row(e.layer, e.loop, e.row), static_cast<int>(j)};
  }
  return std::nullopt;
}

// The first hidden unit of one MLP record whose double pre-activation differs.
std::optional<Departure> mlp_departure(const transformer::MlpRecord<Rational>& e,
                                       const transformer::MlpRecord<double>& d,
                                       const std::string& pass) {
  for (std::size_t h = 0; h < e.pre_activation.size(); ++h) {
    if (differs(e.pre_activation[h], d.pre_activation[h])) {
      return Departure{
          fmt::format("{}, mlp {}, hidden unit {}: {}", pass, e.name, h,
                      value_difference("value", e.pre_activation[h], d.pre_activation[h])),
          "", -1, -1};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Departure> first_departure(const transformer::Model& model,
                                         const transformer::StreamRows& input,
                                         const RunResult<Rational>& exact,
                                         const RunResult<double>& approx, int readout_row,
                                         const std::vector<std::string>& row_labels,
                                         const MapNaming& naming) {
  std::vector<std::vector<double>> embedded;
  for (const auto& row : input) {
    std::vector<double> converted;
    converted.reserve(row.size());
    for (const auto& v : row) converted.push_back(to_double(v));
    embedded.push_back(std::move(converted));
  }
  if (auto text = rows_departure(model, row_labels, input, embedded, 0, input.size(),
                                 "the embedded prompt")) {
    return Departure{*text, "", -1, -1};
  }
  // Attention and MLP records are appended in run order, pass by pass, as the
  // stream records are: walk the passes and compare each pass's records.
  std::size_t a = 0, m = 0;
  const std::size_t passes = std::min(exact.streams.size(), approx.streams.size());
  for (std::size_t p = 0; p < passes; ++p) {
    const int layer = exact.streams[p].layer, loop = exact.streams[p].loop;
    const bool last_layer = layer + 1 == static_cast<int>(model.layers.size());
    if (approx.streams[p].layer != layer || approx.streams[p].loop != loop) break;
    const std::string pass = exact.loops.at(static_cast<std::size_t>(layer)) > 1
                                 ? fmt::format("layer {} loop {}", layer, loop + 1)
                                 : fmt::format("layer {}", layer);
    for (; a < exact.attention.size() && exact.attention[a].layer == layer &&
           exact.attention[a].loop == loop;
         ++a) {
      const auto& e = exact.attention[a];
      const auto& d = approx.attention.at(a);
      if (last_layer && e.row != readout_row) continue;
      if (auto departure = attention_departure(e, d, pass, row_labels, naming)) return departure;
    }
    for (; m < exact.mlp.size() && exact.mlp[m].layer == layer && exact.mlp[m].loop == loop; ++m) {
      const auto& e = exact.mlp[m];
      const auto& d = approx.mlp.at(m);
      if (auto departure = mlp_departure(e, d, pass)) return departure;
    }
    const auto& exact_rows = exact.streams[p].rows;
    const auto& approx_rows = approx.streams[p].rows;
    const auto first_row = static_cast<std::size_t>(last_layer ? readout_row : 0);
    const std::size_t end_row = last_layer ? first_row + 1 : exact_rows.size();
    if (auto text = rows_departure(model, row_labels, exact_rows, approx_rows, first_row, end_row,
                                   "after " + pass)) {
      return Departure{*text, "", -1, -1};
    }
  }
  for (std::size_t l = 0; l < exact.loops.size(); ++l) {
    if (exact.loops[l] != approx.loops.at(l)) {
      return Departure{fmt::format("layer {} ran {} times in double precision, {} times exactly", l,
                                   approx.loops[l], exact.loops[l]),
                       "", -1, -1};
    }
  }
  for (std::size_t v = 0; v < exact.output.size(); ++v) {
    if (differs(exact.output[v], approx.output[v])) {
      return Departure{fmt::format("output {}: {}", v,
                                   value_difference("value", exact.output[v], approx.output[v])),
                       "", -1, -1};
    }
  }
  return std::nullopt;
}

FloatTrace float_trace(const std::vector<std::string>& lines,
                       const std::optional<Departure>& departure) {
  FloatTrace trace;
  trace.lines = lines;
  if (departure) {
    trace.first_difference = departure->text;
    trace.departs = true;
    trace.head_id = departure->head_id;
    trace.row = departure->map_row;
    trace.key = departure->key;
  } else {
    trace.first_difference = "none, every value of the run is equal";
  }
  return trace;
}

}  // namespace elicit::teaching
