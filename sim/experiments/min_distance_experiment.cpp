#include "sim/experiments/min_distance_experiment.h"

#include "sim/engine/exact_error.h"
#include "sim/exact/checked_int.h"

#include <fmt/format.h>

#include <stdexcept>

namespace elicit::experiments {

std::vector<targets::Distribution> tilted_product_family(int symbols, int length,
                                                         const Rational& tilt) {
  if (tilt <= 0 || tilt >= 1) throw std::invalid_argument("the tilt must be in (0, 1)");
  const std::int64_t sequences = checked_pow(symbols, length);
  // Per step, over the denominator b·V: (b − a) for another symbol, (b − a) + V·a for
  // the tilted one, with η = a/b.
  const std::int64_t a = numerator(tilt).convert_to<std::int64_t>();
  const std::int64_t b = denominator(tilt).convert_to<std::int64_t>();
  const std::int64_t step_total = checked_mul(b, symbols);
  const std::int64_t total = checked_pow(step_total, length);
  std::vector<targets::Distribution> family;
  for (std::int64_t s = 0; s < sequences; ++s) {
    targets::Distribution law{std::vector<std::int64_t>(static_cast<std::size_t>(sequences), 1),
                              total};
    for (std::int64_t x = 0; x < sequences; ++x) {
      std::int64_t weight = 1;
      for (std::int64_t t = 0, sx = s, xx = x; t < length; ++t, sx /= symbols, xx /= symbols) {
        weight = checked_mul(weight, (b - a) + (sx % symbols == xx % symbols ? symbols * a : 0));
      }
      law.weights[static_cast<std::size_t>(x)] = weight;
    }
    family.push_back(std::move(law));
  }
  return family;
}

namespace {

std::size_t draw_truth(CellContext where, std::size_t candidates) {
  Stream stream(engine::target_key(where.seed, where.law));
  return static_cast<std::size_t>(uniform_below(stream, candidates));
}

}  // namespace

MinDistanceExperiment::MinDistanceExperiment(CellContext where, int symbols, int length,
                                             const Rational& tilt, std::optional<std::size_t> truth)
    : where_(where),
      tilt_(tilt),
      family_(tilted_product_family(symbols, length, tilt)),
      truth_(truth ? *truth : draw_truth(where, family_.size())),
      selector_(family_),
      sampler_(family_.at(truth_).probabilities()) {
  if (static_cast<std::int64_t>(family_.size()) > kMaxCandidates)
    throw std::invalid_argument("min-distance family above 64 candidates");
}

std::size_t MinDistanceExperiment::chosen(std::int64_t n, std::uint64_t trial) const {
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
  const auto counts = sampler_.counts(stream, n);
  const auto best = selector_.closest(counts);
  return best.size() == 1 ? best.front() : best[uniform_below(stream, best.size())];
}

Rational MinDistanceExperiment::error(std::int64_t n, std::uint64_t trial) const {
  const targets::Distribution& picked = family_[chosen(n, trial)];
  return engine::l1_error(picked.weights, family_[truth_]);
}

engine::ReplayOutcome MinDistanceExperiment::replay(std::int64_t, std::uint64_t,
                                                    std::int64_t) const {
  return {false, "no transformer construction for minimum-distance selection (direct estimator)"};
}

std::string MinDistanceExperiment::engine() const {
  return fmt::format(
      "Yatracos minimum distance over {} candidates, {} distinct sets (direct, "
      "exact); L1",
      family_.size(), selector_.sets());
}

std::string MinDistanceExperiment::target_description() const {
  return fmt::format("tilted product family (tilt {}), truth candidate {}", to_string(tilt_),
                     truth_);
}

engine::TargetLaw MinDistanceExperiment::target_law() const {
  return {targets::laws_digest({family_[truth_]}),
          targets::listed_probabilities({family_[truth_]})};
}

}  // namespace elicit::experiments
