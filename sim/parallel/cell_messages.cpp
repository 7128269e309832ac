#include "sim/parallel/cell_messages.h"

#include "sim/engine/experiment.h"
#include "sim/engine/setting_error.h"
#include "sim/results/json_fields.h"
#include "sim/results/results_json.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace elicit::parallel {

using nlohmann::ordered_json;
using results::value_of;

std::string cases_message(const std::vector<cases::HelpedCase>& cases) {
  auto message = ordered_json::array();
  for (const auto& c : cases) {
    message.push_back({{"seed", c.settings.seed},
                       {"trials", c.settings.trials},
                       {"threads", c.settings.threads},
                       {"path", c.case_file->path.string()},
                       {"text", c.case_file->text}});
  }
  return message.dump();
}

std::vector<CaseOnWorker> read_cases_message(const std::string& text) {
  std::vector<CaseOnWorker> cases;
  for (const auto& one : ordered_json::parse(text)) {
    CaseOnWorker on;
    try {
      on.case_file = cases::case_file_from_text(value_of<std::string>(one, "text"),
                                                value_of<std::string>(one, "path"));
      on.settings = on.case_file->run;
      on.settings.seed = value_of<std::uint64_t>(one, "seed");
      on.settings.trials = value_of<std::int64_t>(one, "trials");
      on.settings.threads = value_of<int>(one, "threads");
    } catch (...) {
      on.unreadable = std::current_exception();
    }
    cases.push_back(std::move(on));
  }
  return cases;
}

std::string cell_message(const std::optional<CellToCompute>& cell) {
  if (!cell) return "none";
  return ordered_json{{"case", cell->case_index}, {"cell", cell->cell}}.dump();
}

std::optional<CellToCompute> read_cell_message(const std::string& text) {
  if (text == "none") return std::nullopt;
  const auto message = ordered_json::parse(text);
  return CellToCompute{value_of<std::size_t>(message, "case"),
                       value_of<std::size_t>(message, "cell")};
}

std::string row_message(std::size_t cell, const results::CellResult& row) {
  return ordered_json{{"cell", cell}, {"row", results::to_json(row)}}.dump();
}

CellRow read_row_message(const std::string& text, engine::Mode mode) {
  const auto message = ordered_json::parse(text);
  return {value_of<std::size_t>(message, "cell"),
          results::cell_result_from_json(results::field(message, "row"), mode)};
}

std::string error_message(std::size_t cell, const std::exception_ptr& error) {
  std::string kind = "other", key, what = "unknown error";
  try {
    std::rethrow_exception(error);
  } catch (const engine::SettingError& e) {
    kind = "setting", key = e.key(), what = e.what();
  } catch (const cases::CaseError& e) {
    kind = "case", what = e.what();
  } catch (const engine::ReplayMismatch& e) {
    kind = "replay", what = e.what();
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {  // "unknown error" says it
  }
  return ordered_json{{"cell", cell}, {"kind", kind}, {"key", key}, {"what", what}}.dump();
}

CellError read_error_message(const std::string& text) {
  const auto message = ordered_json::parse(text);
  const auto kind = value_of<std::string>(message, "kind");
  const auto what = value_of<std::string>(message, "what");
  CellError error{value_of<std::size_t>(message, "cell"), {}};
  if (kind == "setting") {
    error.error =
        std::make_exception_ptr(engine::SettingError(value_of<std::string>(message, "key"), what));
  } else if (kind == "case") {
    error.error = std::make_exception_ptr(cases::CaseError(what));
  } else if (kind == "replay") {
    error.error = std::make_exception_ptr(engine::ReplayMismatch(what));
  } else {
    error.error = std::make_exception_ptr(std::runtime_error("on another MPI rank: " + what));
  }
  return error;
}

}  // namespace elicit::parallel
