#include "sim/experiments/contexts_experiment.h"

#include "sim/engine/exact_error.h"
#include "sim/engine/failure_curve_within.h"
#include "sim/engine/run_settings.h"
#include "sim/experiments/counting_replay.h"
#include "sim/sampling/growing_counts.h"
#include "sim/sampling/multinomial.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>

namespace elicit::experiments {

using transformer::CountingConstruction;
using transformer::CountingQuery;

ContextsExperiment::ContextsExperiment(CellContext where, int contexts, int symbols,
                                       const targets::TargetSpec& target, theory::Metric metric)
    : where_(where), metric_(metric), description_(target.describe()) {
  Stream stream(engine::target_key(where.seed, where.law));
  for (int i = 0; i < contexts; ++i) {
    laws_.push_back(targets::make_distribution(target, static_cast<std::size_t>(symbols), stream));
    samplers_.emplace_back(laws_.back().probabilities());
  }
}

ContextsExperiment::ContextsExperiment(CellContext where, std::vector<targets::Distribution> laws,
                                       theory::Metric metric)
    : where_(where), metric_(metric), description_("given laws"), laws_(std::move(laws)) {
  for (const auto& law : laws_) samplers_.emplace_back(law.probabilities());
}

std::vector<std::vector<std::int64_t>> ContextsExperiment::counts(std::int64_t n,
                                                                  std::uint64_t trial) const {
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
  std::vector<std::vector<std::int64_t>> out;
  for (const auto& sampler : samplers_) out.push_back(sampler.counts(stream, n));
  return out;
}

Rational ContextsExperiment::error(std::int64_t n, std::uint64_t trial) const {
  const auto all = counts(n, trial);
  Rational worst = 0;
  for (std::size_t i = 0; i < all.size(); ++i)
    worst = std::max(worst, engine::empirical_error(metric_, all[i], laws_[i]));
  return worst;
}

bool ContextsExperiment::fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const {
  const auto all = counts(n, trial);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (engine::empirical_error_exceeds(metric_, all[i], laws_[i], eps)) return true;
  }
  return false;
}

namespace {

// The L1 tolerance a metric's eps means (TV = L1/2), when it is one.
std::optional<Rational> l1_tolerance(theory::Metric metric, const Rational& eps) {
  if (metric == theory::Metric::l1) return eps;
  if (metric == theory::Metric::tv) return 2 * eps;
  return std::nullopt;
}

bool fits_int64(const Integer& value) { return value <= std::numeric_limits<std::int64_t>::max(); }

}  // namespace

bool ContextsExperiment::nested() const { return l1_tolerance(metric_, 1).has_value(); }

std::vector<engine::TrialFailure> ContextsExperiment::failures_over(std::int64_t first,
                                                                    std::int64_t last,
                                                                    std::uint64_t trial,
                                                                    const Rational& eps) const {
  const auto tolerance = l1_tolerance(metric_, eps);
  if (!tolerance || !fits_int64(numerator(*tolerance)) || !fits_int64(denominator(*tolerance)))
    return Experiment::failures_over(first, last, trial, eps);
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
  std::vector<sampling::GrowingCounts> grown;
  try {
    for (std::size_t i = 0; i < laws_.size(); ++i) {
      // The limit is the largest size of any cell, not `last`: whether 128 bits suffice
      // must not depend on how far a caller grows the dataset.
      grown.emplace_back(laws_[i].weights, laws_[i].total, samplers_[i].counts(stream, first),
                         numerator(*tolerance).convert_to<std::int64_t>(),
                         denominator(*tolerance).convert_to<std::int64_t>(),
                         engine::kLargestSampleSize, last);
    }
  } catch (const std::overflow_error&) {
    return Experiment::failures_over(first, last, trial, eps);
  }
  std::vector<engine::TrialFailure> out;
  out.reserve(static_cast<std::size_t>(last - first + 1));
  for (std::int64_t n = first;; ++n) {
    bool failed = false;
    for (const auto& g : grown) failed = failed || g.exceeds();
    out.push_back({failed, failed});
    if (n == last) break;
    for (std::size_t i = 0; i < grown.size(); ++i) grown[i].add(samplers_[i].draw(stream));
  }
  return out;
}

std::optional<std::vector<engine::CurvePoint>> ContextsExperiment::exact_failure_curve(
    const Rational& eps, std::int64_t first, std::int64_t last, double work_limit) const {
  const auto tolerance = l1_tolerance(metric_, eps);
  if (!tolerance || *tolerance >= 2) return std::nullopt;
  return engine::failure_curve_within(laws_, *tolerance, first, last, work_limit);
}

engine::ReplayOutcome ContextsExperiment::replay(std::int64_t n, std::uint64_t trial,
                                                 std::int64_t max_tokens) const {
  const auto m = static_cast<std::int64_t>(laws_.size());
  const auto tokens =
      prompt_tokens([&] { return checked_add(checked_mul(3, checked_mul(m, n)), 2); });
  if (auto skipped = skip_if_longer(tokens, max_tokens)) return *skipped;
  const auto all = counts(n, trial);
  Stream stream(engine::replay_key(where_.seed, where_.cell, trial));
  const auto data = examples_of(
      stream, all, [](std::int64_t y) { return std::vector<int>{static_cast<int>(y)}; });
  const CountingConstruction construction(
      {static_cast<int>(m), static_cast<int>(laws_[0].size()), 1});
  std::vector<CountingQuery> queries;
  for (std::size_t i = 0; i < all.size(); ++i) queries.push_back({static_cast<int>(i), {}});
  const auto outputs = counting_outputs(construction, data, queries);
  for (std::size_t i = 0; i < all.size(); ++i) {
    require_replay_equal(outputs[i], empirical(all[i]),
                         fmt::format("trial {} context {}", trial, i));
  }
  return {true, fmt::format("{} tokens, {} {} equal", *tokens, m, m == 1 ? "query" : "queries")};
}

std::string ContextsExperiment::engine() const {
  return "counts (multinomial: conditional binomials, or n draws when fewer); counting "
         "transformer replays; " +
         std::string(theory::metric_name(metric_));
}

}  // namespace elicit::experiments
