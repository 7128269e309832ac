#include "sim/cases/case_file.h"

#include "theory/bound.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace elicit::cases {
namespace {

struct Place {
  std::string file;
  std::uint32_t line = 0;
};

[[noreturn]] void fail(const Place& at, const std::string& key, const std::string& message) {
  throw CaseError(fmt::format("{}:{}: key {}: {}", at.file, at.line, key, message));
}

Place place_of(const std::string& file, const toml::node& node) {
  return {file, node.source().begin.line};
}

// Reads a number written as an integer, a float (by its shortest decimal form, so
// 0.1 is 1/10) or a string ("1/10").
Rational exact_number(const std::string& file, const std::string& key, const toml::node& node) {
  try {
    if (auto i = node.value<std::int64_t>(); i && node.is_integer()) return Rational(*i);
    if (node.is_floating_point()) return parse_rational(fmt::format("{}", *node.value<double>()));
    if (node.is_string()) return parse_rational(*node.value<std::string>());
  } catch (const ParseError& error) {
    fail(place_of(file, node), key, error.what());
  }
  fail(place_of(file, node), key, "expected a number or a string such as \"1/10\"");
}

std::int64_t integer_at_least(const std::string& file, const std::string& key,
                              const toml::node& node, std::int64_t minimum) {
  if (!node.is_integer()) fail(place_of(file, node), key, "expected an integer");
  const auto value = *node.value<std::int64_t>();
  if (value < minimum)
    fail(place_of(file, node), key, fmt::format("must be >= {} (got {})", minimum, value));
  return value;
}

std::string string_of(const std::string& file, const std::string& key, const toml::node& node) {
  if (!node.is_string()) fail(place_of(file, node), key, "expected a string");
  return *node.value<std::string>();
}

void check_keys(const std::string& file, const std::string& table_name, const toml::table& table,
                const std::set<std::string>& allowed) {
  for (auto&& [key, node] : table) {
    if (!allowed.count(std::string(key.str()))) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      fail(place_of(file, node), std::string(key.str()),
           fmt::format("unknown key in [{}] (known: {})", table_name, list));
    }
  }
}

// A range written as an inline table: {from, to, times} is geometric (from, from·times,
// … up to to), {from, to, step} arithmetic; all exact, `to` included when reached.
std::vector<Rational> range_values(const std::string& file, const std::string& key,
                                   const toml::table& range) {
  check_keys(file, key + " range", range, {"from", "to", "times", "step"});
  const Place at = place_of(file, range);
  const auto* from = range.get("from");
  const auto* to = range.get("to");
  const auto* times = range.get("times");
  const auto* step = range.get("step");
  if (!from || !to || (times == nullptr) == (step == nullptr)) {
    fail(at, key, "a range needs from, to and one of times (geometric) or step (arithmetic)");
  }
  const Rational first = exact_number(file, key, *from);
  const Rational last = exact_number(file, key, *to);
  const Rational factor = times ? exact_number(file, key, *times) : Rational(1);
  const Rational increment = step ? exact_number(file, key, *step) : Rational(0);
  if (times && (factor <= 1 || first <= 0))
    fail(at, key, "a geometric range needs from > 0 and times > 1");
  if (step && increment <= 0) fail(at, key, "an arithmetic range needs step > 0");
  if (last < first) fail(at, key, "a range needs from <= to");
  std::vector<Rational> values;
  for (Rational v = first; v <= last; v = times ? Rational(v * factor) : Rational(v + increment)) {
    values.push_back(v);
    if (values.size() > 10000) fail(at, key, "a range of more than 10000 values");
  }
  return values;
}

const std::set<std::string> kIntegerGridKeys = {"V", "m", "l", "N", "n"};
const std::set<std::string> kGridKeys = {"V", "m", "l", "N", "n", "eps", "delta"};

