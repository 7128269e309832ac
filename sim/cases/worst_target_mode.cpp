#include "sim/cases/worst_target_mode.h"

#include "sim/cases/mode_support.h"
#include "sim/engine/monte_carlo.h"
#include "sim/engine/n_star_search.h"
#include "sim/engine/worst_target_search.h"
#include "sim/stats/clopper_pearson.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace elicit::cases::detail {
namespace {

using results::SizeInterval;
using results::WorstTargetOutcome;

std::vector<Rational> probabilities_of(const targets::Distribution& law) {
  std::vector<Rational> out;
  for (std::size_t v = 0; v < law.size(); ++v) out.push_back(law.probability(v));
  return out;
}

WorstTargetOutcome::Point point_of(const targets::Distribution& law,
                                   const engine::ObjectiveValue& value, std::string phase = {}) {
  return {probabilities_of(law), value.value, value.lower, value.upper, std::move(phase)};
}

// One cell's worst-target computation: the family's objective and n* for any law.
class WorstTarget {
 public:
  WorstTarget(const CaseFile& c, const Cell& cell, const readings::Values& grid, std::uint64_t law,
              const std::vector<theory::BoundRow>& bounds, const engine::RunSettings& settings)
      : family_(*c.reading->simplex_family),
        grid_(grid),
        request_{settings.seed, cell.index, law, grid, c.target},
        settings_(settings),
        eps_(grid.number("eps")),
        delta_(grid.number("delta")),
        proven_(proven_sufficient(bounds)) {}

  // P(error > eps) at n for the law: exact where the dynamic program reaches, else the
  // Monte Carlo rate over trials 0 … T−1 (the same keys for every law: common random
  // numbers) with its Clopper–Pearson interval.
  engine::ObjectiveValue failure(const targets::Distribution& law, std::int64_t n, bool& exact) {
    if (auto p = family_.exact_failure(grid_, law, n)) {
      exact = true;
      return {p->value, std::max(0.0, p->value - p->error_bound),
              std::min(1.0, p->value + p->error_bound)};
    }
    exact = false;
    const auto experiment = family_.make_with_law(request_, law);
    const auto failures =
        engine::count_failures(*experiment, n, eps_, 0, settings_.trials, settings_.threads);
    const auto ci =
        stats::clopper_pearson(failures, settings_.trials, to_double(settings_.confidence));
    return {static_cast<double>(failures) / static_cast<double>(settings_.trials), ci.lower,
            ci.upper};
  }

  // The law's n*: exactly, scanning P(n) down from the proven size while the program
  // reaches; else by the sequential n* search.
  SizeInterval n_star(const targets::Distribution& law) {
    if (proven_.first > 0) {
      if (auto exact = exact_n_star(law)) return *exact;
    }
    const auto experiment = family_.make_with_law(request_, law);
    engine::NStarSearchSettings search;
    search.alpha = alpha_of(settings_);
    search.trials = settings_.trials;
    std::tie(search.proven_sufficient, search.proven_by) = proven_;
    search.n_max = settings_.n_max;
    search.relative_tolerance = settings_.n_star_tolerance;
    search.max_evaluations = settings_.max_evaluations;
    search.threads = settings_.threads;
    const auto s = engine::search_n_star(*experiment, eps_, delta_, search);
    return {s.estimate, s.lower, s.upper, false};
  }

 private:
  // The eventual n*: the largest n below the proven size whose P(n) exceeds delta,
  // plus one; a rounding bound that straddles delta widens the interval.
  std::optional<SizeInterval> exact_n_star(const targets::Distribution& law) {
    std::optional<std::int64_t> surely_above, possibly_above;
    for (std::int64_t n = proven_.first - 1; n >= 1 && !surely_above; --n) {
      const auto p = family_.exact_failure(grid_, law, n);
      if (!p) return std::nullopt;
      const double d = to_double(delta_);
      if (p->value - p->error_bound > d) surely_above = n;
      if (!possibly_above && p->value + p->error_bound > d) possibly_above = n;
    }
    const std::int64_t lower = surely_above.value_or(0) + 1;
    const std::int64_t upper = possibly_above.value_or(0) + 1;
    return SizeInterval{upper, lower, upper, lower == upper};
  }

