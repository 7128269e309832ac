// The results folder: results.csv's columns are identifiers with decimal values and
// exact companions; an existing folder is refused, resumed or replaced, and a
// folder holding someone else's files is never touched.
#include "sim/report/results_folder.h"
#include "sim/io/atomic_file.h"
#include "sim/report/results_csv.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace elicit;
using namespace elicit::report;
namespace fs = std::filesystem;

namespace {

results::CaseResult verdict_result() {
  results::CaseResult r;
  r.name = "example";
  r.title = "An example";
  r.theorem = "T5";
  r.reading = "T5/literal-L1";
  r.mode = engine::Mode::verdict;
  results::CellResult cell;
  cell.parameters = {{"V", parse_rational("50")}, {"eps", parse_rational("1/10")}};
  cell.target = "uniform";
  cell.target_law.digest = "abc";
  results::VerdictOutcome v;
  v.n = 5405;
  v.trials = 2;
  v.failures = 2;
  v.interval = {0.05, 1};
  v.verdict = stats::Verdict::violated;
  v.error_trial_0 = parse_rational("119717/62500");
  v.facts = {{"l1_floor", parse_rational("23919/12500")}};
  cell.outcome = v;
  cell.bounds = {
      {"T5/paper-pre-simplification", theory::BoundKind::paper_literal, 19178.2, {}, {}}};
  cell.replay = "skipped, as it happens";
  r.cells.push_back(cell);
  return r;
}

fs::path fresh_temp(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("elicit-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void touch(const fs::path& path) { std::ofstream(path) << "x"; }

}  // namespace

TEST_CASE("results.csv: identifier columns, decimals with exact companions", "[report]") {
  const std::string csv = render_results_csv(verdict_result());
  const std::string header = csv.substr(0, csv.find('\n'));
  CHECK(header ==
        "cell,V,V_exact,eps,eps_exact,target,target_digest,n,n_from,trials,failures,"
        "failure_rate,ci_lower,ci_upper,verdict,error_trial_0,error_trial_0_exact,l1_floor,"
        "l1_floor_exact,bound_t5_paper_pre_simplification,replay,engine,notes");
  CHECK(csv.find("0,50,50,0.1,1/10,uniform,abc,5405,,2,2,1,0.05,1,VIOLATED,1.915472,"
                 "119717/62500,1.91352,23919/12500,19178.2,\"skipped, as it happens\",,") !=
        std::string::npos);
  CHECK(column_identifier("T2/paper-a2-literal") == "t2_paper_a2_literal");
}

TEST_CASE("an existing results folder is refused unless resumed or replaced", "[report]") {
  const fs::path dir = fresh_temp("policy");
  prepare_results_folder(dir / "absent", ExistingResults::refuse);  // nothing there: fine
  prepare_results_folder(dir, ExistingResults::refuse);             // empty: fine
  touch(dir / "results.json");
  fs::create_directories(dir / "plots");
  touch(dir / "plots" / "a.svg");
  CHECK_THROWS_WITH(prepare_results_folder(dir, ExistingResults::refuse),
                    Catch::Contains("holds the results of an earlier run") &&
                        Catch::Contains("--resume") && Catch::Contains("--force"));
  prepare_results_folder(dir, ExistingResults::resume);
  CHECK(fs::exists(dir / "results.json"));
  prepare_results_folder(dir, ExistingResults::replace);
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}

TEST_CASE("a folder holding files elicit did not write is never touched", "[report]") {
  const fs::path dir = fresh_temp("foreign");
  touch(dir / "results.json");
  touch(dir / "thesis.tex");
  for (auto policy : {ExistingResults::refuse, ExistingResults::resume, ExistingResults::replace})
    CHECK_THROWS_WITH(prepare_results_folder(dir, policy),
                      Catch::Contains("holds files elicit did not write (such as thesis.tex)"));
  CHECK(fs::exists(dir / "thesis.tex"));
  CHECK(fs::exists(dir / "results.json"));
  // A suite's case folders are elicit's, and replaced with it.
  fs::remove(dir / "thesis.tex");
  fs::create_directories(dir / "case_a" / "tables");
  touch(dir / "case_a" / "results.json");
  touch(dir / "case_a" / "tables" / "case_a.tex");
  prepare_results_folder(dir, ExistingResults::replace);
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}

namespace {

std::string text_of(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("a results folder changes only whole: the run writes beside it and swaps it in",
          "[report]") {
  const fs::path dir = fresh_temp("staged");
  const fs::path folder = dir / "case";
  write(folder / "results.json", "old");
  write(folder / "results.csv", "old");
  {
    StagedResultsFolder out(folder, ExistingResults::replace);
    CHECK(out.work() == dir / "case.incomplete");
    write(out.work() / "results.json", "new");
    // Until the commit, the folder is the earlier run's, whole.
    CHECK(text_of(folder / "results.json") == "old");
    CHECK(text_of(folder / "results.csv") == "old");
    out.commit();
  }
  CHECK(text_of(folder / "results.json") == "new");
  CHECK_FALSE(fs::exists(folder / "results.csv"));  // nothing of the earlier run is left
  CHECK_FALSE(fs::exists(dir / "case.incomplete"));

  // An interrupted run (no commit) leaves its journal for --resume, and the folder alone.
  {
    StagedResultsFolder out(folder, ExistingResults::replace);
    write(out.work() / "cells.jsonl", "interrupted");
  }
  CHECK(text_of(folder / "results.json") == "new");
  CHECK_THROWS_WITH(StagedResultsFolder(folder, ExistingResults::refuse),
                    Catch::Contains("case.incomplete: holds the cells of an interrupted run") &&
                        Catch::Contains("--resume") && Catch::Contains("--force"));
  {
    StagedResultsFolder out(folder, ExistingResults::resume);
    CHECK(text_of(out.work() / "cells.jsonl") == "interrupted");
    // A second run on the same folder is refused while this one works.
    CHECK_THROWS_WITH(StagedResultsFolder(folder, ExistingResults::resume),
                      Catch::Contains("another elicit run is writing this folder"));
    out.discard();  // it did not create the work folder: the journal stays
  }
  CHECK(fs::exists(dir / "case.incomplete" / "cells.jsonl"));
  {
    StagedResultsFolder out(folder, ExistingResults::replace);  // --force starts afresh
    CHECK_FALSE(fs::exists(out.work() / "cells.jsonl"));
    out.discard();
  }
  CHECK_FALSE(fs::exists(dir / "case.incomplete"));

  // Resuming a finished run starts from its journal.
  write(folder / "cells.jsonl", "finished");
  {
    StagedResultsFolder out(folder, ExistingResults::resume);
    CHECK(text_of(out.work() / "cells.jsonl") == "finished");
    out.discard();
  }
  CHECK(text_of(folder / "cells.jsonl") == "finished");
  fs::remove_all(dir);
}

TEST_CASE("a staged run refuses folders holding files elicit did not write", "[report]") {
  const fs::path dir = fresh_temp("staged_foreign");
  write(dir / "case.incomplete" / "thesis.tex", "mine");
  for (auto policy : {ExistingResults::refuse, ExistingResults::resume, ExistingResults::replace})
    CHECK_THROWS_WITH(StagedResultsFolder(dir / "case", policy),
                      Catch::Contains("holds files elicit did not write (such as thesis.tex)"));
  CHECK(text_of(dir / "case.incomplete" / "thesis.tex") == "mine");
  fs::remove_all(dir);
}
