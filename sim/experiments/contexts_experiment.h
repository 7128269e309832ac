// m contexts, each a next-token law over V symbols; the learner is the counting head
// (the empirical distribution of the context's examples); the error is the worst
// context's L1, TV or sup-norm error (docs/theory.md §3.1 for T2, §3.2 for the T1 rate).
//
//   ContextsExperiment t2({seed, cell}, /*m=*/4, /*V=*/16, TargetSpec{}, theory::Metric::l1);
//   bool failed = t2.fails(n, trial, eps);
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"
#include "sim/sampling/multinomial.h"
#include "sim/targets/distribution.h"
#include "theory/metric.h"

#include <vector>

namespace elicit::experiments {

class ContextsExperiment : public engine::Experiment {
 public:
  // m contexts with V symbols each, targets drawn from `target`.
  ContextsExperiment(CellContext where, int contexts, int symbols,
                     const targets::TargetSpec& target, theory::Metric metric);
  // Given laws, one per context (tests, exact comparisons).
  ContextsExperiment(CellContext where, std::vector<targets::Distribution> laws,
                     theory::Metric metric);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  bool fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const override;
  // L1 and TV: each context's dataset grown one example at a time from its count vector at
  // `first` (sampling/growing_counts.h): O(V + (last − first)·log V) a trial; the counts at
  // `first` are those of counts(first, trial). The sup-norm draws each size afresh.
  std::vector<engine::TrialFailure> failures_over(std::int64_t first, std::int64_t last,
                                                  std::uint64_t trial,
                                                  const Rational& eps) const override;
  bool nested() const override;
  // L1 and TV: the dynamic program of exact_failure_curve.h (double, rigorous bound).
  std::optional<std::vector<engine::CurvePoint>> exact_failure_curve(
      const Rational& eps, std::int64_t first, std::int64_t last, double work_limit) const override;
  engine::ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::string target_description() const override { return description_; }
  engine::TargetLaw target_law() const override {
    return {targets::laws_digest(laws_), targets::listed_probabilities(laws_)};
  }
  const std::vector<targets::Distribution>& laws() const { return laws_; }
  // The count vectors of a trial: one multinomial draw per context.
  std::vector<std::vector<std::int64_t>> counts(std::int64_t n, std::uint64_t trial) const;

 private:
  CellContext where_;
  theory::Metric metric_;
  std::string description_;
  std::vector<targets::Distribution> laws_;
  std::vector<sampling::MultinomialSampler> samplers_;
};

}  // namespace elicit::experiments
