#include "sim/engine/experiments.h"

#include "sim/engine/exact_error.h"
#include "sim/sampling/multinomial.h"
#include "sim/transformer/construction_counting.h"
#include "sim/transformer/forward.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace elicit::engine {
namespace {

using transformer::CountingConstruction;
using transformer::CountingExample;
using transformer::CountingQuery;

Rational metric_error(Metric metric, const std::vector<std::int64_t>& counts,
                      const targets::Distribution& law) {
  switch (metric) {
    case Metric::l1:
      return l1_error(counts, law);
    case Metric::tv:
      return l1_error(counts, law) / 2;
    case Metric::sup:
      return sup_error(counts, law);
  }
  throw std::logic_error("unknown metric");
}

std::string metric_name(Metric metric) {
  switch (metric) {
    case Metric::l1:
      return "L1";
    case Metric::tv:
      return "TV";
    case Metric::sup:
      return "sup-norm";
  }
  return "?";
}

void shuffle_examples(Stream& stream, std::vector<CountingExample>& data) {
  for (std::size_t i = data.size(); i > 1; --i)
    std::swap(data[i - 1], data[uniform_below(stream, i)]);
}

std::string show(const std::vector<Rational>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ",") + to_string(v);
  return out;
}

// The fast path's estimate for one context: counts / n.
std::vector<Rational> empirical(const std::vector<std::int64_t>& counts) {
  std::int64_t n = 0;
  for (auto c : counts) n += c;
  std::vector<Rational> out;
  for (auto c : counts) out.push_back(Rational(c, n));
  return out;
}

// The counting transformer's outputs for several queries on one dataset prompt:
// the dataset runs once through a PrefixSession, each query only its own rows.
std::vector<std::vector<Rational>> transformer_outputs(const CountingConstruction& construction,
                                                       const std::vector<CountingExample>& data,
                                                       const std::vector<CountingQuery>& queries) {
  const auto first = construction.prompt(data, queries.front());
  construction.parse(first);  // the whole prompt's structure, once
  // The shared prefix ends before the query's SEP: BOS, examples, separators.
  const std::size_t prefix_end = first.size() - 2 - queries.front().prefix.size();
  std::vector<transformer::StreamRows> suffixes;
  for (const auto& query : queries) {
    const auto tokens = construction.prompt(data, query);
    suffixes.push_back(construction.embed_from(tokens, prefix_end, tokens.size()));
  }
  return transformer::run_exact_with_prefix(
      construction.model(), construction.embed_from(first, 0, prefix_end), suffixes);
}

}  // namespace

void require_replay_equal(const std::vector<Rational>& transformer,
                          const std::vector<Rational>& fast_path, const std::string& what) {
  if (transformer != fast_path) {
    throw ReplayMismatch(fmt::format("{}: transformer output [{}] != fast path [{}]", what,
                                     show(transformer), show(fast_path)));
  }
}

// ---- ContextsExperiment -------------------------------------------------------

ContextsExperiment::ContextsExperiment(CellContext where, int contexts, int symbols,
                                       const targets::TargetSpec& target, Metric metric)
    : where_(where), metric_(metric) {
  Stream stream(target_key(where.seed, where.cell));
  for (int i = 0; i < contexts; ++i) {
    laws_.push_back(targets::make_distribution(target, static_cast<std::size_t>(symbols), stream));
    probabilities_.push_back(laws_.back().probabilities());
  }
}

ContextsExperiment::ContextsExperiment(CellContext where, std::vector<targets::Distribution> laws,
                                       Metric metric)
    : where_(where), metric_(metric), laws_(std::move(laws)) {
  for (const auto& law : laws_) probabilities_.push_back(law.probabilities());
}

std::vector<std::vector<std::int64_t>> ContextsExperiment::counts(std::int64_t n,
                                                                  std::uint64_t trial) const {
  Stream stream(trial_key(where_.seed, where_.cell, trial));
  std::vector<std::vector<std::int64_t>> out;
  for (const auto& p : probabilities_) out.push_back(sampling::multinomial_counts(stream, n, p));
  return out;
}

Rational ContextsExperiment::error(std::int64_t n, std::uint64_t trial) const {
  const auto all = counts(n, trial);
  Rational worst = 0;
  for (std::size_t i = 0; i < all.size(); ++i)
    worst = std::max(worst, metric_error(metric_, all[i], laws_[i]));
  return worst;
}

bool ContextsExperiment::fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const {
  if (metric_ == Metric::sup) return Experiment::fails(n, trial, eps);
  const Rational l1_eps = metric_ == Metric::tv ? Rational(2 * eps) : eps;
  const auto all = counts(n, trial);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (l1_exceeds(all[i], laws_[i], l1_eps)) return true;
  }
  return false;
}

