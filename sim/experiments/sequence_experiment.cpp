#include "sim/experiments/sequence_experiment.h"

#include "sim/engine/exact_error.h"
#include "sim/experiments/counting_replay.h"
#include "sim/transformer/construction_counting.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace elicit::experiments {
namespace {

using transformer::CountingConstruction;
using transformer::CountingQuery;

targets::Distribution sequence_law(CellContext where, int symbols, int length,
                                   const targets::TargetSpec& target) {
  std::int64_t sequences = 1;
  for (int t = 0; t < length; ++t) {
    sequences *= symbols;
    if (sequences > SequenceExperiment::kMaxSequences)
      throw std::invalid_argument("V^l above 2^22 sequences");
  }
  Stream stream(engine::target_key(where.seed, where.law));
  return targets::make_sequence_distribution(target, symbols, length, stream);
}

}  // namespace

SequenceExperiment::SequenceExperiment(CellContext where, int symbols, int length,
                                       const targets::TargetSpec& target, theory::Metric metric)
    : where_(where),
      symbols_(symbols),
      length_(length),
      metric_(metric),
      uniform_(target.kind == targets::TargetKind::uniform),
      description_(target.describe()),
      law_(sequence_law(where, symbols, length, target)),
      sampler_(law_.probabilities()) {}

std::vector<std::int64_t> SequenceExperiment::counts(std::int64_t n, std::uint64_t trial) const {
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
  return sampler_.counts(stream, n);
}

std::vector<int> SequenceExperiment::decode(std::int64_t index) const {
  std::vector<int> outputs(static_cast<std::size_t>(length_));
  for (int t = length_ - 1; t >= 0; --t, index /= symbols_) {
    outputs[static_cast<std::size_t>(t)] = static_cast<int>(index % symbols_);
  }
  return outputs;
}

Rational SequenceExperiment::error(std::int64_t n, std::uint64_t trial) const {
  return engine::empirical_error(metric_, counts(n, trial), law_);
}

bool SequenceExperiment::fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const {
  return engine::empirical_error_exceeds(metric_, counts(n, trial), law_, eps);
}

std::vector<engine::NamedValue> SequenceExperiment::facts_at(std::int64_t n,
                                                             const Rational&) const {
  if (metric_ != theory::Metric::l1 || !uniform_) return {};
  const Rational floor = 2 * (1 - Rational(n, sequences()));
  if (floor <= 0) return {};
  return {{"l1_floor", floor}};
}

engine::ReplayOutcome SequenceExperiment::replay(std::int64_t n, std::uint64_t trial,
                                                 std::int64_t max_tokens) const {
  const auto tokens =
      prompt_tokens([&] { return checked_add(checked_mul(n, length_ + 2), length_ + 2); });
  if (auto skipped = skip_if_longer(tokens, max_tokens)) return *skipped;
  const auto all = counts(n, trial);
  Stream stream(engine::replay_key(where_.seed, where_.cell, trial));
  const auto data = examples_of(stream, {all}, [&](std::int64_t index) { return decode(index); });
  const CountingConstruction construction({1, symbols_, length_});
  // Every prefix of the first few examples: the chain of conditionals whose product
  // is p̂(sequence) = count / n, each against the fast path's counts.
  std::vector<CountingQuery> queries;
  std::vector<std::vector<Rational>> expected;
  for (std::size_t e = 0; e < std::min<std::size_t>(data.size(), 3); ++e) {
    for (int t = 0; t < length_; ++t) {
      const std::vector<int> prefix(data[e].outputs.begin(), data[e].outputs.begin() + t);
      std::vector<std::int64_t> next(static_cast<std::size_t>(symbols_), 0);
      for (std::size_t index = 0; index < all.size(); ++index) {
        if (all[index] == 0) continue;
        const std::vector<int> outputs = decode(static_cast<std::int64_t>(index));
        if (std::equal(prefix.begin(), prefix.end(), outputs.begin()))
          next[static_cast<std::size_t>(outputs[static_cast<std::size_t>(t)])] += all[index];
      }
      queries.push_back({0, prefix});
      expected.push_back(empirical(next));
    }
  }
  const auto outputs = counting_outputs(construction, data, queries);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    require_replay_equal(outputs[q], expected[q],
                         fmt::format("trial {} prefix length {}", trial, queries[q].prefix.size()));
  }
  return {true, fmt::format("{} tokens, {} prefix queries equal", *tokens, queries.size())};
}

std::string SequenceExperiment::engine() const {
  return "sequence counts; counting transformer (autoregressive) replays; " +
         std::string(theory::metric_name(metric_));
}

}  // namespace elicit::experiments
