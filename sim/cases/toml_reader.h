// Reading TOML values for case files: exact numbers, integers, strings and key
// checks, each failure a CaseError that names file, line and key (internal to
// sim/cases/).
//
//   const Place at = place_of(file, node);
//   Rational eps = exact_number(file, "eps", node);   // 0.1, "0.1" and "1/10" are 1/10
#pragma once

#include "sim/cases/case_error.h"
#include "sim/exact/rational.h"

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

namespace elicit::cases::detail {

struct Place {
  std::string file;
  std::uint32_t line = 0;
};

[[noreturn]] void fail(const Place& at, const std::string& key, const std::string& message);
Place place_of(const std::string& file, const toml::node& node);

// The longest number a case file may write as a string (a 400-digit eps is fine;
// a megabyte of digits would make every trial's comparison a megabyte long).
inline constexpr std::size_t kMaxNumberCharacters = 1000;

// An integer, a float (by its shortest decimal form, so 0.1 is 1/10) or a string
// ("1/10"), read exactly.
Rational exact_number(const std::string& file, const std::string& key, const toml::node& node);
std::int64_t integer_at_least(const std::string& file, const std::string& key,
                              const toml::node& node, std::int64_t minimum);
// A seed: an integer from 0 to 2^64 - 1, those above 2^63 - 1 written as strings.
std::uint64_t seed_of(const std::string& file, const std::string& key, const toml::node& node);
std::string string_of(const std::string& file, const std::string& key, const toml::node& node);

// Fails on the first key of `table` not in `allowed`, listing the known keys and
// suggesting the closest ("did you mean 'eps'?").
void check_keys(const std::string& file, const std::string& table_name, const toml::table& table,
                const std::set<std::string>& allowed);

// The largest case or suite file read (a case file is a few hundred bytes).
inline constexpr std::uintmax_t kMaxCaseFileBytes = 1 << 20;
// The text of a case or suite file: a regular file of at most kMaxCaseFileBytes.
std::string read_text(const std::filesystem::path& path);
toml::table parse_toml(const std::string& text, const std::string& file);

// A case or suite name: it names a folder under the results folder, so it must be
// a plain name (letters, digits, '_', '-', '.', not starting with '.'), never a path.
std::string folder_name_of(const std::string& file, const toml::table& table,
                           const char* table_name);

// The table under `name` in `root`, or nullptr when absent (and not required).
const toml::table* table_of(const std::string& file, const toml::table& root, const char* name,
                            bool required);
// The string at `key` in `table`, which must be there.
std::string required_string(const std::string& file, const toml::table& table,
                            const char* table_name, const char* key);

}  // namespace elicit::cases::detail