ReplayOutcome ContextsExperiment::replay(std::int64_t n, std::uint64_t trial,
                                         std::int64_t max_tokens) const {
  const auto m = static_cast<std::int64_t>(laws_.size());
  const std::int64_t tokens = 3 * m * n + 2;
  if (tokens > max_tokens)
    return {false, fmt::format("skipped: prompt of {} tokens > {}", tokens, max_tokens)};
  const auto all = counts(n, trial);
  Stream stream(replay_key(where_.seed, where_.cell, trial));
  std::vector<CountingExample> data;
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (int y : sampling::shuffled_tokens(stream, all[i]))
      data.push_back({static_cast<int>(i), {y}});
  }
  shuffle_examples(stream, data);
  const CountingConstruction construction(
      {static_cast<int>(m), static_cast<int>(laws_[0].size()), 1});
  std::vector<CountingQuery> queries;
  for (std::size_t i = 0; i < all.size(); ++i) queries.push_back({static_cast<int>(i), {}});
  const auto outputs = transformer_outputs(construction, data, queries);
  for (std::size_t i = 0; i < all.size(); ++i) {
    require_replay_equal(outputs[i], empirical(all[i]),
                         fmt::format("trial {} context {}", trial, i));
  }
  return {true, fmt::format("{} tokens, {} {} equal", tokens, m, m == 1 ? "query" : "queries")};
}

std::string ContextsExperiment::engine() const {
  return "counts (multinomial by conditional binomials); counting transformer replays; " +
         metric_name(metric_);
}

// ---- SequenceExperiment ---------------------------------------------------------

namespace {

targets::Distribution sequence_law(CellContext where, int symbols, int length,
                                   const targets::TargetSpec& target) {
  std::int64_t sequences = 1;
  for (int t = 0; t < length; ++t) {
    sequences *= symbols;
    if (sequences > (std::int64_t{1} << 22))
      throw std::invalid_argument("V^l above 2^22 sequences");
  }
  Stream stream(target_key(where.seed, where.cell));
  return targets::make_sequence_distribution(target, symbols, length, stream);
}

}  // namespace

SequenceExperiment::SequenceExperiment(CellContext where, int symbols, int length,
                                       const targets::TargetSpec& target, Metric metric)
    : where_(where),
      symbols_(symbols),
      length_(length),
      metric_(metric),
      law_(sequence_law(where, symbols, length, target)),
      sampler_(law_.probabilities()) {}

std::vector<std::int64_t> SequenceExperiment::counts(std::int64_t n, std::uint64_t trial) const {
  Stream stream(trial_key(where_.seed, where_.cell, trial));
  // Few samples over many sequences: draw them one by one (O(n log N)); otherwise
  // the multinomial's O(N). Both have the same law.
  if (n < sequences() / 4) return sampler_.counts(stream, n);
  return sampling::multinomial_counts(stream, n, law_.probabilities());
}

std::vector<int> SequenceExperiment::decode(std::int64_t index) const {
  std::vector<int> outputs(static_cast<std::size_t>(length_));
  for (int t = length_ - 1; t >= 0; --t, index /= symbols_) {
    outputs[static_cast<std::size_t>(t)] = static_cast<int>(index % symbols_);
  }
  return outputs;
}

Rational SequenceExperiment::error(std::int64_t n, std::uint64_t trial) const {
  return metric_error(metric_, counts(n, trial), law_);
}

bool SequenceExperiment::fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const {
  if (metric_ != Metric::l1) return Experiment::fails(n, trial, eps);
  return l1_exceeds(counts(n, trial), law_, eps);
}

ReplayOutcome SequenceExperiment::replay(std::int64_t n, std::uint64_t trial,
                                         std::int64_t max_tokens) const {
  const std::int64_t tokens = n * (length_ + 2) + length_ + 2;
  if (tokens > max_tokens)
    return {false, fmt::format("skipped: prompt of {} tokens > {}", tokens, max_tokens)};
  const auto all = counts(n, trial);
  Stream stream(replay_key(where_.seed, where_.cell, trial));
  std::vector<CountingExample> data;
  for (int index : sampling::shuffled_tokens(stream, all)) data.push_back({0, decode(index)});
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
  const auto outputs = transformer_outputs(construction, data, queries);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    require_replay_equal(outputs[q], expected[q],
                         fmt::format("trial {} prefix length {}", trial, queries[q].prefix.size()));
  }
  return {true, fmt::format("{} tokens, {} prefix queries equal", tokens, queries.size())};
}

std::string SequenceExperiment::engine() const {
  return "sequence counts; counting transformer (autoregressive) replays; " + metric_name(metric_);
}

// ---- MinDistanceExperiment -------------------------------------------------------

MinDistanceExperiment::MinDistanceExperiment(CellContext where, int symbols, int length,
                                             const Rational& gamma)
    : where_(where), sequences_(1), gamma_(gamma) {
  for (int t = 0; t < length; ++t) sequences_ *= symbols;
  if (sequences_ > 4096) throw std::invalid_argument("min-distance family above 4096 candidates");
  if (gamma <= 0 || gamma >= 1) throw std::invalid_argument("gamma must be in (0, 1)");
  Stream stream(target_key(where.seed, where.cell));
  truth_ = static_cast<std::int64_t>(uniform_below(stream, static_cast<std::uint64_t>(sequences_)));
}

