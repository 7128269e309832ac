#include "sim/cases/case_runner.h"

#include "sim/engine/experiments.h"
#include "sim/engine/monte_carlo.h"
#include "sim/io/atomic_file.h"
#include "sim/report/table.h"
#include "sim/stats/loglog_fit.h"
#include "theory/bound.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace elicit::cases {
namespace {

using nlohmann::ordered_json;

std::int64_t integer(const Cell& cell, const std::string& key) {
  return cell.get(key)->convert_to<std::int64_t>();
}

std::unique_ptr<engine::Experiment> make_experiment(const CaseFile& c, const Cell& cell,
                                                    std::uint64_t seed) {
  const engine::CellContext where{seed, cell.index};
  const auto V = static_cast<int>(integer(cell, "V"));
  if (c.theorem == "T2") {
    return std::make_unique<engine::ContextsExperiment>(where, static_cast<int>(integer(cell, "m")),
                                                        V, c.target, engine::Metric::l1);
  }
  if (c.theorem == "T1")
    return std::make_unique<engine::ContextsExperiment>(where, 1, V, c.target, engine::Metric::tv);
  if (c.theorem == "T5") {
    const auto l = static_cast<int>(integer(cell, "l"));
    if (c.reading == "T5/min-distance")
      return std::make_unique<engine::MinDistanceExperiment>(where, V, l, c.gamma);
    return std::make_unique<engine::SequenceExperiment>(
        where, V, l, c.target,
        c.reading == "T5/sup-norm" ? engine::Metric::sup : engine::Metric::l1);
  }
  return std::make_unique<engine::PartialAccessExperiment>(where, V, integer(cell, "N"), c.target);
}

// The bounds of the theorem at this cell that speak to the case's reading (and
// the paper's own rows), in the theorem's per-context unit.
std::vector<theory::BoundRow> bounds_for(const CaseFile& c, const Cell& cell) {
  const auto theorem = theory::parse_theorem(c.theorem);
  if (!theorem || !cell.get("eps")) return {};
  theory::Parameters p;
  for (const char* key : {"V", "m", "l", "eps", "delta"}) {
    if (auto v = cell.get(key)) p.set(*theory::parse_param(key), *v);
  }
  std::vector<theory::BoundRow> rows;
  for (auto& row : theory::evaluate_bounds(*theorem, theory::validate(*theorem, p))) {
    if (row.bound->reading == c.reading || theory::is_paper(row.bound->kind))
      rows.push_back(std::move(row));
  }
  return rows;
}

double per_context(const theory::BoundRow& row) {
  return (row.evaluation.per_context ? *row.evaluation.per_context : row.evaluation.size).value();
}

ordered_json exact_json(const Rational& value) {
  return ordered_json{{"fraction", to_string(value)}, {"decimal", to_double(value)}};
}

std::string replay_cell(const engine::Experiment& experiment, std::int64_t n,
                        const RunSettings& run) {
  std::string detail;
  int ran = 0;
  for (std::int64_t r = 0; r < run.replay_trials; ++r) {
    const auto outcome = experiment.replay(n, static_cast<std::uint64_t>(r), run.replay_max_tokens);
    if (!outcome.ran) return outcome.detail;
    ++ran;
    detail = outcome.detail;
  }
  if (ran == 0) return "no replay requested";
  return fmt::format("{} of {} trials equal at n = {} ({})", ran, run.replay_trials, n, detail);
}

std::uint64_t digest(const std::string& text) {  // FNV-1a
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char ch : text) h = (h ^ ch) * 0x100000001b3ULL;
  return h;
}

RunSettings effective_settings(const CaseFile& c, const RunOptions& options) {
  RunSettings s = c.run;
  if (options.seed) s.seed = *options.seed;
  if (options.trials) {
    s.max_trials = std::max(*options.trials,
                            s.max_trials / std::max<std::int64_t>(s.trials, 1) * *options.trials);
    s.trials = *options.trials;
  }
  if (options.threads) s.threads = *options.threads;
  return s;
}

// What a cell's evaluation adds to its row, and at which n to replay it.
struct ModeResult {
  std::int64_t replay_n = 1;
  std::vector<std::string> notes;
};