// Checks one grid value's range: integers >= their minimum, 0 < eps < the
// metric's maximum, 0 < delta < 1.
void check_grid_value(const Place& at, const std::string& key, const Rational& value,
                      const std::string& theorem, const std::string& reading) {
  if (kIntegerGridKeys.count(key)) {
    if (denominator(value) != 1) fail(at, key, "must be an integer (got " + to_string(value) + ")");
    const Rational minimum = key == "V" ? 2 : 1;
    if (value < minimum)
      fail(at, key, fmt::format("must be >= {} (got {})", to_string(minimum), to_string(value)));
    return;
  }
  if (key == "delta" && (value <= 0 || value >= 1)) {
    fail(at, key, "must satisfy 0 < delta < 1 (got " + to_string(value) + ")");
  }
  if (key == "eps") {
    const bool l1 = theorem == "T2" || reading == "T5/literal-L1" || reading == "T5/min-distance";
    const Rational ceiling = l1 ? 2 : 1;
    if (value <= 0 || value >= ceiling) {
      fail(at, key,
           fmt::format("must satisfy 0 < eps < {} (got {})", to_string(ceiling), to_string(value)));
    }
  }
}

struct TheoremShape {
  std::set<std::string> readings;
  std::set<Mode> modes;
};

const std::map<std::string, TheoremShape>& shapes() {
  static const std::map<std::string, TheoremShape> table = {
      {"T1", {{"T1/tv-rate"}, {Mode::n_star, Mode::verdict, Mode::rate}}},
      {"T2", {{"T2/L1"}, {Mode::n_star, Mode::verdict, Mode::rate}}},
      {"T5",
       {{"T5/literal-L1", "T5/sup-norm", "T5/min-distance"},
        {Mode::n_star, Mode::verdict, Mode::rate}}},
      {"partial-access", {{"partial/TV"}, {Mode::rate}}},
  };
  return table;
}

// Grid keys each theorem needs in each mode.
std::vector<std::string> required_grid_keys(const std::string& theorem, Mode mode,
                                            bool n_from_bound) {
  std::vector<std::string> keys;
  if (theorem == "T1") keys = {"V", "delta"};
  if (theorem == "T2") keys = {"V", "m", "delta"};
  if (theorem == "T5") keys = {"V", "l", "delta"};
  if (theorem == "partial-access") keys = {"V", "N", "n", "delta"};
  if (mode != Mode::rate && theorem != "partial-access") keys.push_back("eps");
  if ((mode == Mode::rate || (mode == Mode::verdict && !n_from_bound)) &&
      theorem != "partial-access") {
    keys.push_back("n");
  }
  return keys;
}

}  // namespace

std::string Fit::label() const {
  switch (scale) {
    case FitScale::identity:
      return x;
    case FitScale::inverse:
      return "1/" + x;
    case FitScale::ln_inverse:
      return "ln(1/" + x + ")";
  }
  return x;
}

double Fit::transform(double value) const {
  switch (scale) {
    case FitScale::identity:
      return value;
    case FitScale::inverse:
      return 1 / value;
    case FitScale::ln_inverse:
      return std::log(1 / value);
  }
  return value;
}

std::string_view mode_name(Mode mode) {
  switch (mode) {
    case Mode::n_star:
      return "n_star";
    case Mode::verdict:
      return "verdict";
    case Mode::rate:
      return "rate";
  }
  return "?";
}

std::optional<Rational> Cell::get(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::string Cell::describe() const {
  std::string out;
  for (const auto& key : {"V", "m", "l", "N", "n", "eps", "delta"}) {
    if (auto v = get(key))
      out += fmt::format("{}{}={}", out.empty() ? "" : ", ", key, to_string(*v));
  }
  return out;
}

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw CaseError(path.string() + ": cannot open the case file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

toml::table parse_toml(const std::string& text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    throw CaseError(fmt::format("{}:{}: {}", file, error.source().begin.line, error.description()));
  }
}

}  // namespace

