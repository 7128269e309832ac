// T3, reading T3/0-1-realizable (docs/theory.md §3.3): the fine-tuned model is a halfspace
// h*(x) = 1[w*·x + b* > 0] in dimension d (drawn once per cell law, halfspace.h); a
// trial draws n examples x from the input law with labels h*(x), the ICL learner is
// the looped-transformer perceptron on them (labels ±1), and the error is the 0-1
// disagreement P_X(h(x) ≠ h*(x)) under the input law.
//
// The input laws (input_law.h) and what they imply:
//   lattice {−R…R}^d   finite: the disagreement is an exact count over the (2R+1)^d
//                      points while there are at most enumeration_limit; every point
//                      has |w*·x + b*| >= 1/2 (b* is half a step off the grid), so the
//                      data always have a margin and the perceptron converges within
//                      Novikoff's (R'/γ')² updates, reported exactly as a fact
//   gaussian 2^−k      unbounded: the disagreement is estimated on a fresh test sample
//                      and a trial's failure is a bracket (estimated_rate.h); every
//                      grid point is still >= 2^−(k+1) from the boundary, so the
//                      perceptron converges, but its mistake bound grows like 4^k
//                      and without a band it may need very many updates
//   fractions p/q      finite like the lattice (exact while enumerable)
//   margin band γ      inputs with |w*·x + b*| < γ‖w*‖ are rejected and redrawn
//                      (decided exactly): the law is conditioned on the band's
//                      outside, so training and test both see a margin γ and the
//                      perceptron's mistake bound (R'/γ')² is moderate
// The boundary goes through a point drawn from the law or through the origin
// (halfspace.h: BoundaryPlacement). The perceptron stops after max_updates updates;
// a converged run is a consistent learner (so the BEHW sizes of docs/theory.md §3.3
// apply to it), a run that hit the cap outputs its last, inconsistent, halfspace and
// is counted by update_summary() and by trial_facts() ("perceptron_cap_hits"). Such a
// run counts as a failure whatever its disagreement (fails(), bracketed_failure()):
// a verdict never rests on a learner that stopped short, and a HOLDS stays
// conservative. always_converges() says when no run can hit the cap (Novikoff's
// bound over the law's support is within it). The perceptron's halfspace is (w, b) with
// h(x) = 1[w·x + b > 0]; grid points never lie on h*'s boundary, and a point on the
// learned boundary counts as negative, as for h*.
//
// error() is exact (a Rational count ratio) when the law is enumerated; otherwise it
// is the test sample's disagreement rate (M points drawn from the trial's stream
// after the training set) and bracketed_failure() decides with one-sided
// Clopper–Pearson limits at level failure_slack() = β. fails() is then error() > ε on
// the estimate (rate mode only; verdicts use the bracket). error() itself is the
// disagreement of the halfspace output, capped run or not (rate mode reports it).
//
// replay() runs the trial's examples through the exact looped transformer
// (perceptron_model/perceptron_prompt/run_exact) and throws engine::ReplayMismatch
// unless its weights and loop count equal the fast path's (scaled_perceptron.h).
//
//   HalfspaceExperiment t3({seed, cell, law}, {.inputs = {InputKind::lattice, 2, 5}});
//   Rational err = t3.error(40, trial);     // exact disagreement of the learned halfspace
//   PerceptronRun run = t3.learn(40, trial);  // its weights and update count
#pragma once

#include "sim/engine/experiment.h"
#include "sim/experiments/cell_context.h"
#include "sim/experiments/scaled_perceptron.h"
#include "sim/targets/halfspace.h"
#include "sim/targets/input_law.h"
#include "sim/transformer/construction_vectors.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace elicit::experiments {

// How the disagreement is measured: automatic enumerates a finite law with at most
// enumeration_limit distinct points and samples otherwise.
enum class DisagreementMethod { automatic, enumerate, sample };

struct HalfspaceSettings {
  targets::InputLawSpec inputs;
  targets::BoundaryPlacement placement = targets::BoundaryPlacement::drawn_point;  // of h*
  Rational margin = 0;  // γ of the margin band (0: no band)
  int max_updates = 100000;
  DisagreementMethod method = DisagreementMethod::automatic;
  std::int64_t enumeration_limit = std::int64_t{1} << 16;  // points per exact error (≤ 2^22)
  std::int64_t test_points = 100000;                       // M, sampled errors
  double test_level = 1e-6;                                // β, sampled errors
};

