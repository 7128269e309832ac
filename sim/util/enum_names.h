// One table per enum that maps each value to the name users read and type, so that
// printing, parsing and "is not one of ..." messages come from the same list.
//
//   constexpr EnumNames<Verdict, 3> kVerdictNames = {{{Verdict::holds, "HOLDS"}, ...}};
//   name_of(kVerdictNames, Verdict::holds)        // "HOLDS"
//   parse_name(kVerdictNames, "HOLDS")            // Verdict::holds
//   names_list(kVerdictNames)                     // "HOLDS, VIOLATED, INCONCLUSIVE"
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace elicit {

template <class E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

// The name of a value; a value missing from its table is a programming error.
template <class E, std::size_t N>
constexpr std::string_view name_of(const EnumNames<E, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  throw std::logic_error("an enum value has no name");
}

template <class E, std::size_t N>
constexpr std::optional<E> parse_name(const EnumNames<E, N>& names, std::string_view text) {
  for (const auto& [v, name] : names) {
    if (name == text) return v;
  }
  return std::nullopt;
}

// "a, b, c": the names in table order, for error messages.
template <class E, std::size_t N>
std::string names_list(const EnumNames<E, N>& names) {
  std::vector<std::string_view> all;
  for (const auto& entry : names) all.push_back(entry.second);
  return fmt::format("{}", fmt::join(all, ", "));
}

}  // namespace elicit
