// T3, reading T3/subset-max-margin (docs/theory.md §3.3): the existence claim that a
// subset of d + 1 support vectors reproduces the max-margin separator of a separable
// D. A trial draws D (n examples labelled by the cell's halfspace, as in
// halfspace_experiment.h, so D is separable), computes its max-margin separator
// exactly and a basis S of at most d + 1 support vectors (max_margin.h), trains the
// learner on S alone and counts the points of D it misclassifies; the error is that
// count over n.
//
// Learners:
//   max_margin   the max-margin separator of S: equal to D's by the KKT conditions,
//                so the error is exactly 0 on every trial — the claim, checked
//   perceptron   the ICL learner of T3 (the looped transformer's most-violated
//                perceptron) on S: some separator of S, not necessarily D's, so it
//                may misclassify other points of D — what the claim does not give
//                the transformer for free. Replayed through the looped transformer.
//
// Limits: d <= 3 and n <= 32 (the exact separator enumerates subsets of size <= d+1).
//
//   SupportSubsetExperiment t3({seed, cell, law}, {.inputs = {InputKind::lattice, 2, 5}});
//   Rational err = t3.error(20, trial);      // 0 for the max-margin learner
//   auto o = t3.outcome(20, trial);          // the separators, S, and the check
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"
#include "sim/experiments/halfspace_experiment.h"
#include "sim/experiments/max_margin.h"
#include "sim/util/enum_names.h"

#include <cstdint>
#include <optional>

namespace elicit::experiments {

enum class SubsetLearner { max_margin, perceptron };
inline constexpr EnumNames<SubsetLearner, 2> kSubsetLearnerNames = {
    {{SubsetLearner::max_margin, "max-margin"}, {SubsetLearner::perceptron, "perceptron"}}};

struct SupportSubsetSettings {
  targets::InputLawSpec inputs;
  targets::BoundaryPlacement placement = targets::BoundaryPlacement::drawn_point;  // of h*
  Rational margin = 0;  // γ of the margin band, as for T3/0-1-realizable
  SubsetLearner learner = SubsetLearner::max_margin;
  int max_updates = 100000;  // perceptron learner
};

class SupportSubsetExperiment : public engine::Experiment {
 public:
  static constexpr int kMaxDimension = 3;
  static constexpr std::int64_t kMaxExamples = 32;

  SupportSubsetExperiment(CellContext where, const SupportSubsetSettings& settings);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  // error() > eps, or a perceptron run that stopped at its cap (a failure whatever
  // its mistakes).
  bool fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const override;
  // "subset_separator_differs": 1 when the basis's max-margin separator is not D's
  // (the claim broken; never, by KKT); with the perceptron learner also
  // "perceptron_cap_hits". Both summed over trials.
  std::vector<engine::TrialFact> trial_facts(std::int64_t n, std::uint64_t trial) const override;
  engine::ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::string target_description() const override { return source_.target_description(); }
  engine::TargetLaw target_law() const override { return source_.target_law(); }

  struct Outcome {
    SubsetCheck check;                        // D's separator, S's, and their comparison
    std::optional<PerceptronRun> perceptron;  // the perceptron learner's run on S
    std::int64_t disagreements = 0;           // the learner's mistakes on D
  };
  Outcome outcome(std::int64_t n, std::uint64_t trial) const;
  const HalfspaceExperiment& source() const { return source_; }

 private:
  std::vector<transformer::LabelledPoint> dataset(const HalfspaceExperiment::Sample& data) const;

  SupportSubsetSettings settings_;
  HalfspaceExperiment source_;  // the target, the input law and the trials' samples
};

}  // namespace elicit::experiments
