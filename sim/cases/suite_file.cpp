#include "sim/cases/suite_file.h"

#include "sim/cases/toml_reader.h"

#include <fmt/format.h>

namespace elicit::cases {

using namespace detail;

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
  result.name = folder_name_of(file, suite, "suite");
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
    if (std::filesystem::is_directory(included))
      fail(place_of(file, item), "include", included.string() + " is a folder, not a case file");
    std::error_code error;
    if (std::filesystem::equivalent(included, path, error)) {
      fail(place_of(file, item), "include",
           included.string() + " is this suite itself: a suite includes case files, not suites");
    }
    // A suite may not include a suite (nor, through one, itself): its cases are case files.
    if (std::filesystem::is_regular_file(included) &&
        parse_toml(read_text(included), included.string()).contains("suite")) {
      fail(place_of(file, item), "include",
           included.string() + " is a suite: a suite includes case files, not suites");
    }
    result.cases.push_back(included);
    result.include_lines.push_back(item.source().begin.line);
  }
  return result;
}

}  // namespace elicit::cases
