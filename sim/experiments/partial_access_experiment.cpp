#include "sim/experiments/partial_access_experiment.h"

#include "sim/engine/exact_error.h"
#include "sim/experiments/counting_replay.h"
#include "sim/sampling/multinomial.h"
#include "sim/transformer/construction_counting.h"

#include <fmt/format.h>

#include <stdexcept>

namespace elicit::experiments {

PartialAccessExperiment::PartialAccessExperiment(CellContext where, int symbols,
                                                 std::int64_t population,
                                                 const targets::TargetSpec& target)
    : where_(where), description_(target.describe()) {
  Stream stream(engine::target_key(where.seed, where.law));
  const auto law = targets::make_distribution(target, static_cast<std::size_t>(symbols), stream);
  fine_tuned_ = targets::Distribution{
      sampling::multinomial_counts(stream, population, law.probabilities()), population};
}

std::vector<std::int64_t> PartialAccessExperiment::subset(std::int64_t n,
                                                          std::uint64_t trial) const {
  if (n > fine_tuned_.total)
    throw std::invalid_argument(fmt::format("|D'| = {} exceeds |D| = {}", n, fine_tuned_.total));
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
  return sampling::subsample_counts(stream, n, fine_tuned_.weights);
}

Rational PartialAccessExperiment::error(std::int64_t n, std::uint64_t trial) const {
  return engine::empirical_error(theory::Metric::tv, subset(n, trial), fine_tuned_);
}

engine::ReplayOutcome PartialAccessExperiment::replay(std::int64_t n, std::uint64_t trial,
                                                      std::int64_t max_tokens) const {
  const auto tokens = prompt_tokens([&] { return checked_add(checked_mul(3, n), 2); });
  if (auto skipped = skip_if_longer(tokens, max_tokens)) return *skipped;
  const auto counts = subset(n, trial);
  Stream stream(engine::replay_key(where_.seed, where_.cell, trial));
  const auto data = examples_of(
      stream, {counts}, [](std::int64_t y) { return std::vector<int>{static_cast<int>(y)}; });
  const transformer::CountingConstruction construction({1, static_cast<int>(counts.size()), 1});
  require_replay_equal(counting_outputs(construction, data, {{0, {}}}).front(), empirical(counts),
                       fmt::format("trial {}", trial));
  return {true, fmt::format("{} tokens, 1 query equal", *tokens)};
}

std::string PartialAccessExperiment::engine() const {
  return fmt::format(
      "D' drawn without replacement from one fixed D (|D| = {}); counting transformer replays; TV",
      fine_tuned_.total);
}

}  // namespace elicit::experiments
