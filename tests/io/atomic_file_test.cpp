// Output files are whole or absent: a failed write keeps the old file and leaves
// no temporary behind.
#include "sim/io/atomic_file.h"
#include "tests/scratch_files.h"

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <csignal>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

using elicit::testing::read;
using elicit::testing::scratch;

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("a written file has exactly the contents given", "[io]") {
  const fs::path dir = scratch("write");
  elicit::write_file_atomically(dir / "a.txt", "first");
  elicit::write_file_atomically(dir / "a.txt", "second");
  CHECK(read(dir / "a.txt") == "second");
  CHECK(entries(dir) == 1);
  fs::remove_all(dir);
}

TEST_CASE("a missing directory is an error naming the file", "[io]") {
  const fs::path target = fs::temp_directory_path() / "elicit-no-such-dir" / "out.md";
  try {
    elicit::write_file_atomically(target, "x");
    FAIL("no error");
  } catch (const elicit::OutputError& error) {
    CHECK_THAT(error.what(), Catch::Contains(target.string()));
  }
}

TEST_CASE("a full disk keeps the old file and leaves no temporary", "[io]") {
  // RLIMIT_FSIZE makes write() fail with EFBIG, as a full disk fails with ENOSPC.
  const fs::path dir = scratch("full");
  elicit::write_file_atomically(dir / "table.md", "old contents");
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  rlimit small = saved;
  small.rlim_cur = 64;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  CHECK_THROWS_AS(elicit::write_file_atomically(dir / "table.md", std::string(4096, 'x')),
                  elicit::OutputError);
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &saved) == 0);
  CHECK(read(dir / "table.md") == "old contents");
  CHECK(entries(dir) == 1);
  fs::remove_all(dir);
}

TEST_CASE("only a regular file is replaced: a folder, a pipe or a device is refused", "[io]") {
  const fs::path dir = scratch("special");
  REQUIRE(::mkfifo((dir / "pipe").c_str(), 0644) == 0);
  fs::create_directories(dir / "folder");
  for (const char* name : {"pipe", "folder"}) {
    INFO(name);
    CHECK_THROWS_AS(elicit::write_file_atomically(dir / name, "text"), elicit::OutputError);
  }
  CHECK(fs::is_fifo(dir / "pipe"));  // not renamed over
  CHECK(fs::is_directory(dir / "folder"));
  CHECK(entries(dir) == 2);  // no temporary left behind
  // /dev/null is a character device on every Linux: refused, never replaced by a file.
  CHECK_THROWS_WITH(elicit::write_file_atomically("/dev/null", "text"),
                    Catch::Contains("/dev/null: is not a regular file"));
  CHECK(fs::is_character_file("/dev/null"));
  fs::remove_all(dir);
}
