// T5's finite-family reading (docs/theory.md §3.5(a)): the fine-tuned law is one of V^l
// known candidates and the learner is the minimum-distance (Yatracos) estimate over
// the family (yatracos.h). A direct estimator: there is no transformer construction
// for it, so trials are not replayed.
//
// The family: candidate s (a sequence) is the product over the l steps of the
// per-step law tilted towards s_t, q_s(x) = Π_t ((1 − η)/V + η·[x_t = s_t]). Two
// candidates that differ in one step are 2η apart in L1, and further apart the more
// steps they differ in, so the error of a wrong choice ranges over a scale set by η
// and the failure event (error > ε) depends on ε — not only on whether the truth
// itself was chosen. Ties between candidates are broken uniformly at random (from
// the trial's stream), so no candidate, the truth included, is favoured by its index.
//
//   MinDistanceExperiment t5({seed, cell, law}, /*V=*/2, /*l=*/4, Rational(1, 25));
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"
#include "sim/experiments/yatracos.h"
#include "sim/sampling/multinomial.h"

#include <cstdint>
#include <optional>

namespace elicit::experiments {

class MinDistanceExperiment : public engine::Experiment {
 public:
  // The largest family: selection compares every candidate with every Yatracos set.
  static constexpr std::int64_t kMaxCandidates = 64;

  // V^l <= kMaxCandidates candidates, tilt 0 < η < 1; the truth is drawn with the
  // cell's law stream, or given (tests).
  MinDistanceExperiment(CellContext where, int symbols, int length, const Rational& tilt,
                        std::optional<std::size_t> truth = std::nullopt);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  engine::ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::string target_description() const override;
  engine::TargetLaw target_law() const override;

  const std::vector<targets::Distribution>& family() const { return family_; }
  std::size_t truth() const { return truth_; }
  // The candidate the estimate picks on a trial.
  std::size_t chosen(std::int64_t n, std::uint64_t trial) const;

 private:
  CellContext where_;
  Rational tilt_;
  std::vector<targets::Distribution> family_;
  std::size_t truth_;
  YatracosSelector selector_;
  sampling::MultinomialSampler sampler_;
};

// The tilted product family over V^l sequences (first symbol most significant).
std::vector<targets::Distribution> tilted_product_family(int symbols, int length,
                                                         const Rational& tilt);

}  // namespace elicit::experiments
