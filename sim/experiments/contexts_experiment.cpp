#include "sim/experiments/contexts_experiment.h"

#include "sim/engine/exact_error.h"
#include "sim/experiments/counting_replay.h"
#include "sim/sampling/multinomial.h"

#include <fmt/format.h>

#include <algorithm>

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
