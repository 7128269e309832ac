#include "sim/experiments/gd_exactness.h"

#include "sim/engine/setting_error.h"
#include "sim/transformer/forward.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace elicit::experiments {

using transformer::LabelledPoint;

GdComparison compare_gd(const std::vector<LabelledPoint>& examples,
                        const std::vector<std::vector<Rational>>& queries, int steps,
                        const Rational& eta) {
  if (examples.empty()) throw std::invalid_argument("compare_gd: the dataset is empty");
  if (eta <= 0) throw std::invalid_argument("compare_gd: eta must be > 0");
  const int d = static_cast<int>(examples.front().x.size());
  const int n = static_cast<int>(examples.size());
  const transformer::Model model = transformer::gradient_descent_model(d, steps, eta, n);
  GdComparison c;
  c.dimension = d;
  c.examples = n;
  c.steps = steps;
  double drift_sum = 0;
  for (const auto& query : queries) {
    const auto prompt = transformer::gradient_descent_prompt(d, examples, query);
    const Rational reference =
        transformer::gradient_descent_prediction(examples, query, steps, eta);
    const Rational exact = transformer::run_exact(model, prompt).output.at(0);
    const double floating = transformer::run<double>(model, prompt).output.at(0);
    // An overflowed double has no exact value (GMP stops the process with SIGFPE when
    // asked for one), and its drift no meaning: the setting is the user's to change.
    if (!std::isfinite(floating)) {
      throw engine::SettingError(
          "eta", fmt::format("the double-precision run's prediction is {} (it overflowed) at "
                             "K = {}, eta = {}: lower eta, K or the inputs",
                             floating, steps, to_string_brief(eta)));
    }
    const Rational difference = abs(exact - reference);
    const Rational drift = abs(Rational(floating) - exact);  // a double is a rational: exact
    ++c.predictions;
    c.exact_differences += difference != 0 ? 1 : 0;
    c.largest_exact_difference = std::max(c.largest_exact_difference, difference);
    c.drifting += drift != 0 ? 1 : 0;
    c.largest_drift = std::max(c.largest_drift, drift);
    drift_sum += to_double(drift);
  }
  c.mean_drift = c.predictions > 0 ? drift_sum / static_cast<double>(c.predictions) : 0;
  return c;
}

void merge_into(GdComparison& total, const GdComparison& part) {
  const double weighted = total.mean_drift * static_cast<double>(total.predictions) +
                          part.mean_drift * static_cast<double>(part.predictions);
  total.dimension = part.dimension;
  total.examples = part.examples;
  total.steps = part.steps;
  total.predictions += part.predictions;
  total.exact_differences += part.exact_differences;
  total.largest_exact_difference =
      std::max(total.largest_exact_difference, part.largest_exact_difference);
  total.drifting += part.drifting;
  total.largest_drift = std::max(total.largest_drift, part.largest_drift);
  total.mean_drift = total.predictions > 0 ? weighted / static_cast<double>(total.predictions) : 0;
}

std::int64_t GdGridReport::exact_differences() const {
  std::int64_t total = 0;
  for (const auto& c : cells) total += c.exact_differences;
  return total;
}

GdGridReport gd_exactness_grid(const GdGridSettings& settings) {
  GdGridReport report;
  targets::InputLawSpec label_spec = settings.inputs;
  label_spec.dimension = 1;
  const targets::InputLaw label_law(label_spec);
  std::uint64_t cell = 0;
  for (const int d : settings.dimensions) {
    targets::InputLawSpec spec = settings.inputs;
    spec.dimension = d;
    const targets::InputLaw law(spec);
    for (const int n : settings.examples) {
      for (const int steps : settings.steps) {
        GdComparison total;
        for (int instance = 0; instance < settings.datasets; ++instance) {
          Stream stream({settings.seed, cell, static_cast<std::uint64_t>(instance)});
          std::vector<LabelledPoint> examples(static_cast<std::size_t>(n));
          for (auto& e : examples) {
            e.x = law.exact(law.draw(stream));
            e.y = label_law.exact(label_law.draw(stream))[0];
          }
          std::vector<std::vector<Rational>> queries;
          queries.reserve(static_cast<std::size_t>(std::max(settings.queries, 0)));
          for (int q = 0; q < settings.queries; ++q) queries.push_back(law.exact(law.draw(stream)));
          merge_into(total, compare_gd(examples, queries, steps, settings.eta));
        }
        if (!report.first_drift && total.drifting > 0) report.first_drift = report.cells.size();
        report.cells.push_back(total);
        ++cell;
      }
    }
  }
  return report;
}

}  // namespace elicit::experiments
