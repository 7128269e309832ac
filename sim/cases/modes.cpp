#include "sim/cases/modes.h"

#include "sim/cases/mode_support.h"
#include "sim/cases/worst_target_mode.h"

#include "sim/engine/monte_carlo.h"
#include "sim/engine/n_star_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

namespace elicit::cases {
namespace {

using namespace detail;

std::int64_t integer(const Cell& cell, const std::string& key) {
  return to_int64_exact(*cell.get(key));
}

// What a cell's evaluation adds to its row, and at which n to replay it.
struct ModeResult {
  std::int64_t replay_n = 1;
  std::vector<std::string> notes;
};

ModeResult evaluate_verdict(const CaseFile& c, const Cell& cell,
                            const engine::Experiment& experiment,
                            const std::vector<theory::BoundRow>& bounds,
                            const engine::RunSettings& settings, results::CellResult& row) {
  results::VerdictOutcome v;
  std::int64_t n = 0;
  if (!settings.n_from_bound.empty()) {
    auto it = std::find_if(bounds.begin(), bounds.end(),
                           [&](const auto& b) { return b.bound->id == settings.n_from_bound; });
    if (it == bounds.end()) {
      throw CaseError(c.path.string() + ": key n_from_bound: no bound '" + settings.n_from_bound +
                      "' at " + cell.describe());
    }
    v.n_from = fmt::format("ceil({} x {})", to_string(settings.n_factor), settings.n_from_bound);
    // In double, and checked before it becomes an integer: a bound can be astronomically
    // large (or infinite), and a cast past int64 is undefined.
    const double size = std::ceil(to_double(settings.n_factor) * per_context(*it));
    if (!(size >= 1) || !(size <= static_cast<double>(engine::kLargestSampleSize))) {
      throw engine::SettingError(
          "n_factor",
          fmt::format("n = ceil({} x {}) = {:.4g} at {} is not a sample size in [1, 2^53]",
                      to_string_brief(settings.n_factor), settings.n_from_bound, size,
                      cell.describe()));
    }
    n = static_cast<std::int64_t>(size);
    if (const auto [limit, why] = sample_size_limit(*c.reading, cell.as_values()); n > limit) {
      throw engine::SettingError(
          "n_factor", fmt::format("n = ceil({} x {}) = {} at {} is above {}, the largest size "
                                  "{} takes ({})",
                                  to_string_brief(settings.n_factor), settings.n_from_bound, n,
                                  cell.describe(), limit, c.reading->id, why));
    }
  } else {
    n = integer(cell, sample_key(*c.reading));
  }
  const engine::VerdictTests tests(*cell.get("delta"), alpha_of(settings), settings.trials,
                                   experiment.failure_slack());
  const auto decided = engine::decide_at(experiment, n, *cell.get("eps"), tests, settings.threads);
  v.n = n;
  v.trials = decided.trials;
  v.failures = decided.failures;
  v.interval = decided.interval;
  v.verdict = decided.verdict;
  v.error_trial_0 = experiment.error(n, 0);
  v.facts = experiment.facts_at(n, *cell.get("eps"));
  for (auto& fact : engine::combined_trial_facts(experiment, n, v.trials, settings.threads))
    v.facts.push_back(std::move(fact));
  ModeResult result;
  if (v.verdict == stats::Verdict::inconclusive) {
    const auto zone = tests.holds().indifference_zone();
    result.notes.push_back(fmt::format(
        "inconclusive after {} trials (the cap): the failure rate is within [{:.4g}, {:.4g}], "
        "too close to delta to tell with this many trials",
        v.trials, zone.lower, zone.upper));
  }
  result.replay_n = n;
  row.outcome = v;
  return result;
}

// The exact n* of a curve's sample size (CurveSampleSize), as the interval its rounding
// bounds leave: [earliest, latest], 0 where the range holds none.
std::pair<std::int64_t, std::int64_t> exact_interval(const engine::CurveSampleSize& size) {
  return {size.earliest.value_or(0), size.latest.value_or(0)};
}

ModeResult evaluate_n_star(const CaseFile& c, const Cell& cell,
                           const engine::Experiment& experiment,
                           const std::vector<theory::BoundRow>& proving,
                           const engine::RunSettings& settings, results::CellResult& row) {
  engine::NStarSearchSettings search;
  std::tie(search.proven_sufficient, search.proven_by) = proven_sufficient(proving);
  // The search never asks the experiment for a size it does not take.
  // Not a structured binding: the lambda below uses `why`, and clang 14 (the fuzz
  // build) refuses to capture a structured binding.
  const auto size_limit = sample_size_limit(*c.reading, cell.as_values());
  const std::string& why = size_limit.second;
  search.n_max = std::min(settings.n_max, size_limit.first);
  search.relative_tolerance = settings.n_star_tolerance;
  search.max_evaluations = settings.max_evaluations;
  search.alpha = alpha_of(settings);
  search.trials = settings.trials;
  search.threads = settings.threads;
  const auto s = [&] {
    try {
      return engine::search_n_star(experiment, *cell.get("eps"), *cell.get("delta"), search);
    } catch (const engine::SettingError& error) {
      if (search.n_max == settings.n_max || error.key() != "n_max") throw;
      throw engine::SettingError(
          "n_max", fmt::format("the failure rate is not shown <= delta at n = {}, the largest "
                               "size {} takes ({}), and no bound proves a smaller size at {}",
                               search.n_max, c.reading->id, why, cell.describe()));
    }
  }();
  results::NStarOutcome outcome;
  outcome.estimate = s.estimate;
  outcome.lower = s.lower;
  outcome.upper = s.upper;
  outcome.upper_proven = s.upper_proven;
  outcome.lower_basis = s.lower_basis;
  outcome.upper_basis = s.upper_basis;
  outcome.budget_exhausted = s.budget_exhausted;
  outcome.alpha_per_evaluation = s.alpha_per_evaluation;
  outcome.alpha_per_size = s.alpha_per_size;
  const engine::VerdictTests tests(*cell.get("delta"), s.alpha_per_evaluation, settings.trials,
                                   experiment.failure_slack());
  outcome.indifference_zone = {tests.holds().indifference_zone().lower,
                               tests.violated().indifference_zone().upper};
  outcome.evaluations = s.evaluations;
  outcome.range_first = s.range_first;
  outcome.range_last = s.range_last;
  outcome.range_trials = s.range_trials;
  outcome.undecided = s.undecided;
  outcome.range = s.range;
  outcome.first_crossing_at_most = s.first_crossing_at_most;
  outcome.tolerance_met = s.tolerance_met;
  outcome.width_note = s.width_note;
  ModeResult result{s.estimate, {}};
  if (s.exact) {
    results::ExactNStarOutcome exact;
    exact.to = s.exact->to;
    std::tie(exact.eventual_lower, exact.eventual_upper) = exact_interval(s.exact->eventual);
    std::tie(exact.first_lower, exact.first_upper) = exact_interval(s.exact->first);
    outcome.exact = exact;
    if (exact.decided()) {
      outcome.estimate = exact.eventual_lower;
      outcome.estimate_source = "exact";
      result.replay_n = outcome.estimate;  // the n* the row prints
    }
    if (exact.eventual_upper < s.lower || exact.eventual_lower > s.upper) {
      result.notes.push_back(fmt::format(
          "the exact n* [{}, {}] lies outside the Monte Carlo bracket [{}, {}]: an error the "
          "bracket's confidence allows with probability <= {}",
          exact.eventual_lower, exact.eventual_upper, s.lower, s.upper,
          to_string(1 - settings.confidence)));
    }
  }
  if (!s.tolerance_met)
    result.notes.push_back("the n* bracket is wider than asked: " + s.width_note);
  if (s.budget_exhausted) {
    result.notes.push_back(fmt::format(
        "the locating stage used all {} evaluations before its tolerance; every size above "
        "its largest VIOLATED size was still checked",
        settings.max_evaluations));
  }
  row.outcome = std::move(outcome);
  return result;
}

ModeResult evaluate_rate(const CaseFile& c, const Cell& cell, const engine::Experiment& experiment,
                         const engine::RunSettings& settings, results::CellResult& row) {
  const std::int64_t n = integer(cell, sample_key(*c.reading));
  auto errors = engine::trial_errors(experiment, n, settings.trials, settings.threads);
  Rational sum = 0;
  for (const auto& e : errors) sum += e;
  std::sort(errors.begin(), errors.end());
  // The empirical (1 − δ)-quantile: the ⌈(1 − δ)·T⌉-th smallest error.
  const auto rank = static_cast<std::size_t>(
      std::ceil(to_double(1 - *cell.get("delta")) * static_cast<double>(errors.size())));
  row.outcome =
      results::RateOutcome{n, settings.trials, to_double(sum / static_cast<long>(errors.size())),
                           errors[std::clamp<std::size_t>(rank, 1, errors.size()) - 1]};
  return {n, {}};
}

// Each bound of the reading at this cell, and its ratio to n* with the interval it
// inherits (n_star mode: the cell's n*; worst_target mode: the worst target's).
// Findings come only from what is rigorous: a paper size (rounded up: sizes are
// integers) below the whole n* interval is insufficient here; a lower bound above
// it is a worst case over targets, not this target's requirement.
std::vector<results::BoundComparison> compare_bounds(
    const std::vector<theory::BoundRow>& bounds, const std::map<std::string, std::string>& caveats,
    const results::CellResult& row, std::vector<std::string>& notes) {
  std::optional<results::SizeInterval> n_star;
  if (const auto* s = row.n_star()) {
    // The exact n*, where the dynamic program decided it, is the interval ratios inherit.
    n_star = s->exact && s->exact->decided()
                 ? results::SizeInterval{s->estimate, s->estimate, s->estimate, true}
                 : results::SizeInterval{s->estimate, s->lower, s->upper};
  }
  if (const auto* w = row.worst_target()) n_star = w->worst_n_star;
  std::vector<results::BoundComparison> list;
  for (const auto& b : bounds) {
    const double value = per_context(b);
    results::BoundComparison entry{b.bound->id, b.bound->kind, value, std::nullopt, {}};
    if (const auto it = caveats.find(b.bound->id); it != caveats.end()) {
      entry.caveat = it->second;
      notes.push_back(fmt::format("{} proves nothing here: {}", b.bound->id, it->second));
    }
    if (n_star) {
      const auto [estimate, lower, upper, exact] = *n_star;
      entry.ratio_to_n_star =
          results::Ratio{value / static_cast<double>(estimate), value / static_cast<double>(upper),
                         value / static_cast<double>(lower)};
      if (b.bound->kind == theory::BoundKind::paper && below_n_star_interval(value, lower)) {
        notes.push_back(fmt::format(
            "{} = {:.4g} (rounded up {:.0f}) is below the whole n* interval [{}, {}]: the "
            "constant-1 formula is insufficient here",
            b.bound->id, value, std::ceil(value), lower, upper));
      }
      if (theory::is_lower(b.bound->kind) && value > static_cast<double>(upper)) {
        notes.push_back(fmt::format(
            "{} = {:.4g} is above the n* interval [{}, {}]: a lower bound is a worst case over "
            "all targets; this target needs fewer",
            b.bound->id, value, lower, upper));
      }
    }
    list.push_back(std::move(entry));
  }
  return list;
}

std::string replay_cell(const engine::Experiment& experiment, std::int64_t n,
                        const engine::RunSettings& settings) {
  std::string detail;
  int ran = 0;
  for (std::int64_t r = 0; r < settings.replay_trials; ++r) {
    const auto outcome =
        experiment.replay(n, static_cast<std::uint64_t>(r), settings.replay_max_tokens);
    if (!outcome.ran) return outcome.detail;
    ++ran;
    detail = outcome.detail;
  }
  if (ran == 0) return "no replay requested";
  return fmt::format("{} of {} trials equal at n = {} ({})", ran, settings.replay_trials, n,
                     detail);
}

}  // namespace

results::CellResult evaluate_cell(const CaseFile& c, const Cell& cell,
                                  const engine::RunSettings& settings) {
  const readings::Values grid = cell.as_values();
  const auto experiment = c.reading->make_experiment(
      {settings.seed, cell.index, readings::law_digest(*c.reading, grid, c.target), grid,
       c.target});
  results::CellResult row;
  row.cell = cell.index;
  for (const auto& key : c.grid_keys) row.parameters.emplace_back(key, *cell.get(key));
  row.target = experiment->target_description();
  row.target_law = experiment->target_law();
  row.engine = experiment->engine();
  const auto bounds = readings::evaluate_compared_bounds(*c.reading, grid);
  // The sufficient bounds whose assumptions fail for this experiment (registry), and
  // those that prove sizes here.
  std::map<std::string, std::string> caveats;
  std::vector<theory::BoundRow> proving;
  for (const auto& b : bounds) {
    std::optional<std::string> caveat;
    if (b.bound->kind == theory::BoundKind::sufficient && c.reading->bound_caveat)
      caveat = c.reading->bound_caveat(*b.bound, grid, c.target, *experiment);
    if (caveat) {
      caveats[b.bound->id] = *caveat;
    } else {
      proving.push_back(b);
    }
  }

  ModeResult result;
  switch (c.mode) {
    case engine::Mode::verdict:
      result = evaluate_verdict(c, cell, *experiment, bounds, settings, row);
      break;
    case engine::Mode::n_star:
      result = evaluate_n_star(c, cell, *experiment, proving, settings, row);
      break;
    case engine::Mode::rate:
      result = evaluate_rate(c, cell, *experiment, settings, row);
      break;
    case engine::Mode::worst_target: {
      const auto [replay_n, notes] = evaluate_worst_target(
          c, cell, grid, readings::law_digest(*c.reading, grid, c.target), bounds, settings, row);
      result = {replay_n, notes};
      break;
    }
  }
  row.bounds = compare_bounds(bounds, caveats, row, result.notes);
  row.replay = replay_cell(*experiment, result.replay_n, settings);
  row.notes = result.notes;
  return row;
}

}  // namespace elicit::cases
