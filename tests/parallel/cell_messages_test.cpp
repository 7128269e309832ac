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

TEST_CASE("a case message carries the case's text, its path and the overridden settings",
          "[parallel]") {
  // A path may hold a newline: the message must not be cut there.
  const auto sent = cases::case_file_from_text(kCase, "runs/odd\nname.toml");
  engine::RunSettings settings = sent.run;
  settings.seed = 18446744073709551615ULL;  // 2^64 − 1: beyond a double's integers
  settings.trials = 1234;
  settings.threads = 3;
  const CaseOnWorker on = read_case_message(case_message(sent, settings));
  CHECK(on.case_file.path == sent.path);
  CHECK(on.case_file.text == sent.text);
  CHECK(on.case_file.cells.size() == 2);
  CHECK(on.settings.seed == settings.seed);
  CHECK(on.settings.trials == 1234);
  CHECK(on.settings.threads == 3);
  CHECK(on.settings.confidence == sent.run.confidence);  // the rest from the file
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
