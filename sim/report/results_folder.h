// The results folder of a run, everything in it derived from the typed results:
//
//   DIR/results.json      the typed results (written by the runner; the source of the rest),
//                         the same bytes for any thread count
//   DIR/manifest.json     what ran: elicit's version and commit, the case file and its
//                         SHA-256, the settings, threads, compiler, libraries, times
//   DIR/results.csv       one row per cell, full precision (results_csv.h)
//   DIR/summary.md        the Markdown summary `elicit run` prints
//   DIR/tables/CASE.tex, CASE.md, CASE_fits.tex, CASE_fits.md   (paper_tables.h)
//   DIR/plots/NAME.dat, NAME.gp, NAME.svg, NAME.pdf             (case_plots.h)
//   DIR/report.html       the self-contained report (html_report.h)
//   DIR/cells.jsonl       the runner's journal of finished cells (for --resume)
//   DIR/shard.json        in a shard's folder only (elicit run --shard, sim/cases/shards.h)
//
// A suite's folder holds one such folder per case, plus index.json (the suite and
// its cases' folders, in order), manifest.json, summary.md and a report.html that
// covers every case. `elicit report DIR` re-renders all of it from results.json
// and manifest.json.
//
//   render_case_folder(result, "results/t2_vocab");
//   StagedResultsFolder out("results/t2_vocab", ExistingResults::refuse);  // before a run
//   ... write into out.work() ...;  out.commit();
#pragma once

#include "sim/io/folder_swap.h"
#include "sim/report/html_report.h"
#include "sim/results/case_result.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace elicit::report {

// What a rendering produced, for the suite's page and the end-of-run line.
struct CaseRendering {
  std::vector<PaperTable> tables;
  std::vector<ReportFigure> figures;  // paths relative to the case folder
  std::string plots_problem;          // why figures are missing ("" when none are)
};

// Writes manifest.json, results.csv, summary.md, tables/, plots/ and report.html
// (tables/ and plots/ are emptied first: they hold only what elicit wrote). Throws
// OutputError.
CaseRendering render_case_folder(const results::CaseResult& result,
                                 const std::filesystem::path& folder);

// A suite run: its provenance and its cases' folders (relative to the suite's), in order.
struct SuiteIndex {
  std::string name, title;
  std::string suite_file, suite_sha256, command;
  std::string started, finished;
  std::vector<std::string> folders;
};
nlohmann::ordered_json to_json(const SuiteIndex& index);
SuiteIndex suite_index_from_json(const nlohmann::ordered_json& document);  // throws FormatError

// Writes index.json, manifest.json, summary.md and report.html of a suite whose
// cases have been rendered into their folders (cases[i] in index.folders[i]).
void render_suite_folder(const SuiteIndex& index, const std::vector<results::CaseResult>& cases,
                         const std::filesystem::path& folder);

// What to do with a folder that already holds results.
enum class ExistingResults {
  refuse,   // an error naming the folder (the default: nothing is overwritten silently)
  resume,   // keep it: the runner reuses its finished cells
  replace,  // delete what elicit wrote there, then run afresh
};

// Checks (and with `replace` clears) an output folder before anything runs. A
// folder that holds files elicit did not write is refused whatever the policy.
// Throws OutputError naming the folder.
void prepare_results_folder(const std::filesystem::path& folder, ExistingResults policy);

// A results folder written whole. The run works in FOLDER.incomplete and, once
// every file is written, commit() swaps it in for FOLDER in one step, so FOLDER
// always holds one run's complete results (a killed run or a full disk leaves the
// earlier results untouched). An interrupted run's cells stay in FOLDER.incomplete:
// `resume` continues there (or, when there is none, from FOLDER's own journal),
// `replace` starts afresh, and `refuse` names both choices. While the object lives
// the work folder is locked against a second run. Throws OutputError.
class StagedResultsFolder {
 public:
  StagedResultsFolder(const std::filesystem::path& folder, ExistingResults policy);
  const std::filesystem::path& folder() const { return folder_; }  // where results end up
  const std::filesystem::path& work() const { return work_; }      // where the run writes
  void commit();
  // Bad input found while running: removes the work folder if this run created it
  // (an interrupted run's journal is kept for --resume).
  void discard();

 private:
  std::filesystem::path folder_, work_;
  bool created_work_ = false;
  std::unique_ptr<FolderLock> lock_;
};

// The work folder of a results folder: FOLDER.incomplete beside it.
std::filesystem::path work_folder_of(const std::filesystem::path& folder);

// The entries elicit writes in a results folder (to recognise and to clear one).
bool is_results_entry(const std::filesystem::path& name);

}  // namespace elicit::report
