#include "sim/teaching/perceptron_trace.h"

#include "sim/teaching/float_comparison.h"
#include "sim/teaching/roles.h"
#include "sim/teaching/show.h"
#include "sim/teaching/views.h"
#include "sim/transformer/forward.h"

#include <fmt/format.h>

#include <stdexcept>

namespace elicit::teaching {

using namespace transformer;

namespace {

Rational margin(const std::vector<Rational>& w, const LabelledPoint& e) {
  Rational sum = w.back();  // the bias
  for (std::size_t i = 0; i < e.x.size(); ++i) sum += w[i] * e.x[i];
  return e.y * sum;
}

std::string halfspace(const std::vector<Rational>& w) {
  return fmt::format("w = {}, b = {}", show_vector(std::vector<Rational>(w.begin(), w.end() - 1)),
                     to_string(w.back()));
}

// The perceptron's labels are -1 or +1: refuses any other.
void check_labels(const std::vector<LabelledPoint>& examples) {
  for (std::size_t j = 0; j < examples.size(); ++j) {
    if (examples[j].y != 1 && examples[j].y != -1) {
      throw std::invalid_argument(
          fmt::format("item {}'s label is {}: the perceptron's labels are -1 or +1", j + 1,
                      to_string(examples[j].y)));
    }
  }
}

// The loops of the layer up to the cap, one row of `table` each: (w, b) before, the
// margins, the row attention picks, the update, (w, b) after. Returns the (w, b) reached
// and the number of updates.
std::pair<std::vector<Rational>, int> walk_loops(Table& table, const Model& model,
                                                 const StreamRows& rows,
                                                 const RunResult<Rational>& exact,
                                                 const std::vector<LabelledPoint>& examples,
                                                 int cap) {
  const std::size_t n = examples.size();
  const Subspace& w_part = model.layout["w"];
  std::vector<Rational> w = slice(rows[0], w_part);
  int updates = 0;
  for (int loop = 0; loop < exact.loops.at(0); ++loop) {
    const auto& after = stream_after(exact, 0, loop);
    const std::vector<Rational> next = slice(after[0], w_part);
    std::string margins;
    for (std::size_t j = 0; j < n; ++j) {
      margins += (j ? ", " : "") + to_string(margin(w, examples[j]));
    }
    const AttentionRecord<Rational>* record = nullptr;
    for (const auto& r : exact.attention) {
      if (r.layer == 0 && r.loop == loop && r.row == 0) record = &r;
    }
    std::size_t pick = 0;
    while (record->weights.at(pick) == 0) ++pick;
    // Past the cap: the layer's extra pass, meant to confirm a fixed point, would
    // make one update more than allowed; the trace stops, as the reference does.
    if (pick > 0 && updates == cap) break;
    int tied = 0;
    for (const auto& s : record->scores) tied += s == record->scores[pick] ? 1 : 0;
    std::string picked =
        pick == 0 ? "the weight row (score 0): none violated"
                  : fmt::format("example {} (score {}{})", pick, to_string(record->scores[pick]),
                                tied > 1 ? fmt::format(", the latest of {} tied", tied) : "");
    std::string update = "-";
    if (pick > 0) {
      ++updates;
      update = show_vector(slice(rows[pick], model.layout["z"]));
    }
    table.rows.push_back(
        {std::to_string(loop + 1), show_vector(w), margins, picked, update, show_vector(next)});
    w = next;
  }
  return {w, updates};
}

// The pass's results: the halfspace reached, the examples' margins, the query's side.
void add_results(PassTrace& pass, const VectorPrompt& prompt, const std::vector<Rational>& w,
                 bool converged) {
  std::string final_margins;
  bool all_positive = true;
  for (std::size_t j = 0; j < prompt.examples.size(); ++j) {
    const Rational m = margin(w, prompt.examples[j]);
    all_positive = all_positive && m > 0;
    final_margins += fmt::format("{}ex{} {}", j ? ", " : "", j + 1, to_string(m));
  }
  pass.result.push_back(fmt::format("{}: {}, the side of sign(w·x + b)",
                                    converged ? "final halfspace" : "halfspace at the cap",
                                    halfspace(w)));
  pass.result.push_back(fmt::format(
      "margins y(w·x+b): {}: {}", final_margins,
      all_positive ? "all positive, consistent with every example" : "not all positive"));
  if (prompt.query) {
    Rational side = w.back();
    for (int i = 0; i < prompt.dimension; ++i)
      side += w[static_cast<std::size_t>(i)] * (*prompt.query)[static_cast<std::size_t>(i)];
    pass.result.push_back(fmt::format(
        "query {}: w·x + b = {}, so {} (the halfspace's side, read outside the transformer)",
        show_vector(*prompt.query), to_string(side),
        side > 0 ? "+1" : (side < 0 ? "-1" : "on the boundary (0)")));
  }
}

}  // namespace

Trace trace_perceptron(const VectorPrompt& prompt, const PerceptronTraceOptions& options) {
  const auto& examples = prompt.examples;
  check_labels(examples);
  const int d = prompt.dimension;
  const std::size_t n = examples.size();
  const int cap = options.max_updates;

  Trace trace;
  trace.construction = "perceptron";
  trace.summary.push_back(fmt::format(
      "perceptron (T3): {} examples in d = {} dimension{}, labels ±1; one looped layer, run until "
      "nothing is violated, at most {} updates",
      n, d, d == 1 ? "" : "s", cap));
  trace.summary.push_back(
      "rows: the weight row (w, b) = 0 first, then z_j = y_j·(x_j, 1) per example; a key's "
      "score is -w·z_j = -(margin of example j), the weight row's own is 0");

  const Model model = perceptron_model(d, cap);
  const StreamRows rows = perceptron_prompt(d, examples);
  // The reference first (cheap): its updates say how many loops the trace records.
  const auto reference = perceptron_reference(examples, cap);
  check_trace_size(model_trace_size(model, rows.size(), static_cast<double>(reference.updates) + 1),
                   "fewer examples or a lower --max-updates");
  const auto exact = run_exact(model, rows, trace_run_options());

  PassTrace pass;
  pass.id = "run";
  pass.title = "the transformer: one looped layer";
  pass.tokens.push_back({"(w, b)", "weights"});
  std::vector<std::string> labels = {"w"};
  for (std::size_t j = 0; j < n; ++j) {
    pass.tokens.push_back(
        {fmt::format("z{}={}", j + 1, show_vector(slice(rows[j + 1], model.layout["z"]))),
         "input"});
    labels.push_back(fmt::format("ex{}", j + 1));
  }
  pass.query_row = 0;
  pass.query_row_name = "the weight row";

  const Head& head_model = model.layers[0].heads[0];
  LayerTrace layer{fmt::format("layer 0 (looped: {} loop{})", exact.loops.at(0),
                               exact.loops.at(0) == 1 ? "" : "s"),
                   {},
                   std::nullopt,
                   {},
                   {}};
  HeadTrace head = head_over_loops(exact, 0, head_model.name, labels, 0, "run-layer0-loops");
  head.role = head_role(model.name, head_model.name);
  layer.heads.push_back(std::move(head));

  Table loops{"perceptron-loops",
              "",
              {"loop", "(w, b) before", "margins y(w·x+b)", "attention picks", "update y·(x, 1)",
               "(w, b) after"},
              {}};
  const auto [w, updates] = walk_loops(loops, model, rows, exact, examples, cap);
  layer.tables.push_back(std::move(loops));

  if (w != reference.weights || updates != reference.updates) {
    throw std::logic_error("the looped perceptron disagrees with perceptron_reference");
  }
  if (reference.converged) {
    if (exact.output != reference.weights || exact.loops.at(0) != reference.updates + 1) {
      throw std::logic_error("the looped perceptron disagrees with perceptron_reference");
    }
    layer.notes.push_back(fmt::format(
        "fixed point after {} update{}: every margin is positive, so the weight row's own key "
        "(score 0) beats every example (scores < 0) and the stream stops changing",
        updates, updates == 1 ? "" : "s"));
  } else {
    layer.notes.push_back(fmt::format(
        "cap reached: {} updates and an example is still violated (the layer's extra pass, "
        "meant to confirm a fixed point, made one more update: its readout is {})",
        cap, show_vector(exact.output)));
  }
  pass.layers.push_back(std::move(layer));
  pass.stream = stream_at(model, rows, exact, 0, "the weight row");
  add_results(pass, prompt, w, reference.converged);
  trace.passes.push_back(std::move(pass));
  trace.answers.push_back(w);

  trace.output.push_back(fmt::format("{} after {} update{}{}", halfspace(w), updates,
                                     updates == 1 ? "" : "s",
                                     reference.converged ? "" : " (not converged)"));
  trace.checks.push_back(fmt::format(
      "equals perceptron_reference (the most-violated perceptron): same (w, b), same {} update{}",
      updates, updates == 1 ? "" : "s"));
  if (options.compare_float) {
    const auto approx = run<double>(model, rows, trace_run_options());
    const auto departure =
        first_departure(model, rows, exact, approx, 0, labels,
                        {[](int, int, const std::string&) { return "run-layer0-loops"; },
                         [](int, int loop, int row) { return row == 0 ? loop : -1; }});
    std::vector<double> wb(approx.output.begin(), approx.output.end());
    trace.float_comparison =
        float_trace({fmt::format("double precision, same weights: (w, b) = {} after {} loops",
                                 show_doubles(wb), approx.loops.at(0))},
                    departure);
  }
  return trace;
}

}  // namespace elicit::teaching
