#include "sim/experiments/min_distance_experiment.h"

#include "sim/sampling/multinomial.h"

#include <fmt/format.h>

#include <optional>
#include <stdexcept>
#include <vector>

namespace elicit::experiments {

MinDistanceExperiment::MinDistanceExperiment(CellContext where, int symbols, int length,
                                             const Rational& gamma)
    : where_(where), sequences_(1), gamma_(gamma) {
  for (int t = 0; t < length; ++t) sequences_ *= symbols;
  if (sequences_ > kMaxCandidates)
    throw std::invalid_argument("min-distance family above 4096 candidates");
  if (gamma <= 0 || gamma >= 1) throw std::invalid_argument("gamma must be in (0, 1)");
  Stream stream(engine::target_key(where.seed, where.cell));
  truth_ = static_cast<std::int64_t>(uniform_below(stream, static_cast<std::uint64_t>(sequences_)));
}

Rational MinDistanceExperiment::error(std::int64_t n, std::uint64_t trial) const {
  // Sample from q_truth: with probability 1 − γ the truth's sequence, else uniform.
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
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

engine::ReplayOutcome MinDistanceExperiment::replay(std::int64_t, std::uint64_t,
                                                    std::int64_t) const {
  return {false, "no transformer construction for minimum-distance selection (direct estimator)"};
}

std::string MinDistanceExperiment::engine() const {
  return fmt::format("Yatracos minimum distance over {} candidates (direct, exact); L1",
                     sequences_);
}

std::string MinDistanceExperiment::target_description() const {
  return fmt::format("candidate family, gamma = {}", to_string(gamma_));
}

}  // namespace elicit::experiments
