#include "sim/teaching/label_averaging_trace.h"

#include "sim/teaching/float_comparison.h"
#include "sim/teaching/roles.h"
#include "sim/teaching/show.h"
#include "sim/teaching/views.h"
#include "sim/transformer/forward.h"
#include "sim/transformer/retrieval.h"

#include <fmt/format.h>

#include <stdexcept>

namespace elicit::teaching {

using namespace transformer;

Trace trace_label_averaging(const VectorPrompt& prompt, const LabelAveragingTraceOptions& options) {
  if (!prompt.query) {
    throw std::invalid_argument(
        "label averaging needs a query: end the prompt with its coordinates and ': ?'");
  }
  const auto& examples = prompt.examples;
  const auto& query = *prompt.query;
  const std::size_t n = examples.size();
  const std::size_t k = options.nearest ? static_cast<std::size_t>(*options.nearest) : n;
  if (k < 1 || k > n) {
    throw std::invalid_argument(
        fmt::format("k = {} is out of range: the prompt has {} examples", k, n));
  }
  Trace trace;
  trace.construction = "label-averaging";
  trace.summary.push_back(
      fmt::format("label-averaging (T4): {} labelled examples in d = {} dimension{}, query {}; the "
                  "transformer averages the labels of the examples in its prompt",
                  n, prompt.dimension, prompt.dimension == 1 ? "" : "s", show_vector(query)));
  std::vector<std::size_t> chosen;
  if (options.nearest) {
    trace.summary.push_back(fmt::format(
        "retrieval: the k = {} examples nearest the query by exact squared distance |x - q|² "
        "(ties: the earlier example) make the transformer's prompt",
        k));
    chosen = nearest_examples(examples, query, k);
    Table ranking{"retrieval",
                  "retrieval, nearest first",
                  {"rank", "example", "x", "label", "|x - q|²", "in the prompt"},
                  {}};
    const auto ranked = rank_by_distance(examples, query);
    for (std::size_t r = 0; r < ranked.size(); ++r) {
      const auto& e = examples[ranked[r].index];
      ranking.rows.push_back({std::to_string(r + 1), std::to_string(ranked[r].index + 1),
                              show_vector(e.x), to_string(e.y),
                              to_string(ranked[r].squared_distance), r < k ? "yes" : "no"});
    }
    trace.tables.push_back(std::move(ranking));
  } else {
    trace.summary.push_back(
        "no retrieval (--k K keeps the K nearest examples): every example is in the prompt");
    for (std::size_t j = 0; j < n; ++j) chosen.push_back(j);
  }
  std::vector<LabelledPoint> in_prompt;
  in_prompt.reserve(chosen.size());
  for (std::size_t j : chosen) in_prompt.push_back(examples[j]);

  const Model model = label_averaging_model(prompt.dimension);
  const StreamRows rows = label_averaging_prompt(prompt.dimension, in_prompt, query);
  check_trace_size(model_trace_size(model, rows.size(), 1), "fewer examples (or --k)");
  const auto exact = run_exact(model, rows, trace_run_options());
  const Rational reference = mean_label(in_prompt);
  if (exact.output.at(0) != reference) {
    throw std::logic_error("the label-averaging transformer disagrees with mean_label");
  }

  PassTrace pass;
  pass.id = "run";
  pass.title =
      fmt::format("the transformer on the {} example{} of its prompt", k, k == 1 ? "" : "s");
  pass.tokens.push_back({"BOS", "boundary"});
  for (std::size_t j : chosen) {
    pass.tokens.push_back({fmt::format("x{}={}", j + 1, show_vector(examples[j].x)), "input"});
    pass.tokens.push_back({fmt::format("y{}={}", j + 1, to_string(examples[j].y)), "label"});
  }
  pass.tokens.push_back({"query=" + show_vector(query), "query"});
  pass.query_row = static_cast<int>(rows.size()) - 1;
  std::vector<std::string> labels;
  for (const auto& token : pass.tokens) labels.push_back(token.text);

  LayerTrace layer{"layer 0", {}, std::nullopt, {}, {}};
  const Head& head_model = model.layers[0].heads[0];
  HeadTrace head =
      head_map(exact, 0, 0, head_model.name, labels, pass.query_row, "run-layer0-average");
  head.role = head_role(model.name, head_model.name);
  const auto& weights = head.weights[static_cast<std::size_t>(head.focus_row)];
  std::string sum;
  for (std::size_t j = 0; j < weights.size(); ++j) {
    if (weights[j] == 0) continue;
    head.key_notes[j] = fmt::format("1 = a label row; 1/{} each of the {} tied", k, k);
    sum += fmt::format("{}{}·{}", sum.empty() ? "" : " + ", to_string(weights[j]),
                       to_string(slice(rows[j], model.layout["label"]).at(0)));
  }
  layer.heads.push_back(std::move(head));
  pass.layers.push_back(std::move(layer));
  pass.stream = stream_at(model, rows, exact, pass.query_row, "the query row");
  pass.result.push_back(fmt::format("mean label = {} = {}", sum, to_string(reference)));
  trace.passes.push_back(std::move(pass));
  trace.answers.push_back(exact.output);

  trace.output.push_back(fmt::format("mean label {} (averaging weights 1/{} on the {} label{})",
                                     to_string(reference), k, k, k == 1 ? "" : "s"));
  trace.checks.push_back(fmt::format(
      "equals mean_label of the {} example{} in the prompt (the "
      "reference){}",
      k, k == 1 ? "" : "s", options.nearest ? ", the k nearest by exact squared distance" : ""));
  if (options.compare_float) {
    const auto approx = run<double>(model, rows, trace_run_options());
    const auto departure =
        first_departure(model, rows, exact, approx, static_cast<int>(rows.size()) - 1, labels,
                        {[](int, int, const std::string&) { return "run-layer0-average"; },
                         [](int, int, int row) { return row; }});
    trace.float_comparison =
        float_trace({fmt::format("double precision, same weights: mean label {}",
                                 show_double(approx.output[0]))},
                    departure);
  }
  return trace;
}

}  // namespace elicit::teaching
