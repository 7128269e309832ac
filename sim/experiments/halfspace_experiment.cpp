#include "sim/experiments/halfspace_experiment.h"

#include "sim/exact/checked_int.h"
#include "sim/experiments/counting_replay.h"
#include "sim/experiments/estimated_rate.h"
#include "sim/transformer/forward.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace elicit::experiments {

using targets::GridPoint;

namespace {

void check_settings(const HalfspaceSettings& s) {
  if (s.margin < 0) throw std::invalid_argument("T3: the margin gamma must be >= 0");
  if (s.max_updates < 1) throw std::invalid_argument("T3: max_updates must be >= 1");
  if (s.enumeration_limit < 1 || s.enumeration_limit > targets::InputLaw::kMaxEnumerated)
    throw std::invalid_argument(
        fmt::format("T3: enumeration_limit must be in [1, {}]", targets::InputLaw::kMaxEnumerated));
  if (s.test_points < 1) throw std::invalid_argument("T3: test_points must be >= 1");
  if (!(s.test_level > 0 && s.test_level < 1))
    throw std::invalid_argument("T3: test_level must be in (0, 1)");
}

targets::Halfspace drawn_target(CellContext where, const HalfspaceSettings& settings) {
  Stream stream(engine::target_key(where.seed, where.law));
  return targets::draw_halfspace(targets::InputLaw(settings.inputs), stream, settings.placement);
}

}  // namespace

HalfspaceExperiment::HalfspaceExperiment(CellContext where, const HalfspaceSettings& settings)
    : HalfspaceExperiment(where, settings, drawn_target(where, settings)) {}

HalfspaceExperiment::HalfspaceExperiment(CellContext where, const HalfspaceSettings& settings,
                                         targets::Halfspace target)
    : where_(where),
      settings_(settings),
      law_(settings.inputs),
      target_(std::move(target)),
      band_(target_, settings.margin) {
  check_settings(settings);
  if (target_.dimension() != law_.dimension() || target_.scale() != law_.scale())
    throw std::invalid_argument("T3: the target's dimension or grid differs from the input law's");
  prepare();
}

void HalfspaceExperiment::prepare() {
  const auto points = law_.enumerable_points();
  const bool fits = points && *points <= settings_.enumeration_limit;
  if (settings_.method == DisagreementMethod::enumerate && !fits)
    throw std::invalid_argument(
        fmt::format("T3: the input law {} has {} distinct points, above the enumeration limit {}",
                    law_.spec().describe(), points ? std::to_string(*points) : "unboundedly many",
                    settings_.enumeration_limit));
  enumerated_ = fits && settings_.method != DisagreementMethod::sample;
  if (!fits) {
    prepare_bounded_support();
    return;
  }
  // The exact facts of a finite law: its mass outside the band and Novikoff's bound,
  // max ‖(x, 1)‖² ‖u‖² / min (u·(x, 1))² with u = (w*, b*), in scaled integers:
  // ‖(x, 1)‖² = (‖v‖² + s²)/s², ‖u‖² = (4s²‖w*‖² + β²)/(4s²), u·(x, 1) = score/(2s).
  const std::int64_t s = law_.scale();
  std::int64_t largest_norm = 0, smallest_score = 0;
  law_.for_each_point([&](const GridPoint& v, std::int64_t weight) {
    total_weight_ = checked_add(total_weight_, weight);
    if (band_.rejects(v)) return;
    accepted_weight_ = checked_add(accepted_weight_, weight);
    std::int64_t norm = checked_mul(s, s);
    for (auto c : v) norm = checked_add(norm, checked_mul(c, c));
    largest_norm = std::max(largest_norm, norm);
    const std::int64_t score = std::abs(target_.score(v));
    smallest_score = smallest_score == 0 ? score : std::min(smallest_score, score);
  });
  if (accepted_weight_ == 0)
    throw std::invalid_argument(
        fmt::format("T3: the margin band gamma = {} rejects every point of {}",
                    to_string(settings_.margin), law_.spec().describe()));
  const Integer s2 = Integer(s) * s;
  const Integer beta(target_.bias_numerator());
  const Integer u_norm = 4 * s2 * target_.squared_weight_norm() + beta * beta;
  mistake_bound_ = Rational(Integer(largest_norm) * u_norm) /
                   Rational(s2 * Integer(smallest_score) * Integer(smallest_score));
}

