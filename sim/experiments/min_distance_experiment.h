// T5's finite-family reading (THEORY.md §3.5(a)): the fine-tuned law is one of V^l
// known candidates q_s = (1 − γ)·δ_s + γ·Uniform, and the learner is the Yatracos
// minimum-distance estimate over that family. A direct estimator: there is no
// transformer construction for it, so trials are not replayed.
//
//   MinDistanceExperiment t5({seed, cell}, /*V=*/4, /*l=*/3, Rational(1, 2));
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"

#include <cstdint>

namespace elicit::experiments {

class MinDistanceExperiment : public engine::Experiment {
 public:
  // The largest family: selection compares every candidate with the sample.
  static constexpr std::int64_t kMaxCandidates = 4096;

  // V^l <= kMaxCandidates candidates; the truth is one of them, chosen per cell.
  MinDistanceExperiment(CellContext where, int symbols, int length, const Rational& gamma);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  engine::ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::string target_description() const override;

 private:
  CellContext where_;
  std::int64_t sequences_;
  Rational gamma_;
  std::int64_t truth_;
};

}  // namespace elicit::experiments
