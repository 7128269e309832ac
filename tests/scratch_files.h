// Files for tests that write: a fresh folder of their own (named after the test and
// this process, emptied first), and whole-file writes and reads.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace elicit::testing {

inline std::filesystem::path scratch(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("elicit-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::filesystem::path write(const std::filesystem::path& dir, const std::string& name,
                                   const std::string& text) {
  std::ofstream(dir / name) << text;
  return dir / name;
}

inline std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace elicit::testing
