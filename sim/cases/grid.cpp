#include "sim/cases/grid.h"

#include "sim/cases/toml_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace elicit::cases {

std::optional<Rational> Cell::get(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::string Cell::describe() const {
  // The usual keys in the usual order, then any others alphabetically.
  static const std::vector<std::string> kFirst = {"V", "m", "l", "N", "n", "eps", "delta"};
  std::vector<std::string> parts;
  for (const auto& key : kFirst) {
    if (auto v = get(key)) parts.push_back(key + "=" + to_string_brief(*v));
  }
  for (const auto& [key, value] : values) {
    if (std::find(kFirst.begin(), kFirst.end(), key) == kFirst.end())
      parts.push_back(key + "=" + to_string_brief(value));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

readings::Values Cell::as_values() const {
  readings::Values out;
  for (const auto& [key, value] : values) out.set(key, value);
  return out;
}

std::vector<Cell> expand_grid(const std::vector<Axis>& axes) {
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
  return cells;
}

namespace detail {
namespace {

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

}  // namespace

std::vector<Rational> axis_values(const std::string& file, const std::string& key,
                                  const toml::node& node) {
  std::vector<Rational> values;
  if (const toml::array* list = node.as_array()) {
    if (list->empty()) fail(place_of(file, node), key, "an empty list gives no cells");
    for (const auto& item : *list) values.push_back(exact_number(file, key, item));
  } else if (const toml::table* range = node.as_table()) {
    values = range_values(file, key, *range);
  } else {
    values.push_back(exact_number(file, key, node));
  }
  return values;
}

}  // namespace detail
}  // namespace elicit::cases