// What the perceptron did over a range of trials (cap hits are its non-converged runs).
struct UpdateSummary {
  std::int64_t trials = 0;
  std::int64_t cap_hits = 0;
  int most_updates = 0;
  double mean_updates = 0;
};

class HalfspaceExperiment : public engine::Experiment {
 public:
  // The largest training set replayed or learned: the perceptron's prompt is n + 1
  // rows and its updates O(n d) each.
  static constexpr std::int64_t kMaxExamples = std::int64_t{1} << 20;

  // The target drawn from the cell's law stream; throws std::invalid_argument for
  // settings outside their limits (e.g. a band that leaves no lattice point).
  HalfspaceExperiment(CellContext where, const HalfspaceSettings& settings);
  // A given target (tests, worked examples).
  HalfspaceExperiment(CellContext where, const HalfspaceSettings& settings,
                      targets::Halfspace target);

  Rational error(std::int64_t n, std::uint64_t trial) const override;
  // A capped run fails; otherwise error() > eps (exact laws).
  bool fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const override;
  engine::TrialFailure bracketed_failure(std::int64_t n, std::uint64_t trial,
                                         const Rational& eps) const override;
  // "perceptron_cap_hits": 1 when the run reached max_updates (summed over trials).
  std::vector<engine::TrialFact> trial_facts(std::int64_t n, std::uint64_t trial) const override;
  double failure_slack() const override { return exact() ? 0.0 : settings_.test_level; }
  engine::ReplayOutcome replay(std::int64_t n, std::uint64_t trial,
                               std::int64_t max_tokens) const override;
  std::string engine() const override;
  std::string target_description() const override;
  engine::TargetLaw target_law() const override;
  // Exact, whatever the trial, for a finite law: perceptron_mistake_bound (Novikoff's
  // R'²‖u‖²/γ_u² with u = (w*, b*), over the law's support: no run makes more
  // updates; exact over an enumerated support, else from the largest coordinate and
  // the smallest possible |w*·x + b*|), and for an enumerated law accepted_fraction
  // (the mass outside the band).
  std::vector<engine::NamedValue> facts_at(std::int64_t n, const Rational& eps) const override;

  // Novikoff's bound above (nullopt for an unbounded law), and whether it is within
  // the cap: then every run converges and is consistent with its sample.
  const std::optional<Rational>& mistake_bound() const { return mistake_bound_; }
  bool always_converges() const {
    return mistake_bound_ && *mistake_bound_ <= settings_.max_updates;
  }
  int max_updates() const { return settings_.max_updates; }

  // True when errors are exact (the law is enumerated).
  bool exact() const { return enumerated_; }
  const targets::Halfspace& target() const { return target_; }
  const targets::InputLaw& inputs() const { return law_; }

  // A trial's training set (grid points and ±1 labels) and the perceptron's run on it.
  struct Sample {
    std::vector<targets::GridPoint> points;
    std::vector<int> labels;
  };
  Sample sample(std::int64_t n, std::uint64_t trial) const;
  PerceptronRun learn(std::int64_t n, std::uint64_t trial) const;
  // The exact disagreement of a halfspace s·(w, b) (scaled weights) with h* under
  // the enumerated law; throws std::logic_error when the law is not enumerated.
  Rational exact_disagreement(const std::vector<std::int64_t>& scaled_weights) const;
  // Disagreements among the test sample of a trial (the M points after the training set).
  std::int64_t test_disagreements(std::int64_t n, std::uint64_t trial) const;
  UpdateSummary update_summary(std::int64_t n, std::int64_t trials) const;

 private:
  void prepare();
  void prepare_bounded_support();
  Sample draw_sample(Stream& stream, std::int64_t n) const;
  // The run on a trial's training set and its disagreements on the test sample.
  std::pair<PerceptronRun, std::int64_t> tested(std::int64_t n, std::uint64_t trial) const;

  CellContext where_;
  HalfspaceSettings settings_;
  targets::InputLaw law_;
  targets::Halfspace target_;
  targets::MarginBand band_;
  bool enumerated_ = false;
  std::int64_t accepted_weight_ = 0, total_weight_ = 0;  // enumerated law, outside the band
  std::optional<Rational> mistake_bound_;
};

// The replay of one perceptron run: the looped transformer on `examples` (exact
// rationals, labels ±1) with room for `max_updates` updates must output
// expected.weights after min(updates + 1, max_updates) loops; throws
// engine::ReplayMismatch naming `what` otherwise.
void require_perceptron_replay(const std::vector<transformer::LabelledPoint>& examples,
                               const PerceptronRun& expected, int max_updates,
                               const std::string& what);

}  // namespace elicit::experiments
