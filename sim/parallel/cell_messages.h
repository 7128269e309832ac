// What rank 0 and the worker ranks of an MPI run say to each other, as text: the
// case to work on, a computed cell's row, and an error raised computing a cell.
// Kept apart from the transport (mpi_ranks.cpp) so that the format is built and
// tested without MPI. Each message is one JSON object: a case file's path or an
// error's message may hold any character, newlines among them.
//
//   send(case_message(case_file, settings));            // rank 0
//   const CaseOnWorker on = read_case_message(text);   // a worker
#pragma once

#include "sim/cases/case_file.h"
#include "sim/engine/run_settings.h"
#include "sim/results/case_result.h"

#include <cstddef>
#include <exception>
#include <string>

namespace elicit::parallel {

// A case as a worker needs it: its text (read again there, exactly as rank 0 read
// it) and the three settings the command line can override.
struct CaseOnWorker {
  cases::CaseFile case_file;
  engine::RunSettings settings;
};
std::string case_message(const cases::CaseFile& case_file, const engine::RunSettings& settings);
CaseOnWorker read_case_message(const std::string& text);

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
