// A suite file runs other case files: [suite] name, title, include = ["a.toml", ...]
// (paths relative to the suite file).
//
//   if (auto suite = load_suite_file("cases/paper.toml")) for (auto& c : suite->cases) ...
#pragma once

#include "sim/cases/case_error.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace elicit::cases {

struct SuiteFile {
  std::filesystem::path path;
  std::string name, title;
  std::vector<std::filesystem::path> cases;
  std::vector<std::size_t> include_lines;  // the line naming each case, for messages
};

// nullopt when the file has no [suite] table (it is then a case file).
std::optional<SuiteFile> load_suite_file(const std::filesystem::path& path);

}  // namespace elicit::cases