void HalfspaceExperiment::prepare_bounded_support() {
  // A finite law too large to enumerate: Novikoff's bound from the largest |coordinate|
  // and the smallest score any grid point can have, |score| >= 1 (it is odd), or
  // score² >= 4 s² γ² ‖w*‖² outside a band.
  const auto& coordinate = law_.coordinate_law();
  if (!coordinate) return;  // unbounded (gaussian): no bound
  std::int64_t largest = 0;
  for (auto c : coordinate->values) largest = std::max(largest, std::abs(c));
  const std::int64_t s = law_.scale();
  const Integer s2 = Integer(s) * s;
  const Integer largest_norm = s2 + Integer(law_.dimension()) * largest * largest;
  const Integer beta(target_.bias_numerator());
  const Integer u_norm = 4 * s2 * target_.squared_weight_norm() + beta * beta;
  const Rational smallest_square =
      std::max(Rational(1), 4 * Rational(s2) * settings_.margin * settings_.margin *
                                Rational(target_.squared_weight_norm()));
  mistake_bound_ = Rational(largest_norm * u_norm) / (Rational(s2) * smallest_square);
}

HalfspaceExperiment::Sample HalfspaceExperiment::sample(std::int64_t n, std::uint64_t trial) const {
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
  return draw_sample(stream, n);
}

HalfspaceExperiment::Sample HalfspaceExperiment::draw_sample(Stream& stream, std::int64_t n) const {
  if (n < 1 || n > kMaxExamples)
    throw std::invalid_argument(fmt::format("T3: n must be in [1, {}] (got {})", kMaxExamples, n));
  Sample out;
  out.points.reserve(static_cast<std::size_t>(n));
  out.labels.reserve(static_cast<std::size_t>(n));
  for (std::int64_t j = 0; j < n; ++j) {
    out.points.push_back(band_.draw(law_, stream));
    out.labels.push_back(target_.label(out.points.back()));
  }
  return out;
}

PerceptronRun HalfspaceExperiment::learn(std::int64_t n, std::uint64_t trial) const {
  const Sample data = sample(n, trial);
  return scaled_perceptron(data.points, data.labels, law_.scale(), settings_.max_updates);
}

Rational HalfspaceExperiment::exact_disagreement(
    const std::vector<std::int64_t>& scaled_weights) const {
  if (!enumerated_) throw std::logic_error("T3: the input law is not enumerated");
  std::int64_t disagreeing = 0;
  law_.for_each_point([&](const GridPoint& v, std::int64_t weight) {
    if (band_.rejects(v)) return;
    const bool learned = scaled_side(scaled_weights, v, law_.scale()) > 0;
    if (learned != target_.positive(v)) disagreeing = checked_add(disagreeing, weight);
  });
  return Rational(disagreeing, accepted_weight_);
}

std::int64_t HalfspaceExperiment::test_disagreements(std::int64_t n, std::uint64_t trial) const {
  return tested(n, trial).second;
}

std::pair<PerceptronRun, std::int64_t> HalfspaceExperiment::tested(std::int64_t n,
                                                                   std::uint64_t trial) const {
  // The test points follow the training set in the trial's stream: independent of
  // it, and a pure function of (seed, cell, trial, n).
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
  const Sample data = draw_sample(stream, n);
  PerceptronRun run =
      scaled_perceptron(data.points, data.labels, law_.scale(), settings_.max_updates);
  std::int64_t hits = 0;
  GridPoint v;
  for (std::int64_t j = 0; j < settings_.test_points; ++j) {
    band_.draw(law_, stream, v);
    const bool learned = scaled_side(run.scaled, v, law_.scale()) > 0;
    hits += learned != target_.positive(v) ? 1 : 0;
  }
  return {std::move(run), hits};
}

Rational HalfspaceExperiment::error(std::int64_t n, std::uint64_t trial) const {
  if (enumerated_) return exact_disagreement(learn(n, trial).scaled);
  return Rational(test_disagreements(n, trial), settings_.test_points);
}

bool HalfspaceExperiment::fails(std::int64_t n, std::uint64_t trial, const Rational& eps) const {
  if (!enumerated_) {
    const auto [run, hits] = tested(n, trial);
    return !run.converged || Rational(hits, settings_.test_points) > eps;
  }
  const PerceptronRun run = learn(n, trial);
  return !run.converged || exact_disagreement(run.scaled) > eps;
}

engine::TrialFailure HalfspaceExperiment::bracketed_failure(std::int64_t n, std::uint64_t trial,
                                                            const Rational& eps) const {
  if (enumerated_) {
    const bool failed = fails(n, trial, eps);
    return {failed, failed};
  }
  const auto [run, hits] = tested(n, trial);
  if (!run.converged) return {true, true};  // the cap: a failure, whatever the error
  return bracket_estimated_rate(hits, settings_.test_points, eps, settings_.test_level);
}

