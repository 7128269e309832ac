#include "sim/cases/modes.h"

#include "sim/engine/monte_carlo.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace elicit::cases {
namespace {

std::int64_t integer(const Cell& cell, const std::string& key) {
  return to_int64_exact(*cell.get(key));
}

double per_context(const theory::BoundRow& row) {
  return (row.evaluation.per_context ? *row.evaluation.per_context : row.evaluation.size).value();
}

// What a cell's evaluation adds to its row, and at which n to replay it.
struct ModeResult {
  std::int64_t replay_n = 1;
  std::vector<std::string> notes;
};

// The sample size of the reading (the grid key an n* search varies).
std::string sample_key(const readings::Reading& reading) {
  for (const auto& rule : reading.grid) {
    if (rule.sample_size) return rule.key;
  }
  throw std::logic_error("reading " + reading.id + " has no sample-size key");
}

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
    n = static_cast<std::int64_t>(std::ceil(to_double(settings.n_factor) * per_context(*it)));
    v.n_from = fmt::format("ceil({} x {})", to_string(settings.n_factor), settings.n_from_bound);
  } else {
    n = integer(cell, sample_key(*c.reading));
  }
  n = std::max<std::int64_t>(n, 1);
  const auto decided =
      engine::decide_at(experiment, n, *cell.get("eps"), *cell.get("delta"), settings);
  v.n = n;
  v.trials = decided.trials;
  v.failures = decided.failures;
  v.interval = decided.interval;
  v.verdict = decided.verdict;
  v.error_trial_0 = experiment.error(n, 0);
  v.facts = experiment.facts_at(n);
  ModeResult result;
  if (v.verdict == stats::Verdict::inconclusive)
    result.notes.push_back(fmt::format("inconclusive after {} trials (cap)", v.trials));
  result.replay_n = n;
  row.outcome = v;
  return result;
}

ModeResult evaluate_n_star(const Cell& cell, const engine::Experiment& experiment,
                           const engine::RunSettings& settings, results::CellResult& row) {
  const auto s = engine::search_n_star(experiment, *cell.get("eps"), *cell.get("delta"), settings);
  row.outcome = results::NStarOutcome{settings.trials, s.estimate, s.lower, s.upper, s.evaluations};
  return {s.estimate, {}};
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

// Each bound of the reading at this cell, and its ratio to n* when there is one;
// a paper row below n* is the finding THEORY.md §3.1 predicts for small ln(m/δ).
std::vector<results::BoundComparison> compare_bounds(const std::vector<theory::BoundRow>& bounds,
                                                     const results::CellResult& row,
                                                     std::vector<std::string>& notes) {
  std::vector<results::BoundComparison> list;
  for (const auto& b : bounds) {
    results::BoundComparison entry{b.bound->id, b.bound->kind, per_context(b), std::nullopt};
    if (const auto* s = row.n_star()) {
      const double ratio = per_context(b) / static_cast<double>(s->estimate);
      entry.ratio_to_n_star = ratio;
      if (b.bound->kind == theory::BoundKind::paper && ratio < 1) {
        notes.push_back(fmt::format(
            "{} = {:.4g} is below the measured n* = {} (ratio {:.3f}): the constant-1 formula "
            "is insufficient here",
            b.bound->id, per_context(b), s->estimate, ratio));
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
  const auto experiment = c.reading->make_experiment({settings.seed, cell.index, grid, c.target});
  results::CellResult row;
  row.cell = cell.index;
  for (const auto& key : c.grid_keys) row.parameters.emplace_back(key, *cell.get(key));
  row.target = experiment->target_description();
  row.engine = experiment->engine();
  const auto bounds = readings::evaluate_compared_bounds(*c.reading, grid);

  ModeResult result;
  switch (c.mode) {
    case engine::Mode::verdict:
      result = evaluate_verdict(c, cell, *experiment, bounds, settings, row);
      break;
    case engine::Mode::n_star:
      result = evaluate_n_star(cell, *experiment, settings, row);
      break;
    case engine::Mode::rate:
      result = evaluate_rate(c, cell, *experiment, settings, row);
      break;
  }
  row.bounds = compare_bounds(bounds, row, result.notes);
  row.replay = replay_cell(*experiment, result.replay_n, settings);
  row.notes = result.notes;
  return row;
}

}  // namespace elicit::cases
