// §5.4 partial dataset access (docs/theory.md §2): a dataset D of N samples from a
// target law, drawn once per cell (with the cell's law, so every |D'| of a sweep
// reads the same D); the fine-tuned model is the empirical law of D; in-context
// learning reads a subset D' of n samples drawn without replacement; the error is
// TV. The paper's claim is for |D'| ≪ |D| (the reading keeps |D'| <= |D|/20, where
// the finite-population factor √(1 − n/N) is above 0.97).
//
//   PartialAccessExperiment partial({seed, cell, law}, /*V=*/10, /*N=*/200000, TargetSpec{});
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"
#include "sim/targets/distribution.h"

#include <vector>

namespace elicit::experiments {

class PartialAccessExperiment : public engine::Experiment {
 public:
  PartialAccessExperiment(CellContext where, int symbols, std::int64_t population,
                          const targets::TargetSpec& target);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  engine::ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::string target_description() const override { return description_; }
  engine::TargetLaw target_law() const override {
    return {targets::laws_digest({fine_tuned_}), targets::listed_probabilities({fine_tuned_})};
  }
  // The counts of the subset D' of a trial.
  std::vector<std::int64_t> subset(std::int64_t n, std::uint64_t trial) const;

 private:
  CellContext where_;
  std::string description_;
  targets::Distribution fine_tuned_;  // the empirical law of D: its counts over N
};

}  // namespace elicit::experiments
