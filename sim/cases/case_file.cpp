#include "sim/cases/case_file.h"

#include "sim/cases/mode_support.h"
#include "sim/cases/toml_reader.h"
#include "theory/parameters.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

namespace elicit::cases {
namespace {

using namespace detail;
using readings::KeyRule;
using readings::Reading;

// The value of one case-file key as its rule expects it: a name, or an exact number.
readings::Setting setting_of(const std::string& file, const KeyRule& rule, const toml::node& node) {
  if (rule.type == readings::KeyType::name) return string_of(file, rule.key, node);
  return exact_number(file, rule.key, node);
}

void check_value(const std::string& file, const KeyRule& rule, const toml::node& node,
                 const readings::Setting& value) {
  if (auto problem = rule.check(value)) fail(place_of(file, node), rule.key, *problem);
}

std::set<std::string> keys_of(const std::vector<KeyRule>& rules) {
  std::set<std::string> keys;
  for (const auto& rule : rules) keys.insert(rule.key);
  return keys;
}

// Every key of `table` (and the table itself, as "[name]") with its line.
void record_lines(const toml::table& table, const std::string& name, CaseFile& result) {
  result.lines["[" + name + "]"] = table.source().begin.line;
  for (auto&& [key, node] : table) result.lines[std::string(key.str())] = node.source().begin.line;
}

// [case]: the reading (a registry row) and the mode.
void read_case_table(const std::string& file, const toml::table& table, CaseFile& result) {
  check_keys(file, "case", table, {"name", "title", "theorem", "reading", "mode"});
  result.name = folder_name_of(file, table, "case");
  result.title = table.get("title") ? string_of(file, "title", *table.get("title")) : result.name;
  const std::string theorem = required_string(file, table, "case", "theorem");
  std::vector<std::string> theorems, of_theorem;
  for (const auto& reading : readings::all_readings()) {
    if (std::find(theorems.begin(), theorems.end(), reading.theorem) == theorems.end())
      theorems.push_back(reading.theorem);
    if (reading.theorem == theorem) of_theorem.push_back(reading.id);
  }
  if (of_theorem.empty()) {
    fail(place_of(file, *table.get("theorem")), "theorem",
         fmt::format("'{}' is not one of {}", theorem, fmt::join(theorems, ", ")));
  }
  const std::string reading = required_string(file, table, "case", "reading");
  result.reading = readings::find_reading(reading);
  if (!result.reading || result.reading->theorem != theorem) {
    fail(place_of(file, *table.get("reading")), "reading",
         fmt::format("'{}' is not a reading of {} (known: {})", reading, theorem,
                     fmt::join(of_theorem, ", ")));
  }
  const std::string mode = required_string(file, table, "case", "mode");
  const auto parsed = parse_name(engine::kModeNames, mode);
  if (!parsed) {
    fail(place_of(file, *table.get("mode")), "mode",
         fmt::format("'{}' is not one of {}", mode, names_list(engine::kModeNames)));
  }
  result.mode = *parsed;
  if (!result.reading->supports(result.mode)) {
    fail(place_of(file, *table.get("mode")), "mode",
         fmt::format("{} supports no mode '{}'", result.reading->id, mode));
  }
}

// [target]: the reading's target keys, checked, with fallbacks for those not given.
void read_target_table(const std::string& file, const toml::table* table, CaseFile& result) {
  const Reading& reading = *result.reading;
  if (table) {
    check_keys(file, "target", *table, keys_of(reading.target));
    for (auto&& [key, node] : *table) {
      const KeyRule& rule = *reading.target_rule(std::string(key.str()));
      const auto value = setting_of(file, rule, node);
      check_value(file, rule, node, value);
      result.target.set(rule.key, value);
    }
  }
  for (const auto& rule : reading.target) {
    if (!result.target.has(rule.key) && rule.fallback) result.target.set(rule.key, *rule.fallback);
  }
}

// The integer at `key` of [run], checked to lie in [minimum, maximum] (`maximum_text`
// shows the maximum, `why` explains it); nothing when the key is absent.
std::optional<std::int64_t> run_integer(const std::string& file, const toml::table& run,
                                        const char* key, std::int64_t minimum, std::int64_t maximum,
                                        const std::string& maximum_text = "",
                                        const std::string& why = "") {
  const toml::node* node = run.get(key);
  if (!node) return std::nullopt;
  const std::int64_t value = integer_at_least(file, key, *node, minimum);
  if (value > maximum) {
    fail(place_of(file, *node), key,
         fmt::format("must be <= {} (got {}){}",
                     maximum_text.empty() ? std::to_string(maximum) : maximum_text, value, why));
  }
  return value;
}

// The exact number at `key` of [run], checked to lie strictly between 0 and 1.
std::optional<Rational> run_fraction(const std::string& file, const toml::table& run,
                                     const char* key) {
  const toml::node* node = run.get(key);
  if (!node) return std::nullopt;
  Rational value = exact_number(file, key, *node);
  if (value <= 0 || value >= 1)
    fail(place_of(file, *node), key, fmt::format("must satisfy 0 < {} < 1", key));
  return value;
}

// [run]: the run settings; n_from_bound must name a bound the reading is compared with.
void read_run_table(const std::string& file, const toml::table* run, CaseFile& result) {
  engine::RunSettings& s = result.run;
  if (!run) return;
  check_keys(file, "run", *run,
             {"trials", "confidence", "seed", "replay_trials", "replay_max_tokens", "n_max",
              "n_star_tolerance", "max_evaluations", "n_from_bound", "n_factor", "threads",
              "search_resolution", "search_starts", "search_refinements", "search_budget"});
  if (auto v = run_integer(file, *run, "trials", 1, engine::kMaxTrials)) s.trials = *v;
  if (auto v = run_fraction(file, *run, "confidence")) s.confidence = *v;
  if (const auto* n = run->get("seed")) s.seed = seed_of(file, "seed", *n);
  if (auto v = run_integer(file, *run, "replay_trials", 0, kMaxReplayTrials)) s.replay_trials = *v;
  if (auto v = run_integer(file, *run, "replay_max_tokens", 1, kMaxReplayTokens, "",
                           ": a replay's attention grows as its tokens squared"))
    s.replay_max_tokens = *v;
  if (auto v = run_integer(file, *run, "n_max", 1, engine::kLargestSampleSize,
                           fmt::format("2^53 = {}", engine::kLargestSampleSize)))
    s.n_max = *v;
  if (auto v = run_fraction(file, *run, "n_star_tolerance")) s.n_star_tolerance = *v;
  if (auto v = run_integer(file, *run, "max_evaluations", 1, 1000))
    s.max_evaluations = static_cast<int>(*v);
  if (auto v = run_integer(file, *run, "threads", 1, engine::kMaxThreads))
    s.threads = static_cast<int>(*v);
  // The worst-target search (worst_target mode).
  if (auto v = run_integer(file, *run, "search_resolution", 1, 1000)) s.search_resolution = *v;
  if (auto v = run_integer(file, *run, "search_starts", 0, 100))
    s.search_starts = static_cast<int>(*v);
  if (auto v = run_integer(file, *run, "search_refinements", 0, 20))
    s.search_refinements = static_cast<int>(*v);
  if (auto v = run_integer(file, *run, "search_budget", 1, 1000000))
    s.search_budget = static_cast<int>(*v);
  if (const auto* n = run->get("n_from_bound"))
    s.n_from_bound = string_of(file, "n_from_bound", *n);
  if (const auto* n = run->get("n_factor")) {
    s.n_factor = exact_number(file, "n_factor", *n);
    if (s.n_factor <= 0) fail(place_of(file, *n), "n_factor", "must be > 0");
  }
  if (s.n_from_bound.empty()) return;
  const toml::node& node = *run->get("n_from_bound");
  if (result.mode != engine::Mode::verdict)
    fail(place_of(file, node), "n_from_bound", "only in mode = \"verdict\"");
  std::vector<std::string> known;
  for (const auto* bound : readings::compared_bounds(*result.reading)) known.push_back(bound->id);
  if (std::find(known.begin(), known.end(), s.n_from_bound) == known.end()) {
    fail(place_of(file, node), "n_from_bound",
         fmt::format(
             "'{}' is not a bound of reading {} (known: {})", s.n_from_bound, result.reading->id,
             known.empty() ? std::string("none") : fmt::format("{}", fmt::join(known, ", "))));
  }
}

// [grid]: the reading's grid keys, every value checked; the keys the mode needs;
// the cells, each within the reading's limits.
void read_grid_table(const std::string& file, const toml::table& grid, CaseFile& result) {
  const Reading& reading = *result.reading;
  check_keys(file, "grid", grid, keys_of(reading.grid));
  std::vector<Axis> axes;
  for (auto&& [key_node, node] : grid) {
    const KeyRule& rule = *reading.grid_rule(std::string(key_node.str()));
    auto values = detail::axis_values(file, rule.key, node);
    for (const auto& v : values) check_value(file, rule, node, v);
    result.grid_keys.push_back(rule.key);
    axes.emplace_back(rule.key, std::move(values));
  }
  const bool sample_from_bound = !result.run.n_from_bound.empty();
  for (const auto& rule : reading.grid) {
    const bool needed =
        rule.needed_in.count(result.mode) &&
        !(rule.sample_size && sample_from_bound && result.mode == engine::Mode::verdict);
    if (needed && !grid.get(rule.key)) {
      throw CaseError(fmt::format("{}:{}: key {}: {} in mode {} needs it in [grid]", file,
                                  grid.source().begin.line, rule.key, reading.id,
                                  engine::mode_name(result.mode)));
    }
  }
  // Counted before the cells are made, in double: 10^4 × 10^4 × 10^4 does not overflow.
  double cells = 1;
  std::vector<std::string> lengths;
  for (const auto& [key, values] : axes) {
    cells *= static_cast<double>(values.size());
    if (values.size() > 1) lengths.push_back(fmt::format("{} {}", values.size(), key));
  }
  if (cells > static_cast<double>(kMaxCells)) {
    // Blame the longest axis.
    const auto longest = std::max_element(
        axes.begin(), axes.end(),
        [](const Axis& a, const Axis& b) { return a.second.size() < b.second.size(); });
    fail(place_of(file, *grid.get(longest->first)), longest->first,
         fmt::format("the grid would have {:.3g} cells ({}), above the limit of {} cells", cells,
                     fmt::join(lengths, " x "), kMaxCells));
  }
  result.cells = expand_grid(axes);
  for (const Cell& cell : result.cells) {
    if (auto problem = reading.check_cell(cell.as_values(), result.target)) {
      // The key may be a grid key or a target key ("support"): its own line, else its table's.
      const auto line = result.lines.find(problem->key);
      const Place at = line != result.lines.end() ? Place{file, line->second}
                       : result.lines.count("[target]") && reading.target_rule(problem->key)
                           ? Place{file, result.lines.at("[target]")}
                           : place_of(file, grid);
      fail(at, problem->key, fmt::format("{} (at {})", problem->message, cell.describe()));
    }
  }
}

std::optional<Fit> read_fit_table(const std::string& file, const toml::table* fit,
                                  const toml::table& grid) {
  if (!fit) return std::nullopt;
  check_keys(file, "fit", *fit, {"x", "scale"});
  Fit f;
  const auto* x = fit->get("x");
  if (!x)
    throw CaseError(fmt::format("{}:{}: key x: missing in [fit]", file, fit->source().begin.line));
  f.x = string_of(file, "x", *x);
  if (!grid.get(f.x)) fail(place_of(file, *x), "x", "'" + f.x + "' is not a key of [grid]");
  if (const auto* scale = fit->get("scale")) {
    const std::string name = string_of(file, "scale", *scale);
    const auto parsed = parse_name(stats::kFitScaleNames, name);
    if (!parsed) {
      fail(place_of(file, *scale), "scale",
           fmt::format("'{}' is not one of {}", name, names_list(stats::kFitScaleNames)));
    }
    f.scale = *parsed;
    if (f.scale == stats::FitScale::ln_inverse && f.x != "eps" && f.x != "delta")
      fail(place_of(file, *scale), "scale", "ln_inverse needs x = eps or delta");
  }
  return f;
}

// The values the theory's bounds read at a cell: equal keys, equal bounds.
std::string bound_key(const Cell& cell) {
  std::string key;
  for (const char* name : {"V", "m", "l", "d", "q", "eps", "delta"}) {
    if (auto value = cell.get(name)) key += fmt::format("{}={};", name, to_string(*value));
  }
  return key;
}

// How many times a cell's trial cap is spent at most (the evaluations of its mode).
double evaluations_of(engine::Mode mode, const engine::RunSettings& s) {
  switch (mode) {
    case engine::Mode::n_star:
      return s.max_evaluations;
    case engine::Mode::worst_target:
      return s.search_budget + 2.0 * s.max_evaluations;
    default:
      return 1;
  }
}

}  // namespace

std::string CaseFile::place(const std::string& key) const {
  std::string file = path.string();
  if (auto it = lines.find(key); it != lines.end()) return fmt::format("{}:{}", file, it->second);
  for (const char* table : {"[run]", "[grid]"}) {
    if (auto it = lines.find(table); it != lines.end())
      return fmt::format("{}:{}", file, it->second);
  }
  return file;
}

void check_work(const CaseFile& c, const engine::RunSettings& settings) {
  auto refuse = [&](const std::string& key, const std::string& message) {
    throw CaseError(fmt::format("{}: key {}: {}", c.place(key), key, message));
  };
  const readings::Reading& reading = *c.reading;
  const bool from_bound = c.mode == engine::Mode::verdict && !settings.n_from_bound.empty();
  // Each distinct set of theory values once: a sweep over n shares its bounds.
  std::map<std::string, std::vector<theory::BoundRow>> bounds;
  const double evaluations = evaluations_of(c.mode, settings);
  double work = 0;
  for (const Cell& cell : c.cells) {
    readings::Values values = cell.as_values();
    const std::string key = bound_key(cell);
    auto known = bounds.find(key);
    if (known == bounds.end()) {
      try {
        known = bounds.emplace(key, readings::evaluate_compared_bounds(reading, values)).first;
      } catch (const theory::ParameterError& error) {
        refuse(error.key(), fmt::format("{} (at {})", error.what(), cell.describe()));
      }
    }
    if (from_bound) {
      const auto& rows = known->second;
      const auto row = std::find_if(rows.begin(), rows.end(), [&](const theory::BoundRow& b) {
        return b.bound->id == settings.n_from_bound;
      });
      if (row == rows.end()) {
        refuse("n_from_bound", fmt::format("the bound '{}' has no value at {} (it needs eps and "
                                           "delta in [grid])",
                                           settings.n_from_bound, cell.describe()));
      }
      // In double, and checked before it becomes an integer: a bound can be astronomically
      // large (or infinite), and a cast past int64 is undefined.
      const double size = std::ceil(to_double(settings.n_factor) * detail::per_context(*row));
      if (!(size >= 1) || !(size <= static_cast<double>(engine::kLargestSampleSize))) {
        refuse("n_factor", fmt::format("n = ceil({} x {}) = {:.4g} at {} is not a sample size in "
                                       "[1, 2^53]",
                                       to_string_brief(settings.n_factor), settings.n_from_bound,
                                       size, cell.describe()));
      }
      values.set(detail::sample_key(reading), Rational(static_cast<std::int64_t>(size)));
    }
    if (!reading.trial_size) continue;
    const readings::TrialSize trial = reading.trial_size(values, c.target);
    if (trial.numbers > kMaxTrialNumbers) {
      refuse(trial.key,
             fmt::format("a trial would draw and compare {} = {:.3g} numbers (at {}), above the "
                         "limit of {:.0f} (2^23) per trial",
                         trial.how, trial.numbers, cell.describe(), kMaxTrialNumbers));
    }
    // The cell's experiment holds its numbers (about 48 bytes each) and every thread
    // its own trial's counts (8 bytes each): V = 4·10^6 takes 30 MB more per thread.
    const double bytes = trial.numbers * (48 + 8.0 * settings.threads);
    if (bytes > kMaxCellBytes) {
      refuse("threads",
             fmt::format("{} threads would hold about {:.2g} GB at {} ({} = {:.3g} numbers a "
                         "trial, each thread its own), above the limit of {:.0f} GB; use fewer "
                         "threads",
                         settings.threads, bytes / 1e9, cell.describe(), trial.how, trial.numbers,
                         kMaxCellBytes / 1e9));
    }
    work += (trial.work > 0 ? trial.work : trial.numbers) * static_cast<double>(settings.trials) *
            evaluations;
  }
  // Each cell replays up to replay_trials trials through the transformer, each prompt of
  // at most replay_max_tokens tokens, at a cost that grows as its tokens squared.
  const double replays = static_cast<double>(c.cells.size()) *
                         static_cast<double>(settings.replay_trials) *
                         static_cast<double>(settings.replay_max_tokens) *
                         static_cast<double>(settings.replay_max_tokens);
  if (replays > kMaxReplayWork) {
    refuse("replay_trials",
           fmt::format("the replays could cost {:.2g} token pairs ({} cells x {} replays x {}^2 "
                       "tokens), above the limit of {:.0e}; lower replay_trials or "
                       "replay_max_tokens",
                       replays, c.cells.size(), settings.replay_trials, settings.replay_max_tokens,
                       kMaxReplayWork));
  }
  if (work > kMaxCaseWork) {
    refuse("trials",
           fmt::format("the case could draw {:.2g} numbers ({} cells, at most {} trials x {:.0f} "
                       "evaluations each), above the limit of {:.0e}; lower trials or narrow the "
                       "grid",
                       work, c.cells.size(), settings.trials, evaluations, kMaxCaseWork));
  }
}

CaseFile load_case_file(const std::filesystem::path& path) {
  return case_file_from_text(read_text(path), path);
}

CaseFile case_file_from_text(std::string text, const std::filesystem::path& path) {
  const std::string file = path.string();
  CaseFile result;
  result.path = path;
  result.text = std::move(text);
  const toml::table root = parse_toml(result.text, file);
  check_keys(file, "top level", root, {"case", "grid", "target", "run", "fit"});
  for (auto&& [name, node] : root) {
    if (node.is_table()) record_lines(*node.as_table(), std::string(name.str()), result);
  }
  read_case_table(file, *table_of(file, root, "case", true), result);
  read_target_table(file, table_of(file, root, "target", false), result);
  read_run_table(file, table_of(file, root, "run", false), result);
  const toml::table& grid = *table_of(file, root, "grid", true);
  read_grid_table(file, grid, result);
  result.fit = read_fit_table(file, table_of(file, root, "fit", false), grid);
  check_work(result, result.run);
  return result;
}

}  // namespace elicit::cases
