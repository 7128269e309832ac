// What MPI ranks say to each other: a case, a row and an error arrive as they were
// sent, whatever characters they hold, and an error keeps its kind (which decides
// the exit status: bad input found on another rank is still exit 2).
#include "sim/parallel/cell_messages.h"

#include "sim/cases/modes.h"
#include "sim/engine/experiment.h"
#include "sim/engine/setting_error.h"
#include "sim/results/results_json.h"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace elicit;
using namespace elicit::parallel;

namespace {

const std::string kCase = R"([case]
name = "m"
theorem = "T2"
reading = "T2/L1"
mode = "verdict"
[grid]
V = [3, 4]
m = 1
n = 60
eps = "1/2"
delta = "1/10"
[run]
trials = 300
seed = 11
)";

// Whether the error carried is of kind Error.
template <class Error>
bool is(const CellError& carried) {
  try {
    std::rethrow_exception(carried.error);
  } catch (const Error&) {
    return true;
  } catch (...) {
    return false;
  }
}

std::string what(const CellError& carried) {
  try {
    std::rethrow_exception(carried.error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("a cases message carries each case's text, its path and the overridden settings",
          "[parallel]") {
  // A path may hold a newline: the message must not be cut there.
  const auto first = cases::case_file_from_text(kCase, "runs/odd\nname.toml");
  const auto second = cases::case_file_from_text(kCase, "b.toml");
  engine::RunSettings settings = first.run;
  settings.seed = 18446744073709551615ULL;  // 2^64 − 1: beyond a double's integers
  settings.trials = 1234;
  settings.threads = 3;
  const auto on = read_cases_message(
      cases_message({{&first, settings, nullptr}, {&second, second.run, nullptr}}));
  REQUIRE(on.size() == 2);
  REQUIRE(on[0].case_file);
  CHECK(on[0].case_file->path == first.path);
  CHECK(on[0].case_file->text == first.text);
  CHECK(on[0].case_file->cells.size() == 2);
  CHECK(on[0].settings.seed == settings.seed);
  CHECK(on[0].settings.trials == 1234);
  CHECK(on[0].settings.threads == 3);
  CHECK(on[0].settings.confidence == first.run.confidence);  // the rest from the file
  REQUIRE(on[1].case_file);
  CHECK(on[1].case_file->path == "b.toml");
  CHECK(on[1].settings.seed == 11);
  CHECK_FALSE(on[0].unreadable);
}

TEST_CASE("a case a worker cannot read keeps its error, the others are read", "[parallel]") {
  const auto good = cases::case_file_from_text(kCase, "good.toml");
  auto bad = good;
  bad.text += "V = 3\n";  // a key twice: refused when read again
  const auto on =
      read_cases_message(cases_message({{&bad, bad.run, nullptr}, {&good, good.run, nullptr}}));
  REQUIRE(on.size() == 2);
  CHECK(on[0].unreadable);
  CHECK_FALSE(on[0].case_file);
  CHECK(on[1].case_file);
}

TEST_CASE("a cell message names the case and the cell, or none", "[parallel]") {
  const auto cell = read_cell_message(cell_message(CellToCompute{3, 17}));
  REQUIRE(cell);
  CHECK(cell->case_index == 3);
  CHECK(cell->cell == 17);
  CHECK_FALSE(read_cell_message(cell_message(std::nullopt)));
}

TEST_CASE("a row message is the cell's row, byte for byte as results.json holds it", "[parallel]") {
  const auto c = cases::case_file_from_text(kCase, "m.toml");
  const auto row = cases::evaluate_cell(c, c.cells[1], c.run);
  const CellRow back = read_row_message(row_message(1, row), c.mode);
  CHECK(back.cell == 1);
  CHECK(results::to_json(back.row).dump() == results::to_json(row).dump());
}

TEST_CASE("an error message keeps the error's kind, key and text", "[parallel]") {
  const std::string text = "50 trials cannot show a rate <= delta\nsecond line";
  const auto setting = read_error_message(
      error_message(7, std::make_exception_ptr(engine::SettingError("trials", text))));
  CHECK(setting.cell == 7);
  REQUIRE(is<engine::SettingError>(setting));
  try {
    std::rethrow_exception(setting.error);
  } catch (const engine::SettingError& e) {
    CHECK(e.key() == "trials");
  }
  CHECK(what(setting) == text);

  const auto bad_case = read_error_message(
      error_message(0, std::make_exception_ptr(cases::CaseError("x.toml:3: key V: too big"))));
  CHECK(is<cases::CaseError>(bad_case));
  CHECK(what(bad_case) == "x.toml:3: key V: too big");

  const auto mismatch = read_error_message(
      error_message(2, std::make_exception_ptr(engine::ReplayMismatch("differs at trial 4"))));
  CHECK(is<engine::ReplayMismatch>(mismatch));
  CHECK(what(mismatch) == "differs at trial 4");

  // Anything else is an internal error, and says where it came from.
  const auto other = read_error_message(
      error_message(3, std::make_exception_ptr(std::out_of_range("vector::at"))));
  CHECK_FALSE(is<engine::SettingError>(other));
  CHECK_FALSE(is<cases::CaseError>(other));
  CHECK_FALSE(is<engine::ReplayMismatch>(other));
  CHECK(what(other) == "on another MPI rank: vector::at");
}
