#include "sim/results/results_json.h"

#include "sim/results/json_fields.h"

#include <fmt/format.h>

#include <set>

namespace elicit::results {
namespace {

using nlohmann::ordered_json;

ordered_json exact_json(const Rational& value) {
  return ordered_json{{"fraction", to_string(value)}, {"decimal", to_double(value)}};
}

Rational exact_of(const ordered_json& object, const std::string& key) {
  try {
    return parse_rational(value_of<std::string>(field(object, key), "fraction"));
  } catch (const ParseError& error) {
    throw FormatError(fmt::format("field '{}': {}", key, error.what()));
  }
}

Rational parse_field(const std::string& key, const std::string& text) {
  try {
    return parse_rational(text);
  } catch (const ParseError& error) {
    throw FormatError(fmt::format("field '{}': {}", key, error.what()));
  }
}

ordered_json point_json(const WorstTargetOutcome::Point& point) {
  ordered_json law = ordered_json::array();
  for (const auto& p : point.law) law.push_back(to_string(p));
  ordered_json out{{"law", std::move(law)},
                   {"failure", point.value},
                   {"failure_lower", point.lower},
                   {"failure_upper", point.upper}};
  if (!point.phase.empty()) out["phase"] = point.phase;
  return out;
}

WorstTargetOutcome::Point point_of(const ordered_json& object) {
  WorstTargetOutcome::Point point;
  for (const auto& p : field(object, "law")) {
    if (!p.is_string()) throw FormatError("field 'law' holds a non-string value");
    point.law.push_back(parse_field("law", p.get<std::string>()));
  }
  point.value = value_of<double>(object, "failure");
  point.lower = value_of<double>(object, "failure_lower");
  point.upper = value_of<double>(object, "failure_upper");
  if (object.contains("phase")) point.phase = value_of<std::string>(object, "phase");
  return point;
}

ordered_json size_json(const SizeInterval& size) {
  return {{"estimate", size.estimate},
          {"lower", size.lower},
          {"upper", size.upper},
          {"exact", size.exact}};
}

SizeInterval size_of(const ordered_json& object) {
  return {value_of<std::int64_t>(object, "estimate"), value_of<std::int64_t>(object, "lower"),
          value_of<std::int64_t>(object, "upper"), value_of<bool>(object, "exact")};
}

const std::set<std::string> kVerdictFields = {"n_from",       "n",        "trials",   "failures",
                                              "failure_rate", "ci_lower", "ci_upper", "verdict",
                                              "error_trial_0"};
const std::set<std::string> kCommonFields = {"cell",   "parameters", "target", "target_law",
                                             "engine", "bounds",     "replay", "notes"};

ordered_json range_json(const NStarOutcome& s) {
  std::vector<std::int64_t> trials, failures;
  std::string verdicts;
  for (const auto& e : s.range) {
    trials.push_back(e.trials);
    failures.push_back(e.failures);
    verdicts += e.verdict == stats::Verdict::holds      ? 'H'
                : e.verdict == stats::Verdict::violated ? 'V'
                                                        : 'I';
  }
  return {{"first", s.range_first},   {"last", s.range_last}, {"run", s.range_trials},
          {"undecided", s.undecided}, {"trials", trials},     {"failures", failures},
          {"verdicts", verdicts}};
}

ordered_json exact_n_star_json(const std::optional<ExactNStarOutcome>& exact) {
  if (!exact) return nullptr;
  return {{"to", exact->to},
          {"eventual", {exact->eventual_lower, exact->eventual_upper}},
          {"first_crossing", {exact->first_lower, exact->first_upper}}};
}

}  // namespace

ordered_json to_json(const CellResult& cell) {
  ordered_json row;
  row["cell"] = cell.cell;
  ordered_json parameters = ordered_json::object();
  for (const auto& [key, value] : cell.parameters) parameters[key] = to_string(value);
  row["parameters"] = parameters;
  row["target"] = cell.target;
  ordered_json law{{"digest", cell.target_law.digest}};
  if (!cell.target_law.values.empty()) {
    ordered_json contexts = ordered_json::array();
    for (const auto& context : cell.target_law.values) {
      ordered_json values = ordered_json::array();
      for (const auto& v : context) values.push_back(to_string(v));
      contexts.push_back(std::move(values));
    }
    law["values"] = std::move(contexts);
  }
  row["target_law"] = std::move(law);
  row["engine"] = cell.engine;
  if (const auto* v = cell.verdict()) {
    if (!v->n_from.empty()) row["n_from"] = v->n_from;
    row["n"] = v->n;
    row["trials"] = v->trials;
    row["failures"] = v->failures;
    row["failure_rate"] = static_cast<double>(v->failures) / static_cast<double>(v->trials);
    row["ci_lower"] = v->interval.lower;
    row["ci_upper"] = v->interval.upper;
    row["verdict"] = stats::verdict_name(v->verdict);
    row["error_trial_0"] = exact_json(v->error_trial_0);
    for (const auto& fact : v->facts) row[fact.name] = exact_json(fact.value);
  } else if (const auto* s = cell.n_star()) {
    row["n_star"] = s->estimate;
    row["n_star_source"] = s->estimate_source;
    row["n_star_lower"] = s->lower;
    row["n_star_upper"] = s->upper;
    row["n_star_lower_basis"] = s->lower_basis;
    row["n_star_upper_proven"] = s->upper_proven;
    row["n_star_upper_basis"] = s->upper_basis;
    row["first_crossing_at_most"] = s->first_crossing_at_most;
    row["tolerance_met"] = s->tolerance_met;
    row["width_note"] = s->width_note;
    row["search_budget_exhausted"] = s->budget_exhausted;
    row["alpha_per_evaluation"] = s->alpha_per_evaluation;
    row["alpha_per_size"] = s->alpha_per_size;
    row["indifference_zone"] = {s->indifference_zone.lower, s->indifference_zone.upper};
    row["trials"] = s->trials_used();
    ordered_json evaluations = ordered_json::array();
    for (const auto& e : s->evaluations) {
      evaluations.push_back({{"n", e.n},
                             {"trials", e.trials},
                             {"failures", e.failures},
                             {"verdict", stats::verdict_name(e.verdict)}});
    }
    row["evaluations"] = evaluations;
    row["range"] = range_json(*s);
    row["exact_n_star"] = exact_n_star_json(s->exact);
  } else if (const auto* r = cell.rate()) {
    row["n"] = r->n;
    row["trials"] = r->trials;
    row["mean_error"] = r->mean_error;
    row["quantile_error"] = exact_json(r->quantile_error);
  } else if (const auto* w = cell.worst_target()) {
    row["search_n"] = w->n;
    row["search_exact"] = w->exact;
    row["search_trials"] = w->trials;
    row["uniform"] = point_json(w->uniform);
    row["worst"] = point_json(w->worst);
    row["uniform_n_star"] = size_json(w->uniform_n_star);
    row["worst_n_star"] = size_json(w->worst_n_star);
    row["search_budget_exhausted"] = w->budget_exhausted;
    ordered_json trace = ordered_json::array(), map = ordered_json::array();
    for (const auto& p : w->trace) trace.push_back(point_json(p));
    for (const auto& p : w->map) map.push_back(point_json(p));
    row["search_trace"] = std::move(trace);
    row["failure_map"] = std::move(map);
  }
  if (!cell.bounds.empty()) {
    ordered_json list = ordered_json::array();
    for (const auto& b : cell.bounds) {
      ordered_json entry{{"id", b.id}, {"kind", theory::kind_name(b.kind)}, {"value", b.value}};
      if (b.ratio_to_n_star) {
        entry["ratio_to_n_star"] = {{"estimate", b.ratio_to_n_star->estimate},
                                    {"lower", b.ratio_to_n_star->lower},
                                    {"upper", b.ratio_to_n_star->upper}};
      }
      if (!b.caveat.empty()) entry["caveat"] = b.caveat;
      list.push_back(std::move(entry));
    }
    row["bounds"] = list;
  }
  row["replay"] = cell.replay;
  row["notes"] = cell.notes;
  return row;
}

ordered_json settings_json(const engine::RunSettings& s) {
  return {{"seed", s.seed},
          {"trials", s.trials},
          {"confidence", to_string(s.confidence)},
          {"n_max", s.n_max},
          {"n_star_tolerance", to_string(s.n_star_tolerance)},
          {"max_evaluations", s.max_evaluations},
          {"search_resolution", s.search_resolution},
          {"search_starts", s.search_starts},
          {"search_refinements", s.search_refinements},
          {"search_budget", s.search_budget},
          {"replay_trials", s.replay_trials},
          {"replay_max_tokens", s.replay_max_tokens}};
}

ordered_json to_json(const RunManifest& m) {
  ordered_json libraries = ordered_json::object();
  for (const auto& [name, version] : m.libraries) libraries[name] = version;
  return {{"elicit_version", m.elicit_version},
          {"git_commit", m.git_commit},
          {"build_type", m.build_type},
          {"compiler", m.compiler},
          {"libraries", libraries},
          {"command", m.command},
          {"case_file", m.case_file},
          {"case_sha256", m.case_sha256},
          {"suite_file", m.suite_file},
          {"threads", m.threads},
          {"processes", m.processes},
          {"started", m.started},
          {"finished", m.finished}};
}

RunManifest manifest_from_json(const ordered_json& object) {
  RunManifest m;
  m.elicit_version = value_of<std::string>(object, "elicit_version");
  m.git_commit = value_of<std::string>(object, "git_commit");
  m.build_type = value_of<std::string>(object, "build_type");
  m.compiler = value_of<std::string>(object, "compiler");
  const auto& libraries = field(object, "libraries");
  if (!libraries.is_object()) throw FormatError("field 'libraries' is not an object");
  for (const auto& [name, version] : libraries.items()) {
    if (!version.is_string()) throw FormatError(fmt::format("library '{}' has no version", name));
    m.libraries.emplace_back(name, version.get<std::string>());
  }
  m.command = value_of<std::string>(object, "command");
  m.case_file = value_of<std::string>(object, "case_file");
  m.case_sha256 = value_of<std::string>(object, "case_sha256");
  m.suite_file = value_of<std::string>(object, "suite_file");
  m.threads = value_of<int>(object, "threads");
  m.processes = value_of<int>(object, "processes");
  m.started = value_of<std::string>(object, "started");
  m.finished = value_of<std::string>(object, "finished");
  return m;
}

ordered_json to_json(const CaseResult& result) {
  ordered_json out;
  out["case"] = result.name;
  out["title"] = result.title;
  out["theorem"] = result.theorem;
  out["reading"] = result.reading;
  out["mode"] = engine::mode_name(result.mode);
  out["settings"] = settings_json(result.settings);
  ordered_json cells = ordered_json::array();
  for (const auto& cell : result.cells) cells.push_back(to_json(cell));
  out["cells"] = cells;
  ordered_json fits = ordered_json::array();
  for (const auto& f : result.fits) {
    ordered_json entry{
        {"y", f.y}, {"x", f.x}, {"group", f.group}, {"points", f.points}, {"slope", f.slope}};
    if (f.lower) entry["ci_lower"] = *f.lower;
    if (f.upper) entry["ci_upper"] = *f.upper;
    if (f.range_lower) entry["range_lower"] = *f.range_lower;
    if (f.range_upper) entry["range_upper"] = *f.range_upper;
    if (f.expected) entry["predicted_slope"] = *f.expected;
    fits.push_back(std::move(entry));
  }
  out["fits"] = fits;
  return out;
}

namespace {

// The outcome of a verdict cell: its fields, and every other non-common field as a fact.
VerdictOutcome verdict_from_json(const ordered_json& row) {
  VerdictOutcome v;
  if (row.contains("n_from")) v.n_from = value_of<std::string>(row, "n_from");
  v.n = value_of<std::int64_t>(row, "n");
  v.trials = value_of<std::int64_t>(row, "trials");
  v.failures = value_of<std::int64_t>(row, "failures");
  v.interval = {value_of<double>(row, "ci_lower"), value_of<double>(row, "ci_upper")};
  const auto verdict = parse_name(stats::kVerdictNames, value_of<std::string>(row, "verdict"));
  if (!verdict) throw FormatError("field 'verdict' is not a verdict");
  v.verdict = *verdict;
  v.error_trial_0 = exact_of(row, "error_trial_0");
  for (const auto& [key, value] : row.items()) {
    if (kVerdictFields.count(key) || kCommonFields.count(key)) continue;
    v.facts.push_back({key, exact_of(row, key)});
  }
  return v;
}

// The checked range of an n* cell, compactly: per size its trials, failures and verdict
// (one letter: H holds, V violated, I inconclusive).
void range_from_json(const ordered_json& range, NStarOutcome& s) {
  s.range_first = value_of<std::int64_t>(range, "first");
  s.range_last = value_of<std::int64_t>(range, "last");
  s.range_trials = value_of<std::int64_t>(range, "run");
  s.undecided = value_of<std::int64_t>(range, "undecided");
  const auto trials = value_of<std::vector<std::int64_t>>(range, "trials");
  const auto failures = value_of<std::vector<std::int64_t>>(range, "failures");
  const auto verdicts = value_of<std::string>(range, "verdicts");
  const auto sizes =
      static_cast<std::size_t>(s.range_first == 0 ? 0 : s.range_last - s.range_first + 1);
  if (trials.size() != sizes || failures.size() != sizes || verdicts.size() != sizes)
    throw FormatError("field 'range' does not hold one entry per size");
  for (std::size_t i = 0; i < sizes; ++i) {
    const char v = verdicts[i];
    if (v != 'H' && v != 'V' && v != 'I') throw FormatError("field 'range' has a bad verdict");
    s.range.push_back({s.range_first + static_cast<std::int64_t>(i), trials[i], failures[i],
                       v == 'H'   ? stats::Verdict::holds
                       : v == 'V' ? stats::Verdict::violated
                                  : stats::Verdict::inconclusive});
  }
}

std::optional<ExactNStarOutcome> exact_n_star_from_json(const ordered_json& exact) {
  if (exact.is_null()) return std::nullopt;
  ExactNStarOutcome e;
  e.to = value_of<std::int64_t>(exact, "to");
  const auto eventual = value_of<std::vector<std::int64_t>>(exact, "eventual");
  const auto first = value_of<std::vector<std::int64_t>>(exact, "first_crossing");
  if (eventual.size() != 2 || first.size() != 2)
    throw FormatError("field 'exact_n_star' does not hold two pairs");
  e.eventual_lower = eventual[0];
  e.eventual_upper = eventual[1];
  e.first_lower = first[0];
  e.first_upper = first[1];
  return e;
}

// The outcome of an n* cell: the search's interval and every evaluation it made.
NStarOutcome n_star_from_json(const ordered_json& row) {
  NStarOutcome s;
  s.estimate = value_of<std::int64_t>(row, "n_star");
  s.estimate_source = value_of<std::string>(row, "n_star_source");
  s.lower = value_of<std::int64_t>(row, "n_star_lower");
  s.upper = value_of<std::int64_t>(row, "n_star_upper");
  s.lower_basis = value_of<std::string>(row, "n_star_lower_basis");
  s.upper_proven = value_of<bool>(row, "n_star_upper_proven");
  s.upper_basis = value_of<std::string>(row, "n_star_upper_basis");
  s.first_crossing_at_most = value_of<std::int64_t>(row, "first_crossing_at_most");
  s.tolerance_met = value_of<bool>(row, "tolerance_met");
  s.width_note = value_of<std::string>(row, "width_note");
  s.budget_exhausted = value_of<bool>(row, "search_budget_exhausted");
  s.alpha_per_evaluation = value_of<double>(row, "alpha_per_evaluation");
  s.alpha_per_size = value_of<double>(row, "alpha_per_size");
  range_from_json(field(row, "range"), s);
  s.exact = exact_n_star_from_json(field(row, "exact_n_star"));
  const auto zone = value_of<std::vector<double>>(row, "indifference_zone");
  if (zone.size() != 2) throw FormatError("field 'indifference_zone' is not a pair");
  s.indifference_zone = {zone[0], zone[1]};
  for (const auto& e : field(row, "evaluations")) {
    const auto verdict = parse_name(stats::kVerdictNames, value_of<std::string>(e, "verdict"));
    if (!verdict) throw FormatError("field 'verdict' is not a verdict");
    s.evaluations.push_back({value_of<std::int64_t>(e, "n"), value_of<std::int64_t>(e, "trials"),
                             value_of<std::int64_t>(e, "failures"), *verdict});
  }
  return s;
}

// One entry of a cell's "bounds".
BoundComparison bound_from_json(const ordered_json& entry) {
  BoundComparison b;
  b.id = value_of<std::string>(entry, "id");
  const auto kind = parse_name(theory::kBoundKindNames, value_of<std::string>(entry, "kind"));
  if (!kind) throw FormatError("field 'kind' is not a bound kind");
  b.kind = *kind;
  b.value = value_of<double>(entry, "value");
  if (entry.contains("ratio_to_n_star")) {
    const auto& ratio = field(entry, "ratio_to_n_star");
    b.ratio_to_n_star = Ratio{value_of<double>(ratio, "estimate"), value_of<double>(ratio, "lower"),
                              value_of<double>(ratio, "upper")};
  }
  if (entry.contains("caveat")) b.caveat = value_of<std::string>(entry, "caveat");
  return b;
}

}  // namespace

CellResult cell_result_from_json(const ordered_json& row, engine::Mode mode) {
  CellResult cell;
  cell.cell = value_of<std::uint64_t>(row, "cell");
  const auto& parameters = field(row, "parameters");
  if (!parameters.is_object()) throw FormatError("field 'parameters' is not an object");
  for (const auto& [key, value] : parameters.items()) {
    if (!value.is_string()) throw FormatError(fmt::format("parameter '{}' is not a string", key));
    cell.parameters.emplace_back(key, parse_field(key, value.get<std::string>()));
  }
  cell.target = value_of<std::string>(row, "target");
  const auto& law = field(row, "target_law");
  cell.target_law.digest = value_of<std::string>(law, "digest");
  if (law.contains("values")) {
    for (const auto& context : field(law, "values")) {
      cell.target_law.values.emplace_back();
      for (const auto& v : context) {
        if (!v.is_string()) throw FormatError("field 'target_law' holds a non-string value");
        cell.target_law.values.back().push_back(parse_field("target_law", v.get<std::string>()));
      }
    }
  }
  cell.engine = value_of<std::string>(row, "engine");
  switch (mode) {
    case engine::Mode::verdict:
      cell.outcome = verdict_from_json(row);
      break;
    case engine::Mode::n_star:
      cell.outcome = n_star_from_json(row);
      break;
    case engine::Mode::rate:
      cell.outcome =
          RateOutcome{value_of<std::int64_t>(row, "n"), value_of<std::int64_t>(row, "trials"),
                      value_of<double>(row, "mean_error"), exact_of(row, "quantile_error")};
      break;
    case engine::Mode::worst_target: {
      WorstTargetOutcome w;
      w.n = value_of<std::int64_t>(row, "search_n");
      w.exact = value_of<bool>(row, "search_exact");
      w.trials = value_of<std::int64_t>(row, "search_trials");
      w.uniform = point_of(field(row, "uniform"));
      w.worst = point_of(field(row, "worst"));
      w.uniform_n_star = size_of(field(row, "uniform_n_star"));
      w.worst_n_star = size_of(field(row, "worst_n_star"));
      w.budget_exhausted = value_of<bool>(row, "search_budget_exhausted");
      for (const auto& p : field(row, "search_trace")) w.trace.push_back(point_of(p));
      for (const auto& p : field(row, "failure_map")) w.map.push_back(point_of(p));
      cell.outcome = std::move(w);
      break;
    }
  }
  if (row.contains("bounds")) {
    for (const auto& entry : field(row, "bounds")) cell.bounds.push_back(bound_from_json(entry));
  }
  cell.replay = value_of<std::string>(row, "replay");
  cell.notes = value_of<std::vector<std::string>>(row, "notes");
  return cell;
}

CaseResult case_result_from_json(const ordered_json& document) {
  CaseResult result;
  result.name = value_of<std::string>(document, "case");
  result.title = value_of<std::string>(document, "title");
  result.theorem = value_of<std::string>(document, "theorem");
  result.reading = value_of<std::string>(document, "reading");
  const auto mode = parse_name(engine::kModeNames, value_of<std::string>(document, "mode"));
  if (!mode) throw FormatError("field 'mode' is not a mode");
  result.mode = *mode;
  const auto& s = field(document, "settings");
  result.settings.seed = value_of<std::uint64_t>(s, "seed");
  result.settings.trials = value_of<std::int64_t>(s, "trials");
  result.settings.confidence = parse_field("confidence", value_of<std::string>(s, "confidence"));
  result.settings.n_max = value_of<std::int64_t>(s, "n_max");
  result.settings.n_star_tolerance =
      parse_field("n_star_tolerance", value_of<std::string>(s, "n_star_tolerance"));
  result.settings.max_evaluations = value_of<int>(s, "max_evaluations");
  result.settings.search_resolution = value_of<std::int64_t>(s, "search_resolution");
  result.settings.search_starts = value_of<int>(s, "search_starts");
  result.settings.search_refinements = value_of<int>(s, "search_refinements");
  result.settings.search_budget = value_of<int>(s, "search_budget");
  result.settings.replay_trials = value_of<std::int64_t>(s, "replay_trials");
  result.settings.replay_max_tokens = value_of<std::int64_t>(s, "replay_max_tokens");
  for (const auto& row : field(document, "cells"))
    result.cells.push_back(cell_result_from_json(row, result.mode));
  for (const auto& f : field(document, "fits")) {
    SlopeFitResult fit;
    fit.y = value_of<std::string>(f, "y");
    fit.x = value_of<std::string>(f, "x");
    fit.group = value_of<std::string>(f, "group");
    fit.points = value_of<int>(f, "points");
    fit.slope = value_of<double>(f, "slope");
    if (f.contains("ci_lower")) fit.lower = value_of<double>(f, "ci_lower");
    if (f.contains("ci_upper")) fit.upper = value_of<double>(f, "ci_upper");
    if (f.contains("range_lower")) fit.range_lower = value_of<double>(f, "range_lower");
    if (f.contains("range_upper")) fit.range_upper = value_of<double>(f, "range_upper");
    if (f.contains("predicted_slope")) fit.expected = value_of<double>(f, "predicted_slope");
    result.fits.push_back(std::move(fit));
  }
  return result;
}

}  // namespace elicit::results
