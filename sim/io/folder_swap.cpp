#include "sim/io/folder_swap.h"

#include "sim/io/atomic_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace elicit {
namespace fs = std::filesystem;

void swap_in_folder(const fs::path& staged, const fs::path& target) {
  std::error_code ec;
  if (!fs::exists(target, ec)) {
    if (::rename(staged.c_str(), target.c_str()) != 0)
      throw OutputError(target.string() +
                        ": cannot move the finished results into place: " + std::strerror(errno));
    return;
  }
  if (::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
    // A file system without the exchange (some network file systems): two renames,
    // with the old folder kept under a third name until the new one is in place.
    std::string old = target.string() + ".old-XXXXXX";  // a fresh, empty folder
    if (::mkdtemp(old.data()) == nullptr ||
        ::rename(target.c_str(), old.c_str()) != 0 ||  // onto the empty folder

        ::rename(staged.c_str(), target.c_str()) != 0) {
      throw OutputError(target.string() +
                        ": cannot move the finished results into place: " + std::strerror(errno));
    }
    fs::remove_all(old, ec);
    return;
  }
  fs::remove_all(staged, ec);  // the earlier results, now under the staged name
  if (ec)
    throw OutputError(staged.string() + ": cannot remove the earlier results: " + ec.message());
}

FolderLock::FolderLock(const fs::path& folder) {
  fd_ = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0)
    throw OutputError(folder.string() + ": cannot open the folder: " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw OutputError(folder.string() + ": another elicit run is writing this folder");
    throw OutputError(folder.string() + ": cannot lock the folder: " + std::strerror(error));
  }
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace elicit
