#include "sim/teaching/gradient_descent_trace.h"

#include "sim/teaching/float_comparison.h"
#include "sim/teaching/roles.h"
#include "sim/teaching/show.h"
#include "sim/teaching/views.h"
#include "sim/transformer/forward.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace elicit::teaching {

using namespace transformer;

namespace {

Rational dot(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  Rational sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

std::string equal_word(bool equal) { return equal ? "equal" : "DIFFERENT"; }

// The layer's heads as attention maps with notes: the residual head's residuals after
// the layer, at the examples; the prediction head's addition from each example's key.
void explain_heads(LayerTrace& view, const Model& model, const RunResult<Rational>& exact,
                   int layer, const std::vector<std::string>& labels, const StreamRows& rows,
                   int n) {
  const Layout& layout = model.layout;
  const auto& before = layer == 0 ? rows : stream_after(exact, layer - 1);
  const auto& after = stream_after(exact, layer);
  for (const Head& head_model : model.layers[static_cast<std::size_t>(layer)].heads) {
    const bool residuals = head_model.name == "update residuals";
    HeadTrace head =
        head_map(exact, layer, 0, head_model.name, labels, n,
                 fmt::format("run-layer{}-{}", layer, residuals ? "residuals" : "prediction"));
    head.role = head_role(model.name, head_model.name);
    if (residuals) {
      head.focus_row = -1;  // it reads nothing at the query row: its work is at the examples
      std::vector<Rational> r;
      r.reserve(static_cast<std::size_t>(n));
      for (int j = 0; j < n; ++j) {
        r.push_back(slice(after[static_cast<std::size_t>(j)], layout["residual"]).at(0));
      }
      head.notes.push_back(fmt::format(
          "at the examples (the query row has x_example = 0, so nothing): residuals after the "
          "layer r = {}",
          show_vector(r)));
    } else {
      const auto& weights = head.weights[static_cast<std::size_t>(head.focus_row)];
      for (int j = 0; j < n; ++j) {
        const Rational r = slice(before[static_cast<std::size_t>(j)], layout["residual"]).at(0);
        head.key_notes[static_cast<std::size_t>(j)] = fmt::format(
            "x_q·x_{} = {}; × r_{} = {} adds {}", j + 1,
            to_string(
                head.scores[static_cast<std::size_t>(head.focus_row)][static_cast<std::size_t>(j)]),
            j + 1, to_string(r), to_string(weights[static_cast<std::size_t>(j)] * r));
      }
    }
    view.heads.push_back(std::move(head));
  }
}

}  // namespace

Trace trace_gradient_descent(const VectorPrompt& prompt,
                             const GradientDescentTraceOptions& options) {
  if (!prompt.query) {
    throw std::invalid_argument(
        "gradient descent needs a query: end the prompt with its coordinates and ': ?'");
  }
  const auto& examples = prompt.examples;
  const auto& query = *prompt.query;
  const int n = static_cast<int>(examples.size());
  const int d = prompt.dimension;
  const int steps = options.steps;
  const Rational& eta = options.eta;
  const Rational rate = eta / n;

  Trace trace;
  trace.construction = "gd";
  trace.summary.push_back(fmt::format(
      "gd (T1): N = {} examples in d = {} dimension{}, query {}; K = {} linear-attention layer{} "
      "= {} step{} of gradient descent from w_0 = 0 with η = {} on L(w) = (1/2N) Σ_j (w·x_j - "
      "y_j)²",
      n, d, d == 1 ? "" : "s", show_vector(query), steps, steps == 1 ? "" : "s", steps,
      steps == 1 ? "" : "s", to_string(eta)));
  trace.summary.push_back(fmt::format(
      "rows: one per example (x_j, residual r_j = y_j - w_0·x_j = y_j), then the query (x_q, "
      "prediction 0); every head's weight is (η/N)·score = {}·score",
      to_string(rate)));

  const Model model = gradient_descent_model(d, steps, eta, n);
  const StreamRows rows = gradient_descent_prompt(d, examples, query);
  check_trace_size(model_trace_size(model, rows.size(), 1), "fewer examples or fewer --steps");
  const auto exact = run_exact(model, rows, trace_run_options());
  std::optional<RunResult<double>> approx;
  if (options.compare_float) approx = run<double>(model, rows, trace_run_options());
  const auto explicit_weights = gradient_descent_weights(examples, d, steps, eta);

  PassTrace pass;
  pass.id = "run";
  pass.title = fmt::format("the transformer: {} layer{}", steps, steps == 1 ? "" : "s");
  for (int j = 0; j < n; ++j) {
    const auto& e = examples[static_cast<std::size_t>(j)];
    pass.tokens.push_back(
        {fmt::format("x{}={} y={}", j + 1, show_vector(e.x), to_string(e.y)), "input"});
  }
  pass.tokens.push_back({"query=" + show_vector(query), "query"});
  pass.query_row = n;
  std::vector<std::string> labels;
  labels.reserve(static_cast<std::size_t>(n) + 1);
  for (int j = 0; j < n; ++j) labels.push_back(fmt::format("ex{}", j + 1));
  labels.push_back("query");

  const Layout& layout = model.layout;
  std::vector<Rational> w(static_cast<std::size_t>(d), Rational(0));
  Table summary{"gd-steps",
                "the implicit weights beside explicit gradient descent",
                {"step t", "implicit w_t", "explicit w_t", "prediction w_t·x_q",
                 "gradient_descent_prediction"},
                {}};
  if (approx) summary.header.push_back("double prediction");
  for (int t = 1; t <= steps; ++t) {
    const int layer = t - 1;
    const auto& before = layer == 0 ? rows : stream_after(exact, layer - 1);
    const auto& after = stream_after(exact, layer);
    LayerTrace view{fmt::format("layer {} = GD step {}", layer, t), {}, std::nullopt, {}, {}};
    explain_heads(view, model, exact, layer, labels, rows, n);
    // The implicit weights: the step the heads took, read from the stream.
    for (int j = 0; j < n; ++j) {
      const auto& row = before[static_cast<std::size_t>(j)];
      const Rational r = slice(row, layout["residual"]).at(0);
      const auto x = slice(row, layout["x_example"]);
      for (int i = 0; i < d; ++i)
        w[static_cast<std::size_t>(i)] += rate * r * x[static_cast<std::size_t>(i)];
    }
    const auto& explicit_w = explicit_weights[static_cast<std::size_t>(t)];
    const Rational prediction =
        slice(after[static_cast<std::size_t>(n)], layout["prediction"]).at(0);
    const Rational reference = gradient_descent_prediction(examples, query, t, eta);
    bool residuals_agree = true;
    for (int j = 0; j < n; ++j) {
      const auto& e = examples[static_cast<std::size_t>(j)];
      residuals_agree =
          residuals_agree &&
          slice(after[static_cast<std::size_t>(j)], layout["residual"]).at(0) == e.y - dot(w, e.x);
    }
    if (w != explicit_w || prediction != dot(w, query) || prediction != reference ||
        !residuals_agree) {
      throw std::logic_error(
          fmt::format("the GD transformer disagrees with explicit gradient descent at step {}", t));
    }
    view.notes.push_back(fmt::format(
        "implicit w_{} = w_{} + (η/N) Σ_j r_j x_j = {}   explicit GD w_{} = {}: {}", t, t - 1,
        show_vector(w), t, show_vector(explicit_w), equal_word(w == explicit_w)));
    view.notes.push_back(fmt::format(
        "prediction at the query w_{}·x_q = {}   gradient_descent_prediction with {} step{} = {}: "
        "{}; residuals r_j = y_j - w_{}·x_j: {}",
        t, to_string(prediction), t, t == 1 ? "" : "s", to_string(reference),
        equal_word(prediction == reference), t, equal_word(residuals_agree)));
    std::vector<std::string> row = {std::to_string(t), show_vector(w), show_vector(explicit_w),
                                    to_string(prediction), to_string(reference)};
    if (approx) {
      const double p = approx->streams.at(static_cast<std::size_t>(layer))
                           .rows.at(static_cast<std::size_t>(n))
                           .at(static_cast<std::size_t>(layout["prediction"].offset));
      view.notes.push_back("double precision: prediction " + show_double_against(p, prediction));
      row.push_back(show_double_against(p, prediction));
    }
    summary.rows.push_back(std::move(row));
    pass.layers.push_back(std::move(view));
  }
  pass.tables.push_back(std::move(summary));
  pass.stream = stream_at(model, rows, exact, n, "the query row");
  trace.passes.push_back(std::move(pass));
  trace.answers.push_back(exact.output);

  trace.output.push_back(fmt::format("prediction {} = w_{}·x_q with w_{} = {}",
                                     to_string(exact.output.at(0)), steps, steps, show_vector(w)));
  trace.checks.push_back(fmt::format(
      "after every layer the implicit weights equal gradient_descent_weights and the prediction "
      "equals gradient_descent_prediction ({} step{} checked)",
      steps, steps == 1 ? "" : "s"));
  if (approx) {
    const auto departure = first_departure(
        model, rows, exact, *approx, n, labels,
        {[](int layer, int, const std::string& head) {
           return fmt::format("run-layer{}-{}", layer,
                              head == "update residuals" ? "residuals" : "prediction");
         },
         [](int, int, int row) { return row; }});
    trace.float_comparison =
        float_trace({"double precision, same weights: prediction " +
                     show_double_against(approx->output.at(0), exact.output.at(0))},
                    departure);
  }
  return trace;
}

}  // namespace elicit::teaching