std::optional<SuiteFile> load_suite_file(const std::filesystem::path& path) {
  const std::string file = path.string();
  const toml::table root = parse_toml(read_text(path), file);
  const toml::node* node = root.get("suite");
  if (!node) return std::nullopt;
  check_keys(file, "top level", root, {"suite"});
  if (!node->is_table()) fail(place_of(file, *node), "suite", "expected a table [suite]");
  const toml::table& suite = *node->as_table();
  check_keys(file, "suite", suite, {"name", "title", "include"});
  SuiteFile result;
  result.path = path;
  const auto* name = suite.get("name");
  if (!name)
    throw CaseError(
        fmt::format("{}:{}: key name: missing in [suite]", file, suite.source().begin.line));
  result.name = string_of(file, "name", *name);
  result.title = suite.get("title") ? string_of(file, "title", *suite.get("title")) : result.name;
  const auto* include = suite.get("include");
  if (!include || !include->is_array() || include->as_array()->empty()) {
    throw CaseError(
        fmt::format("{}:{}: key include: a non-empty list of case files is needed", file,
                    include ? include->source().begin.line : suite.source().begin.line));
  }
  for (const auto& item : *include->as_array()) {
    const auto included = path.parent_path() / string_of(file, "include", item);
    if (!std::filesystem::exists(included))
      fail(place_of(file, item), "include", included.string() + " does not exist");
    result.cases.push_back(included);
  }
  return result;
}

