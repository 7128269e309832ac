#include "sim/cases/toml_reader.h"

#include "sim/util/closest_name.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>
#include <system_error>
#include <vector>

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
    if (node.is_string()) {
      const std::string text = *node.value<std::string>();
      if (text.size() > kMaxNumberCharacters) {
        fail(place_of(file, node), key,
             fmt::format("a number written with {} characters; at most {}", text.size(),
                         kMaxNumberCharacters));
      }
      return parse_rational(text);
    }
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

std::uint64_t seed_of(const std::string& file, const std::string& key, const toml::node& node) {
  // TOML integers stop at 2^63 - 1; larger seeds (as --seed takes) are written as strings.
  if (node.is_integer()) return static_cast<std::uint64_t>(integer_at_least(file, key, node, 0));
  if (node.is_string()) {
    const Rational value = exact_number(file, key, node);
    if (denominator(value) != 1 || value < 0 ||
        value > Rational(Integer(std::numeric_limits<std::uint64_t>::max()))) {
      fail(place_of(file, node), key,
           fmt::format("must be an integer from 0 to {} (got {})",
                       std::numeric_limits<std::uint64_t>::max(), to_string_brief(value)));
    }
    return numerator(value).convert_to<std::uint64_t>();
  }
  fail(place_of(file, node), key, "expected an integer (or a string of one, above 2^63 - 1)");
}

std::string string_of(const std::string& file, const std::string& key, const toml::node& node) {
  if (!node.is_string()) fail(place_of(file, node), key, "expected a string");
  return *node.value<std::string>();
}

void check_keys(const std::string& file, const std::string& table_name, const toml::table& table,
                const std::set<std::string>& allowed) {
  for (auto&& [key, node] : table) {
    const std::string name(key.str());
    if (allowed.count(name)) continue;
    const auto suggestion = closest_name(name, allowed);
    fail(place_of(file, node), name,
         fmt::format("unknown key in [{}]{} (known: {})", table_name,
                     suggestion ? fmt::format("; did you mean '{}'?", *suggestion) : "",
                     fmt::join(allowed, ", ")));
  }
}

std::string read_text(const std::filesystem::path& path) {
  // Checked before opening: a folder reads as an empty file, a pipe blocks, and a
  // device such as /dev/zero never ends.
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status))
    throw CaseError(path.string() + ": cannot open the case file (no such file)");
  if (std::filesystem::is_directory(status))
    throw CaseError(path.string() + ": is a folder, not a case file");
  if (!std::filesystem::is_regular_file(status))
    throw CaseError(path.string() +
                    ": is not a regular file (a device or a pipe?), not a case file");
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > kMaxCaseFileBytes) {
    throw CaseError(fmt::format("{}: {} bytes; a case file may have at most {} (1 MiB)",
                                path.string(), size, kMaxCaseFileBytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CaseError(path.string() + ": cannot open the case file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw CaseError(path.string() + ": cannot read the case file");
  return buffer.str();
}

toml::table parse_toml(const std::string& text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    // Name the key of the line at fault when it has one ("seed = 18446744073709551616").
    const std::uint32_t line = error.source().begin.line;
    std::istringstream lines(text);
    std::string text_line;
    for (std::uint32_t i = 0; i < line && std::getline(lines, text_line); ++i) {
    }
    static const std::regex kKeyLine(R"(^\s*([A-Za-z0-9_-]+)\s*=)");
    std::smatch match;
    const std::string key = std::regex_search(text_line, match, kKeyLine)
                                ? fmt::format("key {}: ", match[1].str())
                                : "";
    throw CaseError(fmt::format("{}:{}: {}{}", file, line, key, error.description()));
  }
}

std::string folder_name_of(const std::string& file, const toml::table& table,
                           const char* table_name) {
  std::string name = required_string(file, table, table_name, "name");
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