ModeResult evaluate_verdict(const CaseFile& c, const Cell& cell,
                            const engine::Experiment& experiment,
                            const std::vector<theory::BoundRow>& bounds,
                            const engine::MonteCarloSettings& mc, ordered_json& row) {
  ModeResult result;
  std::int64_t n = 0;
  if (!c.run.n_from_bound.empty()) {
    auto it = std::find_if(bounds.begin(), bounds.end(),
                           [&](const auto& b) { return b.bound->id == c.run.n_from_bound; });
    if (it == bounds.end()) {
      throw CaseError(c.path.string() + ": key n_from_bound: no bound '" + c.run.n_from_bound +
                      "' at " + cell.describe());
    }
    n = static_cast<std::int64_t>(std::ceil(to_double(c.run.n_factor) * per_context(*it)));
    row["n_from"] = fmt::format("ceil({} x {})", to_string(c.run.n_factor), c.run.n_from_bound);
  } else {
    n = integer(cell, "n");
  }
  n = std::max<std::int64_t>(n, 1);
  const auto v = engine::decide_at(experiment, n, *cell.get("eps"), *cell.get("delta"), mc);
  row["n"] = n;
  row["trials"] = v.trials;
  row["failures"] = v.failures;
  row["failure_rate"] = static_cast<double>(v.failures) / static_cast<double>(v.trials);
  row["ci_lower"] = v.interval.lower;
  row["ci_upper"] = v.interval.upper;
  row["verdict"] = stats::verdict_name(v.verdict);
  row["error_trial_0"] = exact_json(experiment.error(n, 0));
  if (c.reading == "T5/literal-L1" && c.target.kind == targets::TargetKind::uniform) {
    // An estimate supported on n samples is at L1 >= 2(1 − n/V^l) from uniform p
    // (THEORY.md §2, the T5 counterexample).
    const Rational sequences = boost::multiprecision::pow(
        Integer(integer(cell, "V")), static_cast<unsigned>(integer(cell, "l")));
    const Rational floor = 2 * (1 - Rational(n) / sequences);
    if (floor > 0) row["l1_floor"] = exact_json(floor);
  }
  if (v.verdict == stats::Verdict::inconclusive) {
    result.notes.push_back(fmt::format("inconclusive after {} trials (cap)", v.trials));
  }
  result.replay_n = n;
  return result;
}

ModeResult evaluate_n_star(const Cell& cell, const engine::Experiment& experiment,
                           const engine::MonteCarloSettings& mc, std::int64_t n_max,
                           ordered_json& row) {
  const auto s = engine::search_n_star(experiment, *cell.get("eps"), *cell.get("delta"), mc, n_max);
  row["trials"] = mc.trials;
  row["n_star"] = s.estimate;
  row["n_star_lower"] = s.lower;
  row["n_star_upper"] = s.upper;
  row["evaluations"] = s.evaluations;
  return {s.estimate, {}};
}

ModeResult evaluate_rate(const Cell& cell, const engine::Experiment& experiment,
                         const engine::MonteCarloSettings& mc, ordered_json& row) {
  const std::int64_t n = integer(cell, "n");
  auto errors = engine::trial_errors(experiment, n, mc.trials, mc.threads);
  Rational sum = 0;
  for (const auto& e : errors) sum += e;
  std::sort(errors.begin(), errors.end());
  // The empirical (1 − δ)-quantile: the ⌈(1 − δ)·T⌉-th smallest error.
  const auto rank = static_cast<std::size_t>(
      std::ceil(to_double(1 - *cell.get("delta")) * static_cast<double>(errors.size())));
  row["n"] = n;
  row["trials"] = mc.trials;
  row["mean_error"] = to_double(sum / static_cast<long>(errors.size()));
  row["quantile_error"] = exact_json(errors[std::clamp<std::size_t>(rank, 1, errors.size()) - 1]);
  return {n, {}};
}

