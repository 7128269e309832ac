// The experiments of the text-generation theorems (THEORY.md §3.1, §3.2, §3.5, §5.4).
//
//   ContextsExperiment       T2 (L1, all m contexts), T1 rate (TV, m = 1): counting head
//   SequenceExperiment       T5 literal-L1 and sup-norm: counting head over V^l sequences
//   MinDistanceExperiment    T5 min-distance: Yatracos selection among V^l candidates
//   PartialAccessExperiment  §5.4: a subset D' of a dataset D; target = empirical of D
#pragma once

#include "sim/engine/experiment.h"
#include "sim/sampling/multinomial.h"
#include "sim/targets/distribution.h"

#include <memory>
#include <vector>

namespace elicit::engine {

enum class Metric { l1, tv, sup };

// Throws ReplayMismatch unless the transformer's output equals the fast path's
// estimate exactly; `what` names the trial and query.
void require_replay_equal(const std::vector<Rational>& transformer,
                          const std::vector<Rational>& fast_path, const std::string& what);

struct CellContext {
  std::uint64_t seed = 0;
  std::uint64_t cell = 0;
};

class ContextsExperiment : public Experiment {
 public:
  // m contexts with V symbols each, targets drawn from `target`; error = max over
  // contexts of the metric of counts/n against the context's law.
  ContextsExperiment(CellContext where, int contexts, int symbols,
                     const targets::TargetSpec& target, Metric metric);
  // Given laws, one per context (tests, exact comparisons).
  ContextsExperiment(CellContext where, std::vector<targets::Distribution> laws, Metric metric);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  bool fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const override;
  ReplayOutcome replay(std::int64_t n, std::uint64_t trial, std::int64_t max_tokens) const override;
  std::string engine() const override;
  const std::vector<targets::Distribution>& laws() const { return laws_; }
  // The count vectors of a trial: one multinomial draw per context.
  std::vector<std::vector<std::int64_t>> counts(std::int64_t n, std::uint64_t trial) const;

 private:
  CellContext where_;
  Metric metric_;
  std::vector<targets::Distribution> laws_;
  std::vector<std::vector<double>> probabilities_;
};

class SequenceExperiment : public Experiment {
 public:
  // One context, outputs of length l over V symbols (V^l <= 2^22 sequences), law
  // `target` over the flattened sequences; metric l1 (literal) or sup.
  SequenceExperiment(CellContext where, int symbols, int length, const targets::TargetSpec& target,
                     Metric metric);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  bool fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const override;
  ReplayOutcome replay(std::int64_t n, std::uint64_t trial, std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::int64_t sequences() const { return static_cast<std::int64_t>(law_.size()); }
  std::vector<std::int64_t> counts(std::int64_t n, std::uint64_t trial) const;

 private:
  // The sequence at a flattened index (first symbol most significant).
  std::vector<int> decode(std::int64_t index) const;
  CellContext where_;
  int symbols_, length_;
  Metric metric_;
  targets::Distribution law_;
  sampling::CategoricalSampler sampler_;
};

class MinDistanceExperiment : public Experiment {
 public:
  // Candidates q_s = (1 − γ)·δ_s + γ·Uniform over the V^l sequences (V^l <= 4096);
  // the truth is one of them, chosen per cell.
  MinDistanceExperiment(CellContext where, int symbols, int length, const Rational& gamma);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  ReplayOutcome replay(std::int64_t n, std::uint64_t trial, std::int64_t max_tokens) const override;
  std::string engine() const override;

 private:
  CellContext where_;
  std::int64_t sequences_;
  Rational gamma_;
  std::int64_t truth_;
};

class PartialAccessExperiment : public Experiment {
 public:
  // D: `population` samples from `target` over V symbols; the fine-tuned model is
  // the empirical law of D; ICL reads a subset D' of size n; error = TV.
  PartialAccessExperiment(CellContext where, int symbols, std::int64_t population,
                          const targets::TargetSpec& target);
  Rational error(std::int64_t n, std::uint64_t trial) const override;
  ReplayOutcome replay(std::int64_t n, std::uint64_t trial, std::int64_t max_tokens) const override;
  std::string engine() const override;

 private:
  std::pair<targets::Distribution, std::vector<std::int64_t>> draw(std::int64_t n,
                                                                   std::uint64_t trial) const;
  CellContext where_;
  std::int64_t population_;
  std::vector<double> probabilities_;
};

}  // namespace elicit::engine