CaseFile load_case_file(const std::filesystem::path& path) {
  const std::string file = path.string();
  CaseFile result;
  result.path = path;
  result.text = read_text(path);
  toml::table root = parse_toml(result.text, file);
  check_keys(file, "top level", root, {"case", "grid", "target", "run", "fit"});
  auto table = [&](const char* name, bool required) -> const toml::table* {
    const toml::node* node = root.get(name);
    if (!node) {
      if (required)
        throw CaseError(fmt::format("{}:1: key {}: the [{}] table is missing", file, name, name));
      return nullptr;
    }
    if (!node->is_table())
      fail(place_of(file, *node), name, "expected a table [" + std::string(name) + "]");
    return node->as_table();
  };

  // [case]
  const toml::table& case_table = *table("case", true);
  check_keys(file, "case", case_table, {"name", "title", "theorem", "reading", "mode"});
  auto required_string = [&](const toml::table& t, const char* table_name, const char* key) {
    const toml::node* node = t.get(key);
    if (!node) {
      throw CaseError(fmt::format("{}:{}: key {}: missing in [{}]", file, t.source().begin.line,
                                  key, table_name));
    }
    return string_of(file, key, *node);
  };
  result.name = required_string(case_table, "case", "name");
  result.title =
      case_table.get("title") ? string_of(file, "title", *case_table.get("title")) : result.name;
  result.theorem = required_string(case_table, "case", "theorem");
  const auto shape = shapes().find(result.theorem);
  if (shape == shapes().end()) {
    fail(place_of(file, *case_table.get("theorem")), "theorem",
         "'" + result.theorem + "' is not one of T1, T2, T5, partial-access");
  }
  result.reading = required_string(case_table, "case", "reading");
  if (!shape->second.readings.count(result.reading)) {
    std::string list;
    for (const auto& r : shape->second.readings) list += (list.empty() ? "" : ", ") + r;
    fail(place_of(file, *case_table.get("reading")), "reading",
         fmt::format("'{}' is not a reading of {} (known: {})", result.reading, result.theorem,
                     list));
  }
  const std::string mode = required_string(case_table, "case", "mode");
  if (mode == "n_star") {
    result.mode = Mode::n_star;
  } else if (mode == "verdict") {
    result.mode = Mode::verdict;
  } else if (mode == "rate") {
    result.mode = Mode::rate;
  } else {
    fail(place_of(file, *case_table.get("mode")), "mode",
         "'" + mode + "' is not one of n_star, verdict, rate");
  }
  if (!shape->second.modes.count(result.mode)) {
    fail(place_of(file, *case_table.get("mode")), "mode",
         fmt::format("{} supports no mode '{}'", result.theorem, mode));
  }

  // [target]
  if (const toml::table* target = table("target", false)) {
    check_keys(file, "target", *target, {"kind", "step", "alpha", "s", "support", "gamma"});
    if (const auto* node = target->get("kind")) {
      try {
        result.target.kind = targets::parse_target_kind(string_of(file, "kind", *node));
      } catch (const std::invalid_argument& error) {
        fail(place_of(file, *node), "kind", error.what());
      }
    }
    if (const auto* node = target->get("step")) {
      try {
        result.target.step = targets::parse_target_kind(string_of(file, "step", *node));
      } catch (const std::invalid_argument& error) {
        fail(place_of(file, *node), "step", error.what());
      }
      if (result.target.kind != targets::TargetKind::product ||
          result.target.step == targets::TargetKind::product) {
        fail(place_of(file, *node), "step",
             "only with kind = \"product\", and not itself a product");
      }
    }
    if (result.target.kind == targets::TargetKind::product && result.theorem != "T5") {
      fail(place_of(file, *target->get("kind")), "kind",
           "a product target is a law over sequences: T5 only");
    }
    auto positive = [&](const char* key) -> std::optional<Rational> {
      const auto* node = target->get(key);
      if (!node) return std::nullopt;
      const Rational v = exact_number(file, key, *node);
      if (v <= 0) fail(place_of(file, *node), key, "must be > 0 (got " + to_string(v) + ")");
      return v;
    };
    if (auto a = positive("alpha")) result.target.alpha = to_double(*a);
    if (auto s = positive("s")) result.target.exponent = to_double(*s);
    if (const auto* node = target->get("support"))
      result.target.support = static_cast<int>(integer_at_least(file, "support", *node, 1));
    if (const auto* node = target->get("gamma")) {
      result.gamma = exact_number(file, "gamma", *node);
      if (result.gamma <= 0 || result.gamma >= 1)
        fail(place_of(file, *node), "gamma", "must satisfy 0 < gamma < 1");
    }
  }

  // [run]
  if (const toml::table* run = table("run", false)) {
    check_keys(file, "run", *run,
               {"trials", "max_trials", "confidence", "seed", "replay_trials", "replay_max_tokens",
                "n_max", "n_from_bound", "n_factor", "threads"});
    RunSettings& s = result.run;
    if (const auto* n = run->get("trials")) s.trials = integer_at_least(file, "trials", *n, 1);
    s.max_trials = s.trials * 16;
    if (const auto* n = run->get("max_trials"))
      s.max_trials = integer_at_least(file, "max_trials", *n, s.trials);
    if (const auto* n = run->get("confidence")) {
      s.confidence = exact_number(file, "confidence", *n);
      if (s.confidence <= 0 || s.confidence >= 1)
        fail(place_of(file, *n), "confidence", "must satisfy 0 < confidence < 1");
    }
    if (const auto* n = run->get("seed"))
      s.seed = static_cast<std::uint64_t>(integer_at_least(file, "seed", *n, 0));
    if (const auto* n = run->get("replay_trials"))
      s.replay_trials = integer_at_least(file, "replay_trials", *n, 0);
    if (const auto* n = run->get("replay_max_tokens"))
      s.replay_max_tokens = integer_at_least(file, "replay_max_tokens", *n, 1);
    if (const auto* n = run->get("n_max")) s.n_max = integer_at_least(file, "n_max", *n, 1);
    if (const auto* n = run->get("threads"))
      s.threads = static_cast<int>(integer_at_least(file, "threads", *n, 1));
    if (const auto* n = run->get("n_from_bound"))
      s.n_from_bound = string_of(file, "n_from_bound", *n);
    if (const auto* n = run->get("n_factor")) {
      s.n_factor = exact_number(file, "n_factor", *n);
      if (s.n_factor <= 0) fail(place_of(file, *n), "n_factor", "must be > 0");
    }
    if (!s.n_from_bound.empty()) {
      const toml::node& node = *run->get("n_from_bound");
      if (result.mode != Mode::verdict)
        fail(place_of(file, node), "n_from_bound", "only in mode = \"verdict\"");
      // A bound of this theorem that speaks to the reading (or the paper's own rows).
      std::string known;
      bool found = false;
      if (const auto theorem = theory::parse_theorem(result.theorem)) {
        for (const auto& bound : theory::bounds_of(*theorem)) {
          if (bound.reading != result.reading && !theory::is_paper(bound.kind)) continue;
          known += (known.empty() ? "" : ", ") + bound.id;
          found = found || bound.id == s.n_from_bound;
        }
      }
      if (!found) {
        fail(place_of(file, node), "n_from_bound",
             fmt::format("'{}' is not a bound of reading {} (known: {})", s.n_from_bound,
                         result.reading, known.empty() ? "none" : known));
      }
    }
  }

  // [grid]
  const toml::table& grid = *table("grid", true);
  check_keys(file, "grid", grid, kGridKeys);
  std::vector<std::pair<std::string, std::vector<Rational>>> axes;
  for (auto&& [key_node, node] : grid) {
    const std::string key(key_node.str());
    std::vector<Rational> values;
    if (const toml::array* list = node.as_array()) {
      if (list->empty()) fail(place_of(file, node), key, "an empty list gives no cells");
      for (const auto& item : *list) values.push_back(exact_number(file, key, item));
    } else if (const toml::table* range = node.as_table()) {
      values = range_values(file, key, *range);
    } else {
      values.push_back(exact_number(file, key, node));
    }
    for (const auto& v : values)
      check_grid_value(place_of(file, node), key, v, result.theorem, result.reading);
    result.grid_keys.push_back(key);
    axes.emplace_back(key, std::move(values));
  }
  for (const auto& key :
       required_grid_keys(result.theorem, result.mode, !result.run.n_from_bound.empty())) {
    if (!grid.get(key)) {
      throw CaseError(fmt::format("{}:{}: key {}: {} in mode {} needs it in [grid]", file,
                                  grid.source().begin.line, key, result.theorem, mode));
    }
  }
  // The cells: the product of the axes, the last key varying fastest.
  std::vector<Cell> cells = {Cell{}};
  for (const auto& [key, values] : axes) {
    std::vector<Cell> next;
    for (const auto& cell : cells) {
      for (const auto& v : values) {
        Cell c = cell;
        c.values[key] = v;
        next.push_back(std::move(c));
      }
    }
    cells = std::move(next);
  }
  for (std::size_t i = 0; i < cells.size(); ++i) cells[i].index = i;
  // Limits of the experiments, checked here so that they name the key at fault.
  auto line_of = [&](const char* key) { return place_of(file, *grid.get(key)); };
  for (const Cell& cell : cells) {
    if (result.theorem == "T5") {
      const Integer sequences = boost::multiprecision::pow(
          numerator(*cell.get("V")), static_cast<unsigned>(cell.get("l")->convert_to<long>()));
      const bool family = result.reading == "T5/min-distance";
      const Integer limit = family ? Integer(4096) : Integer(1) << 22;
      if (sequences > limit) {
        fail(line_of("l"), "l",
             fmt::format("V^l = {} sequences at {}; {} takes at most {}", sequences.str(),
                         cell.describe(), result.reading, limit.str()));
      }
    }
    if (result.theorem == "partial-access" && *cell.get("n") > *cell.get("N")) {
      fail(line_of("n"), "n", fmt::format("|D'| = n exceeds |D| = N at {}", cell.describe()));
    }
  }
  result.cells = std::move(cells);

  // [fit]
  if (const toml::table* fit = table("fit", false)) {
    check_keys(file, "fit", *fit, {"x", "scale", "expected_slope"});
    Fit f;
    const auto* x = fit->get("x");
    if (!x)
      throw CaseError(
          fmt::format("{}:{}: key x: missing in [fit]", file, fit->source().begin.line));
    f.x = string_of(file, "x", *x);
    if (!grid.get(f.x)) fail(place_of(file, *x), "x", "'" + f.x + "' is not a key of [grid]");
    if (const auto* scale = fit->get("scale")) {
      const std::string name = string_of(file, "scale", *scale);
      if (name == "identity") {
        f.scale = FitScale::identity;
      } else if (name == "inverse") {
        f.scale = FitScale::inverse;
      } else if (name == "ln_inverse") {
        f.scale = FitScale::ln_inverse;
        if (f.x != "eps" && f.x != "delta")
          fail(place_of(file, *scale), "scale", "ln_inverse needs x = eps or delta");
      } else {
        fail(place_of(file, *scale), "scale",
             "'" + name + "' is not one of identity, inverse, ln_inverse");
      }
    }
    if (const auto* e = fit->get("expected_slope"))
      f.expected_slope = to_double(exact_number(file, "expected_slope", *e));
    result.fit = f;
  }
  return result;
}

}  // namespace elicit::cases
