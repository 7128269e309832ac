#include "sim/experiments/support_subset_experiment.h"

#include "sim/experiments/counting_replay.h"

#include <fmt/format.h>

#include <stdexcept>

namespace elicit::experiments {
namespace {

HalfspaceSettings source_settings(const SupportSubsetSettings& s) {
  if (s.inputs.dimension > SupportSubsetExperiment::kMaxDimension)
    throw std::invalid_argument(fmt::format("T3 subset: dimension must be <= {} (got {})",
                                            SupportSubsetExperiment::kMaxDimension,
                                            s.inputs.dimension));
  HalfspaceSettings h;
  h.inputs = s.inputs;
  h.placement = s.placement;
  h.margin = s.margin;
  h.max_updates = s.max_updates;
  return h;
}

}  // namespace

SupportSubsetExperiment::SupportSubsetExperiment(CellContext where,
                                                 const SupportSubsetSettings& settings)
    : settings_(settings), source_(where, source_settings(settings)) {}

std::vector<transformer::LabelledPoint> SupportSubsetExperiment::dataset(
    const HalfspaceExperiment::Sample& data) const {
  std::vector<transformer::LabelledPoint> points;
  for (std::size_t j = 0; j < data.points.size(); ++j)
    points.push_back({source_.inputs().exact(data.points[j]), Rational(data.labels[j])});
  return points;
}

SupportSubsetExperiment::Outcome SupportSubsetExperiment::outcome(std::int64_t n,
                                                                  std::uint64_t trial) const {
  if (n < 1 || n > kMaxExamples)
    throw std::invalid_argument(
        fmt::format("T3 subset: n must be in [1, {}] (got {})", kMaxExamples, n));
  const auto data = source_.sample(n, trial);
  Outcome out{check_support_subset(dataset(data)), std::nullopt, 0};
  if (settings_.learner == SubsetLearner::max_margin) {
    out.disagreements = out.check.disagreements;
    return out;
  }
  std::vector<targets::GridPoint> points;
  std::vector<int> labels;
  for (auto i : out.check.full.basis) {
    points.push_back(data.points[i]);
    labels.push_back(data.labels[i]);
  }
  out.perceptron =
      scaled_perceptron(points, labels, source_.inputs().scale(), settings_.max_updates);
  for (std::size_t j = 0; j < data.points.size(); ++j) {
    const int side =
        scaled_side(out.perceptron->scaled, data.points[j], source_.inputs().scale()) > 0 ? 1 : -1;
    out.disagreements += side == data.labels[j] ? 0 : 1;
  }
  return out;
}

Rational SupportSubsetExperiment::error(std::int64_t n, std::uint64_t trial) const {
  return Rational(outcome(n, trial).disagreements, n);
}

bool SupportSubsetExperiment::fails(std::int64_t n, std::uint64_t trial,
                                    const Rational& eps) const {
  const Outcome o = outcome(n, trial);
  if (o.perceptron && !o.perceptron->converged) return true;  // stopped at its cap
  return Rational(o.disagreements, n) > eps;
}

std::vector<engine::TrialFact> SupportSubsetExperiment::trial_facts(std::int64_t n,
                                                                    std::uint64_t trial) const {
  const Outcome o = outcome(n, trial);
  std::vector<engine::TrialFact> facts = {
      {"subset_separator_differs", Rational(o.check.same_separator ? 0 : 1), true}};
  if (o.perceptron)
    facts.push_back({"perceptron_cap_hits", Rational(o.perceptron->converged ? 0 : 1), true});
  return facts;
}

engine::ReplayOutcome SupportSubsetExperiment::replay(std::int64_t n, std::uint64_t trial,
                                                      std::int64_t max_tokens) const {
  if (settings_.learner == SubsetLearner::max_margin)
    return {false,
            "no transformer construction for the max-margin separator (exact direct "
            "computation)"};
  const Outcome o = outcome(n, trial);
  const auto tokens = static_cast<std::int64_t>(o.check.full.basis.size()) + 1;
  if (auto skipped = skip_if_longer(tokens, max_tokens)) return *skipped;
  const auto all = dataset(source_.sample(n, trial));
  std::vector<transformer::LabelledPoint> subset;
  for (auto i : o.check.full.basis) subset.push_back(all[i]);
  require_perceptron_replay(subset, *o.perceptron, settings_.max_updates,
                            fmt::format("trial {}", trial));
  return {true, fmt::format("{} rows (the support subset), {} perceptron updates, weights equal",
                            tokens, o.perceptron->updates)};
}

std::string SupportSubsetExperiment::engine() const {
  return settings_.learner == SubsetLearner::max_margin
             ? "exact max-margin separator (KKT over subsets of size <= d+1) of D and of its "
               "support basis alone; mistakes on D"
             : fmt::format(
                   "most-violated perceptron on the max-margin support basis of D (at most {} "
                   "updates; a run that reaches the cap counts as a failure; looped "
                   "transformer replays); mistakes on D",
                   settings_.max_updates);
}

}  // namespace elicit::experiments
