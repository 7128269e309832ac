// Runs a case file: every cell through its mode (modes.h), the scaling fits
// (fits.h), and the results folder (results.json with the run's manifest, then
// everything derived from it: sim/report/results_folder.h), with a progress log
// (journal.h) so that an interrupted run resumes without recomputing finished cells.
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

// A running cell: which one, the sample size of its latest trials, and how many
// trials it has computed so far.
struct CellProgress {
  std::size_t cell = 0;  // 0-based position in the case
  std::string description;
  std::int64_t n = 0;
  std::int64_t trials = 0;
};

struct RunOptions {
  std::filesystem::path out;           // the results folder
  std::optional<std::uint64_t> seed;   // overrides [run] seed
  std::optional<std::int64_t> trials;  // overrides [run] trials
  std::optional<int> threads;          // overrides [run] threads
  bool resume = false;                 // reuse finished cells of the same case and settings
  // Called after each cell: how many are finished of how many, and a line saying
  // which cell and whether it was computed or resumed.
  std::function<void(std::size_t finished, std::size_t total, const std::string& line)> progress;
  // Called while a cell runs, after each batch of its trials (from the cell's
  // thread, one call at a time): for progress within long cells.
  std::function<void(const CellProgress& progress)> trial_progress;
  // Called for what the user should know but that does not stop the run (e.g. a
  // journal line that could not be reused, or gnuplot missing).
  std::function<void(const std::string& message)> warning;
  // For the manifest: the command line as typed, and the suite that ran the case.
  std::string command;
  std::filesystem::path suite_file;
};

// The case's settings with the command line's overrides applied.
engine::RunSettings effective_settings(const CaseFile& case_file, const RunOptions& options);

results::CaseResult run_case(const CaseFile& case_file, const RunOptions& options);

// One cell alone (no files): the row run_case would write for it.
results::CellResult evaluate_cell(const CaseFile& case_file, const Cell& cell);

}  // namespace elicit::cases
