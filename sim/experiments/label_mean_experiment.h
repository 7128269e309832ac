// T4, reading T4/soft-label-mean (docs/theory.md §3.4): k = O(ε⁻² log 1/δ) retrieved
// examples suffice for label averaging to estimate a soft label. The fine-tuned
// model is p(x) = link(a·(w*·x + b*)) (soft_label.h) with w*, b* and q query points
// drawn once per cell law; a trial draws a dataset D of N examples (x from the input
// law, y ~ Bernoulli(p(x)) exactly), retrieves for each query the k = n examples
// nearest to it (exact squared distance, ties to the lower index:
// sim/transformer/retrieval.h) and averages their labels, p̂ = mean label — what the
// label-averaging transformer outputs on the retrieved prompt.
//
// The error splits as in the paper's proof, |p̂ − p(x)| <= |p̂ − p̄| + |p̄ − p(x)|, with
// p̄ the mean of p over the retrieved neighbours:
//   sampling  |p̂ − p̄|      the labels' noise around their own means (Hoeffding in k)
//   bias      |p̄ − p(x)|    the neighbours' soft labels differ from the query's; 0
//                          exactly when every neighbour shares p(x) (a constant link,
//                          or neighbours at the query's own grid point)
//   total     |p̂ − p(x)|    the claim's error
// Each is reported per query and as the maximum over the q queries (the uniform
// claim); `measure` picks which one error() returns. A steep link (a‖w*‖ large
// against the grid) with a sparse D (N small against the law's support) makes the
// bias dominate: k grows, the sampling term falls like 1/√k, but the total does not.
//
// D depends on the trial only (N is a law key, k the swept n), so a sweep over k
// reuses the same datasets: nested retrievals, common random numbers.
//
//   LabelMeanExperiment t4({seed, cell, law}, {.inputs = {InputKind::lattice, 1, 2},
//                                              .dataset_size = 5000, .queries = 4});
//   Rational err = t4.error(/*k=*/200, trial);   // max over queries of |p̂ − p(x)|
//   auto o = t4.outcome(200, trial);             // per query: p̂, p̄, p(x), both terms
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"
#include "sim/targets/input_law.h"
#include "sim/targets/soft_label.h"
#include "sim/transformer/construction_vectors.h"
#include "sim/util/enum_names.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace elicit::experiments {

enum class LabelMeanMeasure { total, sampling, bias };
inline constexpr EnumNames<LabelMeanMeasure, 3> kLabelMeanMeasureNames = {
    {{LabelMeanMeasure::total, "total"},
     {LabelMeanMeasure::sampling, "sampling"},
     {LabelMeanMeasure::bias, "bias"}}};

struct LabelMeanSettings {
  targets::InputLawSpec inputs;
  targets::BoundaryPlacement placement = targets::BoundaryPlacement::drawn_point;  // of t = 0
  targets::LinkSpec link;
  std::int64_t dataset_size = 1000;  // N
  int queries = 1;                   // q
  LabelMeanMeasure measure = LabelMeanMeasure::total;
};

class LabelMeanExperiment : public engine::Experiment {
 public:
  static constexpr std::int64_t kMaxDataset = std::int64_t{1} << 20;
  static constexpr int kMaxQueries = 10000;

  // w*, b* and the queries drawn from the cell's law stream.
  LabelMeanExperiment(CellContext where, const LabelMeanSettings& settings);
  // A given fine-tuned model and queries (tests).
  LabelMeanExperiment(CellContext where, const LabelMeanSettings& settings,
                      targets::SoftLabel target, std::vector<targets::GridPoint> queries);

  Rational error(std::int64_t n, std::uint64_t trial) const override;
  // "largest_sampling_term" and "largest_neighbour_bias": the trial's maxima over the
  // queries, combined by their largest value over trials.
  std::vector<engine::TrialFact> trial_facts(std::int64_t n, std::uint64_t trial) const override;
  // Every k = first … last from one D and one ranking of it per query: the k nearest are the
  // first k of the ranking (ties to the lower index), so the retrieved sets are nested.
  std::vector<engine::TrialFailure> failures_over(std::int64_t first, std::int64_t last,
                                                  std::uint64_t trial,
                                                  const Rational& eps) const override;
  bool nested() const override { return true; }
  // With a constant soft label p(x) = c and one query the k labels retrieved are i.i.d.
  // Bernoulli(c) whatever the inputs, so the error |mean − c| fails with the probability the
  // two-symbol L1 dynamic program gives at 2ε (exact_failure_curve.h); nullopt otherwise.
  std::optional<std::vector<engine::CurvePoint>> exact_failure_curve(
      const Rational& eps, std::int64_t first, std::int64_t last, double work_limit) const override;
  engine::ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::string target_description() const override;
  engine::TargetLaw target_law() const override;

  struct Dataset {
    std::vector<targets::GridPoint> points;
    std::vector<int> labels;                  // 0 or 1
    std::vector<std::int64_t> probabilities;  // p(x_j) · target().denominator()
  };
  // A trial's D (independent of k).
  Dataset dataset(std::uint64_t trial) const;

  struct QueryOutcome {
    std::vector<std::size_t> neighbours;  // indices into D, increasing
    Rational estimate;                    // p̂: the mean label
    Rational neighbour_mean;              // p̄: the mean of p over the neighbours
    Rational truth;                       // p(x)
    Rational sampling, bias, total;       // |p̂ − p̄|, |p̄ − p(x)|, |p̂ − p(x)|
  };
  struct TrialOutcome {
    std::vector<QueryOutcome> queries;
    Rational sampling, bias, total;  // the maxima over the queries
  };
  TrialOutcome outcome(std::int64_t k, std::uint64_t trial) const;

  const targets::SoftLabel& target() const { return target_; }
  const std::vector<targets::GridPoint>& queries() const { return queries_; }
  const targets::InputLaw& inputs() const { return law_; }

 private:
  LabelMeanExperiment(CellContext where, const LabelMeanSettings& settings,
                      std::pair<targets::SoftLabel, std::vector<targets::GridPoint>>&& model);

  CellContext where_;
  LabelMeanSettings settings_;
  targets::InputLaw law_;
  targets::SoftLabel target_;
  std::vector<targets::GridPoint> queries_;
};

// The replay of one query: the reference retrieval (exact Rationals) must choose
// `neighbours` from `examples`, and the label-averaging transformer on them must
// output `estimate`; throws engine::ReplayMismatch naming `what` otherwise.
void require_label_average_replay(const std::vector<transformer::LabelledPoint>& examples,
                                  const std::vector<Rational>& query,
                                  const std::vector<std::size_t>& neighbours,
                                  const Rational& estimate, const std::string& what);

}  // namespace elicit::experiments
