#include "sim/report/results_tables.h"

#include "sim/report/case_view.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace elicit::report {
namespace {

using results::CaseResult;
using results::CellResult;

// A value in a cell of the summary, with 4 significant digits.
using Shown = std::string;

Shown of_integer(std::int64_t value) { return std::to_string(value); }
Shown of_double(double value) { return fmt::format("{:.4g}", value); }
Shown of_exact(const Rational& value) {
  return fmt::format("{:.4g} ({})", to_double(value), to_string(value));
}
Shown of_text(const std::string& value) { return value; }

// The mode's columns of one cell, by name, in the mode's order; the sample size under
// the reading's name for it.
std::vector<std::pair<std::string, Shown>> mode_columns(const CellResult& cell,
                                                        const std::string& sample_key) {
  std::vector<std::pair<std::string, Shown>> out;
  if (const auto* v = cell.verdict()) {
    out = {{sample_key, of_integer(v->n)},
           {"trials", of_integer(v->trials)},
           {"failures", of_integer(v->failures)},
           {"failure_rate",
            of_double(static_cast<double>(v->failures) / static_cast<double>(v->trials))},
           {"ci_lower", of_double(v->interval.lower)},
           {"ci_upper", of_double(v->interval.upper)},
           {"verdict", of_text(std::string(stats::verdict_name(v->verdict)))},
           {"error_trial_0", of_exact(v->error_trial_0)}};
    for (const auto& fact : v->facts) out.emplace_back(fact.name, of_exact(fact.value));
  } else if (const auto* s = cell.n_star()) {
    out = {{"n_star", of_integer(s->estimate)},
           {"n_star_lower", of_integer(s->lower)},
           {"n_star_upper", of_integer(s->upper)},
           {"evaluations", of_integer(static_cast<std::int64_t>(s->evaluations.size()))},
           {"trials", of_integer(s->trials_used())}};
  } else if (const auto* r = cell.rate()) {
    out = {{sample_key, of_integer(r->n)},
           {"trials", of_integer(r->trials)},
           {"mean_error", of_double(r->mean_error)},
           {"quantile_error", of_exact(r->quantile_error)}};
  } else if (const auto* w = cell.worst_target()) {
    auto law = [](const std::vector<Rational>& p) {
      std::vector<std::string> parts;
      parts.reserve(p.size());
      for (const auto& probability : p) parts.push_back(to_string(probability));
      return fmt::format("({})", fmt::join(parts, ", "));
    };
    auto size = [](const results::SizeInterval& interval) {
      return interval.lower == interval.upper
                 ? std::to_string(interval.lower)
                 : fmt::format("[{}, {}]", interval.lower, interval.upper);
    };
    out = {{"search_n", of_integer(w->n)},
           {"uniform_failure", of_double(w->uniform.value)},
           {"worst_failure", of_double(w->worst.value)},
           {"worst_law", of_text(law(w->worst.law))},
           {"uniform_n_star", of_text(size(w->uniform_n_star))},
           {"worst_n_star", of_text(size(w->worst_n_star))},
           {"evaluations", of_integer(static_cast<std::int64_t>(w->trace.size()))}};
  }
  return out;
}

}  // namespace