// Each bound of the reading at this cell, and its ratio to n* when there is one;
// a paper row below n* is the finding THEORY.md §3.1 predicts for small ln(m/δ).
ordered_json bounds_json(const std::vector<theory::BoundRow>& bounds, const ordered_json& row,
                         std::vector<std::string>& notes) {
  ordered_json list = ordered_json::array();
  for (const auto& b : bounds) {
    ordered_json entry{
        {"id", b.bound->id}, {"kind", theory::kind_name(b.bound->kind)}, {"value", per_context(b)}};
    if (row.contains("n_star")) {
      const auto n_star = row["n_star"].get<std::int64_t>();
      const double ratio = per_context(b) / static_cast<double>(n_star);
      entry["ratio_to_n_star"] = ratio;
      if (b.bound->kind == theory::BoundKind::paper && ratio < 1) {
        notes.push_back(fmt::format(
            "{} = {:.4g} is below the measured n* = {} (ratio {:.3f}): the constant-1 formula "
            "is insufficient here",
            b.bound->id, per_context(b), n_star, ratio));
      }
    }
    list.push_back(std::move(entry));
  }
  return list;
}

ordered_json evaluate(const CaseFile& c, const Cell& cell, const RunSettings& run) {
  const auto experiment = make_experiment(c, cell, run.seed);
  const engine::MonteCarloSettings mc{run.trials, run.max_trials, run.confidence, run.threads};
  ordered_json row;
  row["cell"] = cell.index;
  ordered_json parameters = ordered_json::object();
  for (const auto& key : c.grid_keys) parameters[key] = to_string(*cell.get(key));
  row["parameters"] = parameters;
  row["target"] = c.reading == "T5/min-distance"
                      ? fmt::format("candidate family, gamma = {}", to_string(c.gamma))
                      : c.target.describe();
  row["engine"] = experiment->engine();
  const auto bounds = bounds_for(c, cell);

  ModeResult result;
  switch (c.mode) {
    case Mode::verdict:
      result = evaluate_verdict(c, cell, *experiment, bounds, mc, row);
      break;
    case Mode::n_star:
      result = evaluate_n_star(cell, *experiment, mc, run.n_max, row);
      break;
    case Mode::rate:
      result = evaluate_rate(cell, *experiment, mc, row);
      break;
  }
  if (!bounds.empty()) row["bounds"] = bounds_json(bounds, row, result.notes);
  row["replay"] = replay_cell(*experiment, result.replay_n, run);
  row["notes"] = result.notes;
  return row;
}

ordered_json fits_of(const CaseFile& c, const ordered_json& rows, double confidence) {
  ordered_json fits = ordered_json::array();
  if (!c.fit) return fits;
  const std::string y_key = c.mode == Mode::rate     ? "mean_error"
                            : c.mode == Mode::n_star ? "n_star"
                                                     : "";
  if (y_key.empty()) return fits;
  // Group cells by every grid key except x.
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> groups;
  for (const auto& row : rows) {
    std::string group;
    for (const auto& [key, value] : row["parameters"].items()) {
      if (key != c.fit->x)
        group += (group.empty() ? "" : ", ") + key + "=" + value.get<std::string>();
    }
    auto& [xs, ys] = groups[group];
    xs.push_back(c.fit->transform(
        to_double(parse_rational(row["parameters"][c.fit->x].get<std::string>()))));
    ys.push_back(row[y_key].get<double>());
  }
  for (const auto& [group, data] : groups) {
    if (data.first.size() < 2) continue;
    const auto fit = stats::fit_loglog_slope(data.first, data.second, confidence);
    ordered_json entry{{"y", y_key},
                       {"x", c.fit->label()},
                       {"group", group},
                       {"points", fit.points},
                       {"slope", fit.slope}};
    if (fit.points > 2) {  // two points leave no degrees of freedom for an interval
      entry["ci_lower"] = fit.lower;
      entry["ci_upper"] = fit.upper;
    }
    if (c.fit->expected_slope) entry["expected_slope"] = *c.fit->expected_slope;
    fits.push_back(std::move(entry));
  }
  return fits;
}

std::string show_number(const ordered_json& value) {
  if (value.is_number_float()) return fmt::format("{:.4g}", value.get<double>());
  if (value.is_number()) return value.dump();
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object() && value.contains("decimal")) {
    return fmt::format("{:.4g} ({})", value["decimal"].get<double>(),
                       value["fraction"].get<std::string>());
  }
  return value.dump();
}

