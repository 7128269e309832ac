// Runs a case file: every cell through its mode (modes.h), the scaling fits
// (fits.h), and the results folder (results.json, results.csv, summary.md), with a
// progress log (journal.h) so that an interrupted run resumes without recomputing
// finished cells.
//
//   RunOptions options;  options.out = "results/t2_vocab";  options.threads = 2;
//   results::CaseResult r = run_case(load_case_file("cases/t2_vocab.toml"), options);
#pragma once

#include "sim/cases/case_file.h"
#include "sim/results/case_result.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace elicit::cases {

struct RunOptions {
  std::filesystem::path out;           // the results folder
  std::optional<std::uint64_t> seed;   // overrides [run] seed
  std::optional<std::int64_t> trials;  // overrides [run] trials
  std::optional<int> threads;          // overrides [run] threads
  bool resume = false;                 // reuse finished cells of the same case and settings
  // Called after each cell: how many are finished of how many, and a line saying
  // which cell and whether it was computed or resumed.
  std::function<void(std::size_t finished, std::size_t total, const std::string& line)> progress;
  // Called for what the user should know but that does not stop the run (e.g. a
  // journal line that could not be reused).
  std::function<void(const std::string& message)> warning;
};

// The case's settings with the command line's overrides applied.
engine::RunSettings effective_settings(const CaseFile& case_file, const RunOptions& options);

results::CaseResult run_case(const CaseFile& case_file, const RunOptions& options);

// One cell alone (no files): the row run_case would write for it.
results::CellResult evaluate_cell(const CaseFile& case_file, const Cell& cell);

}  // namespace elicit::cases
