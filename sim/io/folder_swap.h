// Putting a finished folder in place of another in one step.
//
// A results folder is written under a temporary name and swapped in only when it
// is complete, so that the folder a user opens always holds one run's files: never
// a new results.json beside an old CSV, whatever interrupted the run.
//
//   swap_in_folder("results/x.incomplete", "results/x");   // throws OutputError
#pragma once

#include <filesystem>

namespace elicit {

// Makes `staged` be `target`: when `target` exists, the two are exchanged in one
// rename (Linux renameat2 RENAME_EXCHANGE) and the old contents, now under the
// staged name, are deleted; otherwise `staged` is renamed to `target`. Both must be
// on one file system (they are siblings). Throws OutputError naming the folder.
void swap_in_folder(const std::filesystem::path& staged, const std::filesystem::path& target);

// An exclusive lock on a folder, held while the object lives: a second run writing
// the same folder is refused instead of mixing its cells in. Throws OutputError.
class FolderLock {
 public:
  explicit FolderLock(const std::filesystem::path& folder);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace elicit