std::vector<std::string> mode_columns(const std::string& mode) {
  if (mode == "verdict")
    return {"n",        "trials",  "failures",      "failure_rate", "ci_lower",
            "ci_upper", "verdict", "error_trial_0", "l1_floor"};
  if (mode == "n_star") return {"n_star", "n_star_lower", "n_star_upper", "trials"};
  return {"n", "trials", "mean_error", "quantile_error"};
}

report::Table cells_table(const ordered_json& results, bool for_csv) {
  report::Table table;
  const auto& rows = results["cells"];
  std::vector<std::string> keys;
  if (!rows.empty()) {
    for (const auto& [key, value] : rows[0]["parameters"].items()) keys.push_back(key);
  }
  // The mode's columns that some cell has and that are not grid keys already.
  std::vector<std::string> columns = mode_columns(results["mode"].get<std::string>());
  columns.erase(std::remove_if(columns.begin(), columns.end(),
                               [&](const std::string& col) {
                                 return std::find(keys.begin(), keys.end(), col) != keys.end() ||
                                        std::none_of(rows.begin(), rows.end(), [&](const auto& r) {
                                          return r.contains(col);
                                        });
                               }),
                columns.end());
  std::vector<std::string> bound_ids;
  if (!rows.empty() && rows[0].contains("bounds")) {
    for (const auto& b : rows[0]["bounds"]) bound_ids.push_back(b["id"].get<std::string>());
  }
  table.header = {"cell"};
  table.header.insert(table.header.end(), keys.begin(), keys.end());
  table.header.insert(table.header.end(), columns.begin(), columns.end());
  const bool ratios = results["mode"] == "n_star";
  for (const auto& id : bound_ids) table.header.push_back(ratios ? id + " / n*" : id);
  if (for_csv) table.header.insert(table.header.end(), {"replay", "engine", "notes"});
  for (const auto& row : rows) {
    std::vector<std::string> cells = {row["cell"].dump()};
    for (const auto& key : keys) cells.push_back(row["parameters"][key].get<std::string>());
    for (const auto& col : columns) {
      if (!row.contains(col)) {
        cells.push_back("");
      } else if (for_csv && row[col].is_object()) {
        cells.push_back(row[col]["fraction"].get<std::string>());
      } else {
        cells.push_back(for_csv && row[col].is_number_float()
                            ? fmt::format("{}", row[col].get<double>())
                            : show_number(row[col]));
      }
    }
    for (std::size_t b = 0; b < bound_ids.size(); ++b) {
      const auto& entry = row["bounds"][b];
      const auto& value = ratios ? entry["ratio_to_n_star"] : entry["value"];
      cells.push_back(for_csv ? fmt::format("{}", value.get<double>())
                              : fmt::format("{:.3g}", value.get<double>()));
    }
    if (for_csv) {
      std::string notes;
      for (const auto& note : row["notes"])
        notes += (notes.empty() ? "" : "; ") + note.get<std::string>();
      cells.insert(cells.end(),
                   {row["replay"].get<std::string>(), row["engine"].get<std::string>(), notes});
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

}  // namespace

ordered_json evaluate_cell(const CaseFile& case_file, const Cell& cell) {
  return evaluate(case_file, cell, case_file.run);
}

ordered_json run_case(const CaseFile& c, const RunOptions& options) {
  const RunSettings run = effective_settings(c, options);
  const std::string key =
      fmt::format("{:016x}", digest(fmt::format("{}|{}|{}|{}|{}", c.text, run.seed, run.trials,
                                                run.max_trials, to_string(run.confidence))));
  std::error_code ec;
  std::filesystem::create_directories(options.out, ec);
  if (ec)
    throw OutputError(options.out.string() + ": cannot create the results folder: " + ec.message());
  const auto progress_path = options.out / "cells.jsonl";

  // Finished cells of an interrupted run with the same case and settings.
  std::map<std::uint64_t, ordered_json> finished;
  if (options.resume) {
    std::ifstream in(progress_path);
    for (std::string line; std::getline(in, line);) {
      const auto entry = ordered_json::parse(line, nullptr, false);
      if (entry.is_discarded() || entry.value("digest", "") != key)
        continue;  // a torn last line, or stale
      finished[entry["row"]["cell"].get<std::uint64_t>()] = entry["row"];
    }
  }
  std::ofstream log(progress_path, options.resume ? std::ios::app : std::ios::trunc);
  if (!log) throw OutputError(progress_path.string() + ": cannot open the progress log");

  ordered_json rows = ordered_json::array();
  for (const Cell& cell : c.cells) {
    if (auto it = finished.find(cell.index); it != finished.end()) {
      rows.push_back(it->second);
      if (options.progress) {
        options.progress(rows.size(), c.cells.size(),
                         fmt::format("cell {} ({}): resumed", cell.index + 1, cell.describe()));
      }
      continue;
    }
    ordered_json row = evaluate(c, cell, run);
    log << ordered_json{{"digest", key}, {"row", row}}.dump() << "\n";
    log.flush();
    if (!log) throw OutputError(progress_path.string() + ": write failed (disk full?)");
    rows.push_back(std::move(row));
    if (options.progress) {
      options.progress(rows.size(), c.cells.size(),
                       fmt::format("cell {} ({}): done", cell.index + 1, cell.describe()));
    }
  }

  ordered_json results;
  results["case"] = c.name;
  results["title"] = c.title;
  results["theorem"] = c.theorem;
  results["reading"] = c.reading;
  results["mode"] = mode_name(c.mode);
  results["settings"] = {{"seed", run.seed},
                         {"trials", run.trials},
                         {"max_trials", run.max_trials},
                         {"confidence", to_string(run.confidence)},
                         {"replay_trials", run.replay_trials},
                         {"replay_max_tokens", run.replay_max_tokens}};
  results["cells"] = rows;
  results["fits"] = fits_of(c, rows, to_double(run.confidence));

  write_file_atomically(options.out / "results.json", results.dump(2) + "\n");
  write_file_atomically(options.out / "results.csv", render_results_csv(results));
  write_file_atomically(options.out / "summary.md", render_summary_markdown(results));
  return results;
}

std::string render_results_csv(const ordered_json& results) {
  return report::render_csv(cells_table(results, true));
}

std::string render_summary_markdown(const ordered_json& results) {
  std::ostringstream out;
  out << "## " << results["title"].get<std::string>() << "\n\n";
  const auto& s = results["settings"];
  out << fmt::format(
      "Case `{}`: theorem {}, reading `{}`, mode {}. Seed {}, {} trials per evaluation (cap {}), "
      "confidence {}.\n\n",
      results["case"].get<std::string>(), results["theorem"].get<std::string>(),
      results["reading"].get<std::string>(), results["mode"].get<std::string>(), s["seed"].dump(),
      s["trials"].dump(), s["max_trials"].dump(), s["confidence"].get<std::string>());
  if (!results["cells"].empty()) {
    out << "Engine: " << results["cells"][0]["engine"].get<std::string>() << ".\n\n";
  }
  out << report::render_markdown(cells_table(results, false));
  if (!results["fits"].empty()) {
    out << "\nScaling fits (log-log least squares, slope with its confidence interval):\n\n";
    report::Table fits{{"y", "x", "group", "points", "slope", "interval", "expected"}, {}};
    for (const auto& f : results["fits"]) {
      fits.rows.push_back(
          {f["y"].get<std::string>(), f["x"].get<std::string>(), f["group"].get<std::string>(),
           f["points"].dump(), fmt::format("{:.3f}", f["slope"].get<double>()),
           f.contains("ci_lower") ? fmt::format("[{:.3f}, {:.3f}]", f["ci_lower"].get<double>(),
                                                f["ci_upper"].get<double>())
                                  : "n/a (2 points)",
           f.contains("expected_slope") ? fmt::format("{}", f["expected_slope"].get<double>())
                                        : ""});
    }
    out << report::render_markdown(fits);
  }
  std::string notes;
  for (const auto& row : results["cells"]) {
    for (const auto& note : row["notes"])
      notes += fmt::format("- cell {}: {}\n", row["cell"].dump(), note.get<std::string>());
    notes +=
        fmt::format("- cell {} replay: {}\n", row["cell"].dump(), row["replay"].get<std::string>());
  }
  out << "\nNotes:\n\n" << notes;
  return out.str();
}

}  // namespace elicit::cases
