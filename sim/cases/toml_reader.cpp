#include "sim/cases/toml_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace elicit::cases::detail {

void fail(const Place& at, const std::string& key, const std::string& message) {
  throw CaseError(fmt::format("{}:{}: key {}: {}", at.file, at.line, key, message));
}

Place place_of(const std::string& file, const toml::node& node) {
  return {file, node.source().begin.line};
}

Rational exact_number(const std::string& file, const std::string& key, const toml::node& node) {
  try {
    // Integers only: toml++ converts a float to int64 without a range check
    // (undefined beyond 2^63), so a float never goes through value<int64_t>().
    if (node.is_integer()) return Rational(*node.value<std::int64_t>());
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
      fail(place_of(file, node), std::string(key.str()),
           fmt::format("unknown key in [{}] (known: {})", table_name, fmt::join(allowed, ", ")));
    }
  }
}

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

std::string folder_name_of(const std::string& file, const toml::table& table,
                           const char* table_name) {
  const std::string name = required_string(file, table, table_name, "name");
  const bool plain = !name.empty() && name.size() <= 100 && name.front() != '.' &&
                     std::all_of(name.begin(), name.end(), [](unsigned char c) {
                       return std::isalnum(c) || c == '_' || c == '-' || c == '.';
                     });
  if (!plain) {
    fail(place_of(file, *table.get("name")), "name",
         fmt::format("'{}' is not a plain name (letters, digits, '_', '-', '.', at most 100, not "
                     "starting with '.'): it names the results folder",
                     name));
  }
  return name;
}

const toml::table* table_of(const std::string& file, const toml::table& root, const char* name,
                            bool required) {
  const toml::node* node = root.get(name);
  if (!node) {
    if (required)
      throw CaseError(fmt::format("{}:1: key {}: the [{}] table is missing", file, name, name));
    return nullptr;
  }
  if (!node->is_table())
    fail(place_of(file, *node), name, "expected a table [" + std::string(name) + "]");
  return node->as_table();
}

std::string required_string(const std::string& file, const toml::table& table,
                            const char* table_name, const char* key) {
  const toml::node* node = table.get(key);
  if (!node) {
    throw CaseError(fmt::format("{}:{}: key {}: missing in [{}]", file, table.source().begin.line,
                                key, table_name));
  }
  return string_of(file, key, *node);
}

}  // namespace elicit::cases::detail
