// The cells of a case: the product of its [grid] axes, each value exact.
//
// An axis is a scalar, a list, or a range written as an inline table:
// {from, to, times} is geometric (from, from·times, … up to to), {from, to, step}
// arithmetic; `to` is included when reached. The last key varies fastest.
//
//   std::vector<Cell> cells = expand_grid({{"V", {4, 8}}, {"eps", {1/10}}});
#pragma once

#include "sim/exact/rational.h"
#include "sim/readings/values.h"

#include <toml++/toml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace elicit::cases {

// One cell: a value for each grid key that was given.
struct Cell {
  std::uint64_t index = 0;
  std::map<std::string, Rational> values;  // "V" -> 64, "eps" -> 1/10, ...
  std::optional<Rational> get(const std::string& key) const;
  // "V=64, eps=1/10" (the usual keys first; a value of over 40 characters in brief)
  std::string describe() const;
  readings::Values as_values() const;
};

using Axis = std::pair<std::string, std::vector<Rational>>;

// The most cells a case may have. Each axis has at most 10,000 values, so two long
// ranges alone would ask for 10^8 cells (gigabytes before the first trial).
inline constexpr std::size_t kMaxCells = 100'000;

std::vector<Cell> expand_grid(const std::vector<Axis>& axes);

namespace detail {
// The values of one axis as written in the file (scalar, list or range table).
std::vector<Rational> axis_values(const std::string& file, const std::string& key,
                                  const toml::node& node);
}  // namespace detail

}  // namespace elicit::cases
