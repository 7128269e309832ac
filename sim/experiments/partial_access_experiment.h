// §5.4 partial dataset access (THEORY.md §2): a dataset D of N samples from a
// target law; the fine-tuned model is the empirical law of D; in-context learning
// reads a subset D' of n samples drawn without replacement; the error is TV.
//
//   PartialAccessExperiment partial({seed, cell}, /*V=*/10, /*N=*/20000, TargetSpec{});
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"
#include "sim/targets/distribution.h"

#include <utility>
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

 private:
  // The fine-tuned law (the empirical law of D) and the subset's counts.
  std::pair<targets::Distribution, std::vector<std::int64_t>> draw(std::int64_t n,
                                                                   std::uint64_t trial) const;
  CellContext where_;
  std::int64_t population_;
  std::string description_;
  std::vector<double> probabilities_;
};

}  // namespace elicit::experiments
