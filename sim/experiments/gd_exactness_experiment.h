// T1's exactness as an experiment, so that the verdict and rate modes can run it
// (gd_exactness.h has the typed grid summary). A trial draws a dataset D of n = N
// examples — x from the input law, y = w*·x + e with the teacher w* drawn once per
// cell law and the noise e one coordinate of the same law — and q queries; the
// linear head fine-tuned by K exact GD steps (learning rate eta) is compared with
// the K-layer linear-attention transformer on the prompt built from D.
//
// The error, exact in both measures:
//   exact_difference  max over the queries of |exact transformer − fine-tuned head|:
//                     0 on every trial — that is the finding, so a verdict at any
//                     eps HOLDS with zero failures and rate mode records zeros
//   double_drift      max over the queries of |double transformer − exact|, the
//                     double taken as the rational it is: how far the same weights
//                     run in floating point land (rate mode: its mean and quantile
//                     against N or K)
// replay() runs the exact transformer on each query and throws ReplayMismatch
// unless it equals the fine-tuned head.
//
//   GdExactnessExperiment t1({seed, cell, law}, {.inputs = {InputKind::fractions, 2, 6, 0, 7},
//                                                .steps = 3});
//   t1.error(/*N=*/10, trial) == 0;
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"
#include "sim/experiments/gd_exactness.h"
#include "sim/targets/input_law.h"
#include "sim/util/enum_names.h"

#include <cstdint>
#include <string>
#include <vector>

namespace elicit::experiments {

enum class GdMeasure { exact_difference, double_drift };
inline constexpr EnumNames<GdMeasure, 2> kGdMeasureNames = {
    {{GdMeasure::exact_difference, "exact-difference"}, {GdMeasure::double_drift, "double-drift"}}};

struct GdExactnessSettings {
  targets::InputLawSpec inputs = {targets::InputKind::fractions, 2, 6, 0, 7};
  int steps = 1;                   // K
  Rational eta = Rational(1, 10);  // the learning rate
  int queries = 5;                 // q
  GdMeasure measure = GdMeasure::exact_difference;
};

class GdExactnessExperiment : public engine::Experiment {
 public:
  static constexpr int kMaxSteps = 64;
  static constexpr std::int64_t kMaxExamples = 4096;  // the prompt's attention is O(N²) per layer
  static constexpr int kMaxQueries = 1000;

  GdExactnessExperiment(CellContext where, const GdExactnessSettings& settings);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  // Both measures whatever `measure` is, combined over trials: "largest_exact_difference"
  // and "largest_double_drift" (the largest), "drifting_predictions" (summed: the
  // predictions whose double differs from the exact one).
  std::vector<engine::TrialFact> trial_facts(std::int64_t n, std::uint64_t trial) const override;
  engine::ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::string target_description() const override;
  engine::TargetLaw target_law() const override;

  struct Instance {
    std::vector<transformer::LabelledPoint> examples;
    std::vector<std::vector<Rational>> queries;
  };
  Instance instance(std::int64_t n, std::uint64_t trial) const;
  GdComparison comparison(std::int64_t n, std::uint64_t trial) const;
  const std::vector<Rational>& teacher() const { return teacher_; }

 private:
  CellContext where_;
  GdExactnessSettings settings_;
  targets::InputLaw law_, noise_;
  std::vector<Rational> teacher_;  // w*
};

// The replay of one instance: the exact K-layer transformer's prediction on each
// query must equal `expected` (the fine-tuned head's); throws engine::ReplayMismatch
// naming `what` otherwise.
void require_gd_replay(const std::vector<transformer::LabelledPoint>& examples,
                       const std::vector<std::vector<Rational>>& queries, int steps,
                       const Rational& eta, const std::vector<Rational>& expected,
                       const std::string& what);

}  // namespace elicit::experiments