std::vector<engine::TrialFact> HalfspaceExperiment::trial_facts(std::int64_t n,
                                                                std::uint64_t trial) const {
  return {{"perceptron_cap_hits", Rational(learn(n, trial).converged ? 0 : 1), true}};
}

void require_perceptron_replay(const std::vector<transformer::LabelledPoint>& examples,
                               const PerceptronRun& expected, int max_updates,
                               const std::string& what) {
  const int d = static_cast<int>(examples.front().x.size());
  // perceptron_model(d, u) loops at most u + 1 times, the last run meant to confirm a
  // fixed point; with u = max_updates − 1 it makes at most max_updates updates, as
  // the fast path, and stops after the confirming run when it converged earlier.
  const auto result = transformer::run_exact(transformer::perceptron_model(d, max_updates - 1),
                                             transformer::perceptron_prompt(d, examples));
  const int loops = std::min(expected.updates + 1, max_updates);
  if (result.output != expected.weights || result.loops.at(0) != loops) {
    std::vector<std::string> got, want;
    for (const auto& w : result.output) got.push_back(to_string(w));
    for (const auto& w : expected.weights) want.push_back(to_string(w));
    throw engine::ReplayMismatch(fmt::format(
        "{}: the looped transformer gives (w, b) = ({}) after {} loops, the fast path ({}) "
        "after {} updates",
        what, fmt::join(got, ", "), result.loops.at(0), fmt::join(want, ", "), expected.updates));
  }
}

engine::ReplayOutcome HalfspaceExperiment::replay(std::int64_t n, std::uint64_t trial,
                                                  std::int64_t max_tokens) const {
  const std::int64_t tokens = n + 1;  // the weight row, then one row per example
  if (auto skipped = skip_if_longer(tokens, max_tokens)) return *skipped;
  const Sample data = sample(n, trial);
  const PerceptronRun run =
      scaled_perceptron(data.points, data.labels, law_.scale(), settings_.max_updates);
  std::vector<transformer::LabelledPoint> examples;
  for (std::size_t j = 0; j < data.points.size(); ++j)
    examples.push_back({law_.exact(data.points[j]), Rational(data.labels[j])});
  require_perceptron_replay(examples, run, settings_.max_updates, fmt::format("trial {}", trial));
  return {true, fmt::format("{} rows, {} perceptron updates{}, weights equal", tokens, run.updates,
                            run.converged ? "" : " (cap reached)")};
}

std::string HalfspaceExperiment::engine() const {
  const std::string error =
      enumerated_ ? fmt::format("exact disagreement over {} points", *law_.enumerable_points())
                  : fmt::format(
                        "disagreement on {} test points, one-sided Clopper-Pearson "
                        "bracket at level {:g}",
                        settings_.test_points, settings_.test_level);
  return fmt::format(
      "most-violated perceptron (integer fast path, at most {} updates; a run that reaches the "
      "cap counts as a failure); looped transformer replays; {}",
      settings_.max_updates, error);
}

std::string HalfspaceExperiment::target_description() const {
  std::string band = settings_.margin > 0
                         ? fmt::format(", margin band {}", to_string(settings_.margin))
                         : std::string();
  return fmt::format("halfspace {} on {}{}", target_.describe(), law_.spec().describe(), band);
}

engine::TargetLaw HalfspaceExperiment::target_law() const {
  std::vector<Rational> coefficients = target_.exact_weights();
  coefficients.push_back(target_.exact_bias());
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const auto& c : coefficients) {
    for (unsigned char ch : to_string(c) + ";") h = (h ^ ch) * 0x100000001b3ULL;
  }
  return {fmt::format("{:016x}", h), {coefficients}};
}

std::vector<engine::NamedValue> HalfspaceExperiment::facts_at(std::int64_t, const Rational&) const {
  if (!mistake_bound_) return {};
  std::vector<engine::NamedValue> facts;
  if (total_weight_ > 0)
    facts.push_back({"accepted_fraction", Rational(accepted_weight_, total_weight_)});
  facts.push_back({"perceptron_mistake_bound", *mistake_bound_});
  return facts;
}

UpdateSummary HalfspaceExperiment::update_summary(std::int64_t n, std::int64_t trials) const {
  UpdateSummary summary;
  double total = 0;
  for (std::int64_t t = 0; t < trials; ++t) {
    const PerceptronRun run = learn(n, static_cast<std::uint64_t>(t));
    ++summary.trials;
    summary.cap_hits += run.converged ? 0 : 1;
    summary.most_updates = std::max(summary.most_updates, run.updates);
    total += run.updates;
  }
  summary.mean_updates = trials > 0 ? total / static_cast<double>(trials) : 0;
  return summary;
}

}  // namespace elicit::experiments
