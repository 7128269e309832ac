// T5 as written, against every estimator (docs/theory.md §2, the counterexample made a
// lower bound). The fine-tuned law is uniform on a random half S of the N = V^l
// sequences, S drawn afresh on every trial (a prior over targets). Given k samples
// with r distinct sequences, the L1-Bayes estimator puts 2/N on each seen sequence
// and spreads the remaining mass 1 − 2r/N evenly over the N − r unseen ones; its
// error is then exactly (N − 2r)/(N − r), whatever S (derivation in docs/theory.md).
// Since r <= k and that error falls with r, every estimator's error averaged over S
// is at least the Bayes risk >= (N − 2k)/(N − k); an error is at most 2, so
//   max_S P_S(error > ε) >= avg_S P_S(error > ε) >= (Bayes risk − ε)/(2 − ε):
// when that floor exceeds δ, no estimator meets the claim at k, for some target of
// the family. The learners: the counting head (the empirical law of the prompt,
// replayed through the counting transformer) and the Bayes estimator.
//
//   HalfSupportExperiment t5({seed, cell, law}, 50, 3, HalfSupportExperiment::Learner::bayes);
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace elicit::experiments {

class HalfSupportExperiment : public engine::Experiment {
 public:
  enum class Learner { counting, bayes };
  static constexpr std::int64_t kMaxSequences = std::int64_t{1} << 40;

  HalfSupportExperiment(CellContext where, int symbols, int length, Learner learner);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  engine::ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::string target_description() const override;
  engine::TargetLaw target_law() const override;
  // bayes_risk_lower = (N − 2k)/(N − k); bayes_risk (exact, while the occupancy
  // program is small); any_estimator_failure_floor = (risk − ε)/(2 − ε).
  std::vector<engine::NamedValue> facts_at(std::int64_t n, const Rational& eps) const override;

  // How many times each distinct sequence of S was drawn in a trial (the order of
  // the distinct sequences is irrelevant: S is uniform).
  std::vector<std::int64_t> multiplicities(std::int64_t n, std::uint64_t trial) const;
  std::int64_t sequences() const { return sequences_; }

 private:
  CellContext where_;
  int symbols_, length_;
  Learner learner_;
  std::int64_t sequences_;
};

// The exact law of the number of distinct items among n uniform draws from M
// (the occupancy distribution), and the exact Bayes risk E[(N − 2R)/(N − R)] with
// M = N/2; nullopt when n·min(n, M) exceeds `max_work`.
std::optional<std::vector<Rational>> occupancy_distribution(std::int64_t draws, std::int64_t items,
                                                            std::int64_t max_work = 200000);
std::optional<Rational> half_support_bayes_risk(std::int64_t sequences, std::int64_t draws);

}  // namespace elicit::experiments
