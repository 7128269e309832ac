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

#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace elicit::cases {

// A running cell: which one, the sample size of its latest trials, and how many
// trials it has computed so far.
struct CellProgress {
  std::size_t cell = 0;  // 0-based position in the case
  std::string description;
  std::int64_t n = 0;
  std::int64_t trials = 0;
};

// The cells one process of a sharded run computes: those whose index is `index`
// modulo `count` (0-based; `--shard 2/4` is index 1 of 4). Round robin, so that
// each shard gets a share of a sweep's cheap and costly cells.
struct CellShare {
  std::uint64_t index = 0;
  std::uint64_t count = 1;
  bool owns(std::uint64_t cell) const { return cell % count == index; }
};

// How other processes (MPI ranks, sim/parallel/) take part in computing the cells
// of a run's cases. run_cells hands out each case's cells through a CellDispatch:
// take() the next cell to compute, deliver() its row, or fail() with the error
// computing it raised.
class CellDispatch {
 public:
  virtual ~CellDispatch() = default;
  virtual std::optional<std::size_t> take() = 0;
  virtual void deliver(std::size_t cell, results::CellResult row) = 0;
  virtual void fail(std::size_t cell, std::exception_ptr error) = 0;
};
// One case of a run as helpers see it: the case, the settings it runs with, and
// its cells.
struct HelpedCase {
  const CaseFile* case_file = nullptr;
  engine::RunSettings settings;
  CellDispatch* cells = nullptr;
};
class CellHelpers {
 public:
  virtual ~CellHelpers() = default;
  // Called on the running thread while this process's own threads compute cells:
  // hands out the cells of every case, in case order, until each case's take() has
  // none left, and returns once each helper has delivered (or failed) every cell it
  // took. Every case of the run at once, as the threads take them: a case's last
  // slow cell never leaves a helper idle while other cases wait.
  virtual void serve(const std::vector<HelpedCase>& cases) = 0;
  // How many processes compute cells, this one included (for the manifest).
  virtual int processes() const = 0;
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
  CellShare share;                 // the cells this run computes (a shard: some of them)
  CellHelpers* helpers = nullptr;  // other processes computing cells (MPI), if any
};

// The case's settings with the command line's overrides applied.
engine::RunSettings effective_settings(const CaseFile& case_file, const RunOptions& options);

// Runs every cell (or takes it from the journal in options.out), then writes the
// results folder there. Throws CaseError, SettingError (bad input found while
// running), OutputError.
results::CaseResult run_case(const CaseFile& case_file, const RunOptions& options);

// The cells options.share selects, computed or taken from the journal in
// options.out (cells.jsonl, appended as cells finish), in cell order.
std::vector<results::CellResult> run_cells(const CaseFile& case_file, const RunOptions& options);

// The same for several cases (a suite) from one pool of threads, so that a case's
// last cells need not wait alone: the cases' rows, in the order given. With MPI
// helpers, case after case.
struct CaseRun {
  const CaseFile* case_file = nullptr;
  RunOptions options;
};
std::vector<std::vector<results::CellResult>> run_cells(const std::vector<CaseRun>& runs);

// The results of a case from all of its cells (in cell order): the fits, then
// results.json and everything rendered from it in `out`. `manifest` says what ran.
results::CaseResult finish_case(const CaseFile& case_file, const engine::RunSettings& settings,
                                std::vector<results::CellResult> cells,
                                results::RunManifest manifest, const std::filesystem::path& out,
                                const std::function<void(const std::string&)>& warning);

// The manifest of a run of `case_file`: this build, the command, the case file and
// its digest; `started` and now as the times.
results::RunManifest run_manifest(const CaseFile& case_file, const RunOptions& options,
                                  const engine::RunSettings& settings, std::string started);

// The time now, UTC, ISO 8601 (as manifests hold it).
std::string utc_now();

// One cell alone (no files): the row run_case would write for it.
results::CellResult evaluate_cell(const CaseFile& case_file, const Cell& cell);

}  // namespace elicit::cases
