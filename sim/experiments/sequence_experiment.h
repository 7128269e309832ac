// One context, outputs of length l over V symbols: the law is over the V^l
// sequences, the learner the counting head run autoregressively (its product of
// conditionals is count/n per sequence), the error L1 (T5 as written) or the
// sup-norm (docs/theory.md §3.5).
//
//   SequenceExperiment t5({seed, cell}, /*V=*/50, /*l=*/3, TargetSpec{}, theory::Metric::l1);
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"
#include "sim/sampling/multinomial.h"
#include "sim/targets/distribution.h"
#include "theory/metric.h"

#include <cstdint>
#include <vector>

namespace elicit::experiments {

class SequenceExperiment : public engine::Experiment {
 public:
  // The most sequences a law may have: the exact law is held as V^l weights.
  static constexpr std::int64_t kMaxSequences = std::int64_t{1} << 22;

  // Law `target` over the flattened sequences (V^l <= kMaxSequences); metric l1 or sup.
  SequenceExperiment(CellContext where, int symbols, int length, const targets::TargetSpec& target,
                     theory::Metric metric);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  bool fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const override;
  engine::ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::string target_description() const override { return description_; }
  engine::TargetLaw target_law() const override {
    return {targets::laws_digest({law_}), targets::listed_probabilities({law_})};
  }
  // For the uniform law in L1: every estimate supported on n samples is at L1 >=
  // 2(1 − n/V^l) from it (docs/theory.md §2, the T5 counterexample), the "l1_floor".
  std::vector<engine::NamedValue> facts_at(std::int64_t n, const Rational& eps) const override;
  std::int64_t sequences() const { return static_cast<std::int64_t>(law_.size()); }
  std::vector<std::int64_t> counts(std::int64_t n, std::uint64_t trial) const;

 private:
  // The sequence at a flattened index (first symbol most significant).
  std::vector<int> decode(std::int64_t index) const;
  CellContext where_;
  int symbols_, length_;
  theory::Metric metric_;
  bool uniform_;
  std::string description_;
  targets::Distribution law_;
  sampling::MultinomialSampler sampler_;
};

}  // namespace elicit::experiments
