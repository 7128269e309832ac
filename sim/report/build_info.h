// What built this elicit: its version, the git commit of its sources (with
// "-dirty" when tracked files differed from it), the build type, the compiler and
// the versions of the libraries that shape its numbers. For `elicit --version` and
// for the manifest of every results folder, so that a table can be traced back to
// the program that computed it.
//
//   const BuildInfo& info = build_info();
//   fmt::print("elicit {} ({})\n", info.version, info.git_commit);
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace elicit::report {

struct BuildInfo {
  std::string version, git_commit, build_type, compiler;
  std::vector<std::pair<std::string, std::string>> libraries;  // name, version
};

const BuildInfo& build_info();

}  // namespace elicit::report
