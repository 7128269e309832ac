// What rank 0 and the worker ranks of an MPI run say to each other, as text: the
// case to work on, a computed cell's row, and an error raised computing a cell.
// Kept apart from the transport (mpi_ranks.cpp) so that the format is built and
// tested without MPI. Each message is one JSON object: a case file's path or an
// error's message may hold any character, newlines among them.
//
//   send(cases_message(cases));                          // rank 0
//   const auto on = read_cases_message(text);            // a worker
#pragma once

#include "sim/cases/case_file.h"
#include "sim/cases/case_runner.h"
#include "sim/engine/run_settings.h"
#include "sim/results/case_result.h"

#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <vector>

namespace elicit::parallel {

// The cases of a run as a worker needs them: each case's text (read again there,
// exactly as rank 0 read it) and the three settings the command line can override.
// A case the worker cannot read keeps the error, raised again for each of its cells.
struct CaseOnWorker {
  std::optional<cases::CaseFile> case_file;
  engine::RunSettings settings;
  std::exception_ptr unreadable;
};
std::string cases_message(const std::vector<cases::HelpedCase>& cases);
std::vector<CaseOnWorker> read_cases_message(const std::string& text);

// The cell a worker is to compute next: its case (the position in the cases
// message) and its index in the case; or none, when every cell is handed out.
struct CellToCompute {
  std::size_t case_index = 0;
  std::size_t cell = 0;
};
std::string cell_message(const std::optional<CellToCompute>& cell);
std::optional<CellToCompute> read_cell_message(const std::string& text);

// A cell's row, as results.json holds it.
std::string row_message(std::size_t cell, const results::CellResult& row);
struct CellRow {
  std::size_t cell = 0;
  results::CellResult row;
};
CellRow read_row_message(const std::string& text, engine::Mode mode);

// An error raised computing a cell, carried to rank 0 and raised there again with
// its kind, so that bad input stays bad input (exit 2, the key named) and a replay
// mismatch stays one, whichever rank found it. Any other error arrives as a
// std::runtime_error saying it came from another rank.
std::string error_message(std::size_t cell, const std::exception_ptr& error);
struct CellError {
  std::size_t cell = 0;
  std::exception_ptr error;
};
CellError read_error_message(const std::string& text);

}  // namespace elicit::parallel
