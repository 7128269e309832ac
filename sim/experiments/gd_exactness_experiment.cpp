#include "sim/experiments/gd_exactness_experiment.h"

#include "sim/experiments/counting_replay.h"
#include "sim/transformer/forward.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>

namespace elicit::experiments {
namespace {

targets::InputLawSpec one_coordinate(targets::InputLawSpec spec) {
  spec.dimension = 1;
  return spec;
}

void check_settings(const GdExactnessSettings& s) {
  if (s.steps < 1 || s.steps > GdExactnessExperiment::kMaxSteps)
    throw std::invalid_argument(fmt::format("T1: K must be in [1, {}] (got {})",
                                            GdExactnessExperiment::kMaxSteps, s.steps));
  if (s.eta <= 0) throw std::invalid_argument("T1: eta must be > 0");
  if (s.queries < 1 || s.queries > GdExactnessExperiment::kMaxQueries)
    throw std::invalid_argument(fmt::format("T1: the number of queries must be in [1, {}]",
                                            GdExactnessExperiment::kMaxQueries));
}

}  // namespace

GdExactnessExperiment::GdExactnessExperiment(CellContext where, const GdExactnessSettings& settings)
    : where_(where),
      settings_(settings),
      law_(settings.inputs),
      noise_(one_coordinate(settings.inputs)) {
  check_settings(settings);
  Stream stream(engine::target_key(where.seed, where.law));
  teacher_ = law_.exact(law_.draw(stream));
}

GdExactnessExperiment::Instance GdExactnessExperiment::instance(std::int64_t n,
                                                                std::uint64_t trial) const {
  if (n < 1 || n > kMaxExamples)
    throw std::invalid_argument(fmt::format("T1: N must be in [1, {}] (got {})", kMaxExamples, n));
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
  Instance out;
  out.examples.resize(static_cast<std::size_t>(n));
  for (auto& e : out.examples) {
    e.x = law_.exact(law_.draw(stream));
    e.y = noise_.exact(noise_.draw(stream))[0];
    for (std::size_t i = 0; i < e.x.size(); ++i) e.y += teacher_[i] * e.x[i];
  }
  for (int q = 0; q < settings_.queries; ++q) out.queries.push_back(law_.exact(law_.draw(stream)));
  return out;
}

GdComparison GdExactnessExperiment::comparison(std::int64_t n, std::uint64_t trial) const {
  const Instance i = instance(n, trial);
  return compare_gd(i.examples, i.queries, settings_.steps, settings_.eta);
}

Rational GdExactnessExperiment::error(std::int64_t n, std::uint64_t trial) const {
  const GdComparison c = comparison(n, trial);
  return settings_.measure == GdMeasure::exact_difference ? c.largest_exact_difference
                                                          : c.largest_drift;
}

std::vector<engine::TrialFact> GdExactnessExperiment::trial_facts(std::int64_t n,
                                                                  std::uint64_t trial) const {
  const GdComparison c = comparison(n, trial);
  return {{"largest_exact_difference", c.largest_exact_difference, false},
          {"largest_double_drift", c.largest_drift, false},
          {"drifting_predictions", Rational(c.drifting), true}};
}

void require_gd_replay(const std::vector<transformer::LabelledPoint>& examples,
                       const std::vector<std::vector<Rational>>& queries, int steps,
                       const Rational& eta, const std::vector<Rational>& expected,
                       const std::string& what) {
  const int d = static_cast<int>(examples.front().x.size());
  const auto model =
      transformer::gradient_descent_model(d, steps, eta, static_cast<int>(examples.size()));
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const Rational icl =
        transformer::run_exact(model, transformer::gradient_descent_prompt(d, examples, queries[q]))
            .output.at(0);
    if (icl != expected.at(q))
      throw engine::ReplayMismatch(
          fmt::format("{} query {}: the {}-layer transformer predicts {}, the fine-tuned head {}",
                      what, q, steps, to_string(icl), to_string(expected.at(q))));
  }
}

engine::ReplayOutcome GdExactnessExperiment::replay(std::int64_t n, std::uint64_t trial,
                                                    std::int64_t max_tokens) const {
  const std::int64_t tokens = n + 1;  // one row per example, then the query
  if (auto skipped = skip_if_longer(tokens, max_tokens)) return *skipped;
  const Instance i = instance(n, trial);
  std::vector<Rational> heads;
  for (const auto& query : i.queries) {
    heads.push_back(transformer::gradient_descent_prediction(i.examples, query, settings_.steps,
                                                             settings_.eta));
  }
  require_gd_replay(i.examples, i.queries, settings_.steps, settings_.eta, heads,
                    fmt::format("trial {}", trial));
  return {true, fmt::format("{} rows, {} queries: transformer == {} GD steps", tokens,
                            i.queries.size(), settings_.steps)};
}

std::string GdExactnessExperiment::engine() const {
  return fmt::format(
      "K = {} exact GD steps (eta = {}) against the {}-layer linear-attention transformer, "
      "exact and double; {} over {} queries",
      settings_.steps, to_string(settings_.eta), settings_.steps,
      name_of(kGdMeasureNames, settings_.measure), settings_.queries);
}

std::string GdExactnessExperiment::target_description() const {
  std::vector<std::string> w;
  for (const auto& c : teacher_) w.push_back(to_string(c));
  return fmt::format("y = w*.x + e, w* = ({}), x and e from {}", fmt::join(w, ", "),
                     law_.spec().describe());
}

engine::TargetLaw GdExactnessExperiment::target_law() const {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const auto& c : teacher_) {
    for (unsigned char ch : to_string(c) + ";") h = (h ^ ch) * 0x100000001b3ULL;
  }
  return {fmt::format("{:016x}", h), {teacher_}};
}

}  // namespace elicit::experiments
