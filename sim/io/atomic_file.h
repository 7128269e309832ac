// Writing an output file so that it is either complete or absent.
//
// The text goes to a temporary file beside the target, is flushed and synced, and
// is renamed over the target only then; a full disk or an interrupt leaves the old
// file (or none), never half of a new one. Only a regular file is replaced: a target
// that is a folder, a device or a pipe is refused.
//
//   write_file_atomically("results/table.md", text);   // throws OutputError
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace elicit {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace elicit
