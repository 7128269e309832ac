#include "sim/experiments/half_support_experiment.h"

#include "sim/exact/checked_int.h"
#include "sim/experiments/counting_replay.h"
#include "sim/transformer/construction_counting.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>

namespace elicit::experiments {

std::optional<std::vector<Rational>> occupancy_distribution(std::int64_t draws, std::int64_t items,
                                                            std::int64_t max_work) {
  if (draws < 0 || items < 1) throw std::invalid_argument("occupancy: bad sizes");
  const std::int64_t reach = std::min(draws, items);
  if (draws > 0 && reach > max_work / draws) return std::nullopt;
  // After each draw, r distinct items so far: the next is new with probability (M − r)/M.
  std::vector<Rational> p(static_cast<std::size_t>(reach) + 1, Rational(0));
  p[0] = 1;
  for (std::int64_t j = 1; j <= draws; ++j) {
    for (std::int64_t r = std::min(j, reach); r >= 0; --r) {
      Rational stay = p[static_cast<std::size_t>(r)] * Rational(r, items);
      if (r > 0) stay += p[static_cast<std::size_t>(r - 1)] * Rational(items - r + 1, items);
      p[static_cast<std::size_t>(r)] = stay;
    }
  }
  return p;
}

std::optional<Rational> half_support_bayes_risk(std::int64_t sequences, std::int64_t draws) {
  const auto law = occupancy_distribution(draws, sequences / 2);
  if (!law) return std::nullopt;
  Rational risk = 0;
  for (std::size_t r = 0; r < law->size(); ++r) {
    const auto distinct = static_cast<std::int64_t>(r);
    risk += (*law)[r] * Rational(sequences - 2 * distinct, sequences - distinct);
  }
  return risk;
}

HalfSupportExperiment::HalfSupportExperiment(CellContext where, int symbols, int length,
                                             Learner learner)
    : where_(where),
      symbols_(symbols),
      length_(length),
      learner_(learner),
      sequences_(checked_pow(symbols, length)) {
  if (sequences_ > kMaxSequences || sequences_ % 2 != 0)
    throw std::invalid_argument("the half-support family needs an even V^l <= 2^40");
}

std::vector<std::int64_t> HalfSupportExperiment::multiplicities(std::int64_t n,
                                                                std::uint64_t trial) const {
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
  const auto half = static_cast<std::uint64_t>(sequences_ / 2);
  std::vector<std::uint64_t> draws(static_cast<std::size_t>(n));
  for (auto& d : draws) d = uniform_below(stream, half);
  std::sort(draws.begin(), draws.end());
  std::vector<std::int64_t> runs;
  for (std::size_t i = 0; i < draws.size(); ++i) {
    if (i == 0 || draws[i] != draws[i - 1]) runs.push_back(0);
    ++runs.back();
  }
  return runs;
}

Rational HalfSupportExperiment::error(std::int64_t n, std::uint64_t trial) const {
  const auto runs = multiplicities(n, trial);
  const auto distinct = static_cast<std::int64_t>(runs.size());
  const std::int64_t N = sequences_;
  if (learner_ == Learner::bayes) return Rational(N - 2 * distinct, N - distinct);
  // The empirical law: c/n on the seen sequences, 0 on the unseen half of S.
  Integer deviation = 0;
  for (auto c : runs) {
    Integer d = Integer(c) * N - Integer(2) * n;
    deviation += d < 0 ? Integer(-d) : d;
  }
  return Rational(deviation, Integer(n) * N) + Rational(N / 2 - distinct, N / 2);
}

std::vector<engine::NamedValue> HalfSupportExperiment::facts_at(std::int64_t n,
                                                                const Rational& eps) const {
  const std::int64_t N = sequences_;
  const std::int64_t k = std::min(n, N / 2);
  std::vector<engine::NamedValue> facts;
  const Rational lower(N - 2 * k, N - k);
  facts.push_back({"bayes_risk_lower", lower});
  Rational risk = lower;
  if (auto exact = half_support_bayes_risk(N, n)) {
    risk = *exact;
    facts.push_back({"bayes_risk", risk});
  }
  facts.push_back({"any_estimator_failure_floor", std::max(Rational(0), (risk - eps) / (2 - eps))});
  return facts;
}

engine::ReplayOutcome HalfSupportExperiment::replay(std::int64_t n, std::uint64_t trial,
                                                    std::int64_t max_tokens) const {
  if (learner_ == Learner::bayes)
    return {false, "no transformer construction for the Bayes estimator (direct estimator)"};
  const std::int64_t tokens = n * (length_ + 2) + length_ + 2;
  if (auto skipped = skip_if_longer(tokens, max_tokens)) return *skipped;
  // Name the distinct seen sequences: distinct uniform indices among the V^l.
  const auto runs = multiplicities(n, trial);
  Stream stream(engine::replay_key(where_.seed, where_.cell, trial));
  std::set<std::int64_t> names;
  std::vector<std::int64_t> named;
  while (named.size() < runs.size()) {
    const auto s =
        static_cast<std::int64_t>(uniform_below(stream, static_cast<std::uint64_t>(sequences_)));
    if (names.insert(s).second) named.push_back(s);
  }
  auto decode = [&](std::int64_t index) {
    std::vector<int> outputs(static_cast<std::size_t>(length_));
    std::int64_t code = named[static_cast<std::size_t>(index)];
    for (int t = length_ - 1; t >= 0; --t, code /= symbols_)
      outputs[static_cast<std::size_t>(t)] = static_cast<int>(code % symbols_);
    return outputs;
  };
  const auto data = examples_of(stream, {runs}, decode);
  // The first symbol's conditional: its counts over the seen sequences, exactly.
  std::vector<std::int64_t> first(static_cast<std::size_t>(symbols_), 0);
  for (std::size_t i = 0; i < runs.size(); ++i)
    first[static_cast<std::size_t>(decode(static_cast<std::int64_t>(i)).front())] += runs[i];
  const transformer::CountingConstruction construction({1, symbols_, length_});
  require_replay_equal(counting_outputs(construction, data, {{0, {}}}).front(), empirical(first),
                       fmt::format("trial {}", trial));
  return {true, fmt::format("{} tokens, the first step's conditional equal", tokens)};
}

std::string HalfSupportExperiment::engine() const {
  return learner_ == Learner::bayes
             ? "Bayes estimator of the half-support family (direct, exact); L1"
             : "counting head (empirical law); counting transformer replays; L1";
}

std::string HalfSupportExperiment::target_description() const {
  return fmt::format("uniform on a random half of the {} sequences, drawn per trial", sequences_);
}

engine::TargetLaw HalfSupportExperiment::target_law() const {
  return {"family: uniform on a random half of V^l (per trial)", {}};
}

}  // namespace elicit::experiments