Table cells_table(const CaseResult& result) {
  Table table;
  const std::string sample_key = view_of(result).sample_key;
  std::vector<std::string> keys;
  if (!result.cells.empty()) {
    for (const auto& [key, value] : result.cells[0].parameters) keys.push_back(key);
  }
  // The mode's columns that some cell has and that are not grid keys already.
  std::vector<std::string> columns;
  for (const auto& cell : result.cells) {
    for (const auto& [name, shown] : mode_columns(cell, sample_key)) {
      if (std::find(keys.begin(), keys.end(), name) == keys.end() &&
          std::find(columns.begin(), columns.end(), name) == columns.end())
        columns.push_back(name);
    }
  }
  // Every bound some cell has, in first-seen order (a bound may not apply at every
  // cell, e.g. a reference defined only for delta < 1/2).
  std::vector<std::string> bound_ids;
  for (const auto& cell : result.cells) {
    for (const auto& b : cell.bounds) {
      if (std::find(bound_ids.begin(), bound_ids.end(), b.id) == bound_ids.end())
        bound_ids.push_back(b.id);
    }
  }
  const bool ratios = result.mode == engine::Mode::n_star;
  table.header = {"cell"};
  table.header.insert(table.header.end(), keys.begin(), keys.end());
  table.header.insert(table.header.end(), columns.begin(), columns.end());
  for (const auto& id : bound_ids) {
    table.header.push_back(ratios ? id + " / n*" : id);
  }
  for (const auto& cell : result.cells) {
    std::vector<std::string> row = {std::to_string(cell.cell)};
    for (const auto& [key, value] : cell.parameters) row.push_back(to_string(value));
    const auto shown = mode_columns(cell, sample_key);
    for (const auto& column : columns) {
      const auto it = std::find_if(shown.begin(), shown.end(),
                                   [&](const auto& entry) { return entry.first == column; });
      row.push_back(it == shown.end() ? "" : it->second);
    }
    for (const auto& id : bound_ids) {
      const auto it = std::find_if(cell.bounds.begin(), cell.bounds.end(),
                                   [&](const auto& b) { return b.id == id; });
      if (it == cell.bounds.end()) {
        row.push_back("");
        continue;
      }
      const auto& bound = *it;
      if (!ratios || !bound.ratio_to_n_star) {
        row.push_back(fmt::format("{:.3g}", bound.value));
        continue;
      }
      const auto& ratio = *bound.ratio_to_n_star;
      row.push_back(
          fmt::format("{:.3g} [{:.3g}, {:.3g}]", ratio.estimate, ratio.lower, ratio.upper));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string render_case_markdown(const CaseResult& result) {
  std::ostringstream out;
  out << "## " << result.title << "\n\n";
  const auto& settings = result.settings;
  out << fmt::format("Case `{}`: theorem {}, reading `{}`, mode {}. Seed {}, confidence {}, ",
                     result.name, result.theorem, result.reading, engine::mode_name(result.mode),
                     settings.seed, to_string(settings.confidence));
  switch (result.mode) {
    case engine::Mode::rate:
      out << fmt::format("{} trials per cell.\n\n", settings.trials);
      break;
    case engine::Mode::verdict:
      out << fmt::format(
          "sequential verdicts (at most {} trials each; a verdict is wrong with probability <= "
          "{} at any stopping time; the interval is the confidence sequence).\n\n",
          settings.trials, to_string(1 - settings.confidence));
      break;
    case engine::Mode::n_star:
      out << fmt::format(
          "n* bracketed by sequential verdicts (at most {} trials each): at most {} to locate "
          "it, then every size from the largest VIOLATED one to the proven size, all right at "
          "once with probability >= {}; asked relative width {}).\n\n",
          settings.trials, settings.max_evaluations, to_string(settings.confidence),
          to_string(settings.n_star_tolerance));
      break;
    case engine::Mode::worst_target:
      out << fmt::format(
          "the hardest law of the simplex searched at the size where the uniform law last fails "
          "(grid of resolution {}, {} local searches, {} refinements, at most {} evaluations); "
          "exact failure probabilities where the dynamic program reaches, else at most {} "
          "trials with common random numbers; n* of both laws exactly or by the sequential "
          "search.\n\n",
          settings.search_resolution, settings.search_starts, settings.search_refinements,
          settings.search_budget, settings.trials);
      break;
  }
  if (!result.cells.empty()) out << "Engine: " << result.cells[0].engine << ".\n\n";
  out << render_markdown(cells_table(result));
  if (!result.fits.empty()) {
    out << "\nScaling fits (log-log least squares; the interval is the fit's Student-t interval at "
           "the case's confidence; for n* the fit uses each interval's geometric middle, and "
           "the range is the slope over every choice of n* within the intervals):\n\n";
    Table fits{{"y", "x", "group", "points", "slope", "interval", "range over n* intervals",
                "theory predicts"},
               {}};
    for (const auto& f : result.fits) {
      fits.rows.push_back(
          {f.y, f.x, f.group, std::to_string(f.points), fmt::format("{:.3f}", f.slope),
           f.lower ? fmt::format("[{:.3f}, {:.3f}]", *f.lower, *f.upper) : "n/a (2 points)",
           f.range_lower ? fmt::format("[{:.3f}, {:.3f}]", *f.range_lower, *f.range_upper) : "",
           f.expected ? fmt::format("{}", *f.expected) : "none predicted"});
    }
    out << render_markdown(fits);
  }
  std::string notes;
  for (const auto& cell : result.cells) {
    if (const auto* s = cell.n_star()) {
      const std::string lower_basis = s->lower > 1
                                          ? fmt::format("proven (VIOLATED at {})", s->lower - 1)
                                          : std::string("trivial (no size was VIOLATED)");
      const std::string exact =
          !s->exact ? std::string()
          : s->exact->decided()
              ? fmt::format(
                    " Exact (dynamic program over [1, {}]): n* = {}, first crossing {}; "
                    "n_star prints the exact value.",
                    s->exact->to, s->exact->eventual_lower, s->exact->first_lower)
              : fmt::format(" Exact (dynamic program): n* in [{}, {}].", s->exact->eventual_lower,
                            s->exact->eventual_upper);
      notes += fmt::format(
          "- cell {}: n* in [{}, {}] (Monte Carlo): the lower end is {}; the upper end: {} "
          "(every size of [{}, {}] checked, {} undecided).{}\n",
          cell.cell, s->lower, s->upper, lower_basis, s->upper_basis, s->range_first, s->range_last,
          s->undecided, exact);
    }
    for (const auto& note : cell.notes) notes += fmt::format("- cell {}: {}\n", cell.cell, note);
    notes += fmt::format("- cell {} replay: {}\n", cell.cell, cell.replay);
  }
  out << "\nNotes:\n\n" << notes;
  return out.str();
}

}  // namespace elicit::report