Rational MinDistanceExperiment::error(std::int64_t n, std::uint64_t trial) const {
  // Sample from q_truth: with probability 1 − γ the truth's sequence, else uniform.
  Stream stream(trial_key(where_.seed, where_.cell, trial));
  std::vector<std::int64_t> counts(static_cast<std::size_t>(sequences_), 0);
  const std::int64_t spikes = sampling::binomial(stream, n, to_double(1 - gamma_));
  counts[static_cast<std::size_t>(truth_)] += spikes;
  for (std::int64_t i = spikes; i < n; ++i)
    ++counts[uniform_below(stream, static_cast<std::uint64_t>(sequences_))];
  // Yatracos sets {q_i > q_j} are the singletons, so candidate j's distance is
  // max_s |q_j(s) − μ_n(s)|; keep the two largest |γ/N − μ_n(s)| to get it in O(1).
  const Rational base = gamma_ / sequences_;
  std::vector<Rational> off(counts.size());
  std::size_t first = 0;
  for (std::size_t s = 1; s < counts.size(); ++s) {
    if (off[s] > off[first]) first = s;
  }
  std::optional<std::size_t> second;
  for (std::size_t s = 0; s < counts.size(); ++s) {
    if (s != first && (!second || off[s] > off[*second])) second = s;
  }
  std::size_t chosen = 0;
  Rational best = -1;
  for (std::size_t j = 0; j < counts.size(); ++j) {
    const Rational spike = base + 1 - gamma_ - Rational(counts[j], n);
    const Rational at_j = spike < 0 ? Rational(-spike) : spike;
    const Rational elsewhere = j != first ? off[first] : second ? off[*second] : Rational(0);
    const Rational distance = std::max(at_j, elsewhere);
    if (best < 0 || distance < best) {  // ties to the smallest index
      best = distance;
      chosen = j;
    }
  }
  // ‖q_chosen − q_truth‖₁ = 0 or 2(1 − γ).
  return static_cast<std::int64_t>(chosen) == truth_ ? Rational(0) : Rational(2 * (1 - gamma_));
}

ReplayOutcome MinDistanceExperiment::replay(std::int64_t, std::uint64_t, std::int64_t) const {
  return {false, "no transformer construction for minimum-distance selection (direct estimator)"};
}

std::string MinDistanceExperiment::engine() const {
  return fmt::format("Yatracos minimum distance over {} candidates (direct, exact); L1",
                     sequences_);
}

// ---- PartialAccessExperiment -----------------------------------------------------

PartialAccessExperiment::PartialAccessExperiment(CellContext where, int symbols,
                                                 std::int64_t population,
                                                 const targets::TargetSpec& target)
    : where_(where), population_(population) {
  Stream stream(target_key(where.seed, where.cell));
  probabilities_ =
      targets::make_distribution(target, static_cast<std::size_t>(symbols), stream).probabilities();
}

std::pair<targets::Distribution, std::vector<std::int64_t>> PartialAccessExperiment::draw(
    std::int64_t n, std::uint64_t trial) const {
  if (n > population_)
    throw std::invalid_argument(fmt::format("|D'| = {} exceeds |D| = {}", n, population_));
  Stream stream(trial_key(where_.seed, where_.cell, trial));
  const auto full = sampling::multinomial_counts(stream, population_, probabilities_);
  return {targets::Distribution{full, population_}, sampling::subsample_counts(stream, n, full)};
}

Rational PartialAccessExperiment::error(std::int64_t n, std::uint64_t trial) const {
  const auto [fine_tuned, subset] = draw(n, trial);
  return l1_error(subset, fine_tuned) / 2;
}

ReplayOutcome PartialAccessExperiment::replay(std::int64_t n, std::uint64_t trial,
                                              std::int64_t max_tokens) const {
  const std::int64_t tokens = 3 * n + 2;
  if (tokens > max_tokens)
    return {false, fmt::format("skipped: prompt of {} tokens > {}", tokens, max_tokens)};
  const auto [fine_tuned, subset] = draw(n, trial);
  Stream stream(replay_key(where_.seed, where_.cell, trial));
  std::vector<CountingExample> data;
  for (int y : sampling::shuffled_tokens(stream, subset)) data.push_back({0, {y}});
  const CountingConstruction construction({1, static_cast<int>(subset.size()), 1});
  require_replay_equal(transformer_outputs(construction, data, {{0, {}}}).front(),
                       empirical(subset), fmt::format("trial {}", trial));
  return {true, fmt::format("{} tokens, 1 query equal", tokens)};
}

std::string PartialAccessExperiment::engine() const {
  return fmt::format(
      "D' drawn without replacement from D (|D| = {}); counting transformer replays; TV",
      population_);
}

}  // namespace elicit::engine