  const readings::SimplexFamily& family_;
  const readings::Values& grid_;
  readings::ExperimentRequest request_;
  const engine::RunSettings& settings_;
  Rational eps_, delta_;
  std::pair<std::int64_t, std::string> proven_;
};

// V = 3: every composition of the map's resolution, from the values of the sorted laws.
std::vector<WorstTargetOutcome::Point> simplex_map(WorstTarget& target, std::int64_t n,
                                                   std::int64_t resolution) {
  std::map<std::vector<std::int64_t>, engine::ObjectiveValue> sorted;
  for (const auto& law : engine::simplex_grid(3, resolution)) {
    bool exact = false;
    sorted[law.weights] = target.failure(law, n, exact);
  }
  std::vector<WorstTargetOutcome::Point> map;
  for (std::int64_t a = 0; a <= resolution; ++a) {
    for (std::int64_t b = 0; a + b <= resolution; ++b) {
      std::vector<std::int64_t> weights = {a, b, resolution - a - b};
      std::vector<std::int64_t> key = weights;
      std::sort(key.begin(), key.end(), std::greater<>());
      map.push_back(point_of({weights, resolution}, sorted.at(key)));
    }
  }
  return map;
}

}  // namespace

std::pair<std::int64_t, std::vector<std::string>> evaluate_worst_target(
    const CaseFile& c, const Cell& cell, const readings::Values& grid, std::uint64_t law_digest,
    const std::vector<theory::BoundRow>& bounds, const engine::RunSettings& settings,
    results::CellResult& row) {
  WorstTarget target(c, cell, grid, law_digest, bounds, settings);
  const auto symbols = static_cast<int>(grid.integer("V"));
  const targets::Distribution uniform{
      std::vector<std::int64_t>(static_cast<std::size_t>(symbols), 1), symbols};
  WorstTargetOutcome outcome;
  outcome.trials = settings.trials;
  outcome.uniform_n_star = target.n_star(uniform);
  // Where to look: the given n, or the first size at which the uniform law surely
  // suffices — a law that fails more often than delta there needs more samples.
  outcome.n = grid.has("n") ? grid.integer("n") : outcome.uniform_n_star.upper;
  bool exact = true;
  const engine::TargetObjective objective = [&](const targets::Distribution& law) {
    bool this_exact = false;
    const auto value = target.failure(law, outcome.n, this_exact);
    exact = exact && this_exact;
    return value;
  };
  engine::WorstTargetSettings search;
  search.resolution = settings.search_resolution;
  search.starts = settings.search_starts;
  search.refinements = settings.search_refinements;
  search.budget = settings.search_budget;
  const auto found = engine::search_worst_target(symbols, objective, search);
  outcome.exact = exact;
  outcome.uniform = point_of(found.uniform, found.uniform_value, "uniform");
  outcome.worst = point_of(found.best, found.best_value);
  for (const auto& step : found.trace)
    outcome.trace.push_back(point_of(step.law, step.value, step.phase));
  outcome.budget_exhausted = found.budget_exhausted;
  outcome.worst_n_star = target.n_star(found.best);
  // The uniform law belongs to the family: the hardest target is never easier than it.
  if (outcome.worst_n_star.lower < outcome.uniform_n_star.lower) {
    outcome.worst = outcome.uniform;
    outcome.worst_n_star = outcome.uniform_n_star;
  }
  if (symbols == 3 && exact) outcome.map = simplex_map(target, outcome.n, 30);

  std::vector<std::string> notes;
  notes.push_back(fmt::format(
      "at n = {} the worst law found fails with probability {:.4g} against {:.4g} for the "
      "uniform law ({}); its n* is {} against {}",
      outcome.n, outcome.worst.value, outcome.uniform.value,
      exact ? "exact"
            : fmt::format("Monte Carlo, {} trials, common random numbers", settings.trials),
      outcome.worst_n_star.lower == outcome.worst_n_star.upper
          ? std::to_string(outcome.worst_n_star.lower)
          : fmt::format("in [{}, {}]", outcome.worst_n_star.lower, outcome.worst_n_star.upper),
      outcome.uniform_n_star.lower == outcome.uniform_n_star.upper
          ? std::to_string(outcome.uniform_n_star.lower)
          : fmt::format("in [{}, {}]", outcome.uniform_n_star.lower,
                        outcome.uniform_n_star.upper)));
  // A bound that suffices for the uniform law but not for the worst target found.
  for (const auto& b : bounds) {
    if (theory::is_lower(b.bound->kind)) continue;
    const double size = std::ceil(per_context(b));
    if (size >= static_cast<double>(outcome.uniform_n_star.upper) &&
        size < static_cast<double>(outcome.worst_n_star.lower)) {
      notes.push_back(fmt::format(
          "{} = {:.0f} suffices for the uniform law (n* <= {}) but not for the worst target "
          "found (n* >= {})",
          b.bound->id, size, outcome.uniform_n_star.upper, outcome.worst_n_star.lower));
    }
  }
  if (found.budget_exhausted)
    notes.push_back(fmt::format("the search used its whole budget ({})", search.budget));
  const std::int64_t replay_n = outcome.worst_n_star.estimate;
  row.outcome = std::move(outcome);
  return {replay_n, notes};
}

}  // namespace elicit::cases::detail
