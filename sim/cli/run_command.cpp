#include "sim/cli/run_command.h"

#include "sim/cases/case_runner.h"
#include "sim/cases/shards.h"
#include "sim/cases/suite_file.h"
#include "sim/cli/input_error.h"
#include "sim/cli/option_checks.h"
#include "sim/cli/progress_display.h"
#include "sim/engine/monte_carlo.h"
#include "sim/io/atomic_file.h"
#include "sim/io/sha256.h"
#include "sim/report/build_info.h"
#include "sim/report/results_folder.h"
#include "sim/report/results_tables.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace elicit::cli {
namespace {

struct RunCommandOptions {
  std::string case_path;
  std::string out;
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> trials;
  std::optional<int> threads;
  bool resume = false;
  bool force = false;
  bool quiet = false;
  std::string shard;  // "I/N", or empty
  std::string command_line;
  cases::CellHelpers* helpers = nullptr;
};

// The options of each case of a run: its folder (`root` for a lone case, a folder
// of its name below it in a suite), its share of the cells, and progress on one
// terminal line (each line names its case in a suite).
std::vector<cases::CaseRun> case_runs(const std::vector<cases::CaseFile>& loaded, bool suite,
                                      const RunCommandOptions& options,
                                      const std::filesystem::path& root, ProgressDisplay& display,
                                      const cases::CellShare& share) {
  std::vector<cases::CaseRun> runs;
  for (const auto& case_file : loaded) {
    cases::RunOptions run;
    run.out = suite ? root / case_file.name : root;
    run.seed = options.seed;
    run.trials = options.trials;
    run.threads = options.threads;
    run.resume = options.resume;
    run.command = options.command_line;
    if (suite) run.suite_file = options.case_path;
    run.helpers = options.helpers;
    run.share = share;
    const std::string prefix = suite ? case_file.name + ": " : "";
    run.warning = [&display, prefix](const std::string& message) {
      display.clear();
      std::cerr << "elicit: " << prefix << message << "\n";
    };
    run.progress = [&display, prefix](std::size_t finished, std::size_t total,
                                      const std::string& line) {
      display.cell_done(finished, total, prefix + line);
    };
    const std::size_t cells = case_file.cells.size();
    run.trial_progress = [&display, cells](const cases::CellProgress& p) {
      display.trials(p, cells);
    };
    runs.push_back({&case_file, std::move(run)});
  }
  return runs;
}

// Runs every case's cells (of this share) from one pool of threads.
std::vector<std::vector<results::CellResult>> run_all_cells(
    const std::vector<cases::CaseFile>& loaded, bool suite, const RunCommandOptions& options,
    const std::filesystem::path& root, const cases::CellShare& share,
    std::vector<cases::CaseRun>& runs) {
  ProgressDisplay display(!options.quiet && ::isatty(STDERR_FILENO), "");
  runs = case_runs(loaded, suite, options, root, display, share);
  auto rows = cases::run_cells(runs);
  // The callbacks refer to this display: drop them with it.
  for (auto& run : runs) {
    run.options.warning = nullptr;
    run.options.progress = nullptr;
    run.options.trial_progress = nullptr;
  }
  return rows;
}

void warn(const std::string& message) { std::cerr << "elicit: " << message << "\n"; }

report::ExistingResults existing_policy(const RunCommandOptions& options) {
  if (options.resume && options.force)
    throw InputError(
        "--force: --resume keeps the earlier results and --force deletes them; choose one");
  if (options.resume) return report::ExistingResults::resume;
  if (options.force) return report::ExistingResults::replace;
  return report::ExistingResults::refuse;
}

void end_of_run(const RunCommandOptions& options, const std::filesystem::path& folder) {
  if (options.quiet) return;
  std::string shown = folder.string();
  if (!shown.ends_with('/')) shown += '/';
  std::cerr << fmt::format("elicit: results in {}  report: {}report.html\n", shown, shown);
}

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The cases of a suite, each read (and refused) before anything runs. Each case
// writes to a folder named after it, so two cases may not share a name.
std::vector<cases::CaseFile> load_suite_cases(const cases::SuiteFile& suite) {
  std::vector<cases::CaseFile> loaded;
  for (std::size_t i = 0; i < suite.cases.size(); ++i) {
    loaded.push_back(cases::load_case_file(suite.cases[i]));
    for (std::size_t j = 0; j < i; ++j) {
      if (loaded[j].name != loaded[i].name) continue;
      throw InputError(fmt::format(
          "{}:{}: key include: {} and {} are both named '{}', and each case writes the folder "
          "of its name; rename one",
          suite.path.string(), suite.include_lines[i], suite.cases[j].string(),
          suite.cases[i].string(), loaded[i].name));
    }
  }
  return loaded;
}

// The command line's --trials and --threads change what a run costs: each case's
// work is checked again with them before any folder is made (load_case_file
// checked the file's own settings).
void check_overridden_work(const std::vector<cases::CaseFile>& loaded,
                           const RunCommandOptions& options) {
  if (!options.trials && !options.threads) return;
  cases::RunOptions overrides;
  overrides.trials = options.trials;
  overrides.threads = options.threads;
  std::string with;
  if (options.trials) with += fmt::format(" --trials {}", *options.trials);
  if (options.threads) with += fmt::format(" --threads {}", *options.threads);
  for (const auto& case_file : loaded) {
    try {
      cases::check_work(case_file, cases::effective_settings(case_file, overrides));
    } catch (const cases::CaseError& error) {
      throw InputError(fmt::format("{} (with{})", error.what(), with));
    }
  }
}

// Every case of the run (a lone case, or a suite's: each into its own folder
// below the suite's, then the index, the summary and one report over every case).
// Returns the cases' Markdown tables, printed once the folder is committed.
std::string run_cases(const std::optional<cases::SuiteFile>& suite,
                      const std::vector<cases::CaseFile>& loaded, const RunCommandOptions& options,
                      const std::filesystem::path& root) {
  const std::string started = cases::utc_now();
  std::string markdown;
  std::vector<cases::CaseRun> runs;
  auto rows = run_all_cells(loaded, suite.has_value(), options, root, {}, runs);
  std::vector<results::CaseResult> results;
  for (std::size_t k = 0; k < loaded.size(); ++k) {
    const auto settings = cases::effective_settings(loaded[k], runs[k].options);
    results.push_back(
        cases::finish_case(loaded[k], settings, std::move(rows[k]),
                           cases::run_manifest(loaded[k], runs[k].options, settings, started),
                           runs[k].options.out, warn));
    markdown += report::render_case_markdown(results.back()) + (suite ? "\n" : "");
  }
  if (!suite) return markdown;
  report::SuiteIndex index;
  index.name = suite->name;
  index.title = suite->title;
  index.suite_file = options.case_path;
  index.suite_sha256 = sha256_hex(file_text(options.case_path));
  index.command = options.command_line;
  index.started = started;
  index.finished = cases::utc_now();
  for (const auto& case_file : loaded) index.folders.push_back(case_file.name);
  report::render_suite_folder(index, results, root);
  return markdown;
}

// A shard: this process's share of every case's cells, journalled in the case's
// folder below `root`, and shard.json saying what ran (sim/cases/shards.h).
// Returns how many cells it holds, and how many all shards together.
std::pair<std::size_t, std::size_t> run_shard(const std::optional<cases::SuiteFile>& suite,
                                              const std::vector<cases::CaseFile>& loaded,
                                              const RunCommandOptions& options,
                                              const cases::CellShare& share,
                                              const std::filesystem::path& root) {
  const auto& info = report::build_info();
  cases::ShardManifest manifest;
  manifest.share = share;
  manifest.elicit_version = info.version;
  manifest.git_commit = info.git_commit;
  manifest.command = options.command_line;
  manifest.started = cases::utc_now();
  if (suite) {
    manifest.suite = cases::ShardSuite{suite->name, suite->title, options.case_path,
                                       sha256_hex(file_text(options.case_path))};
  }
  std::vector<cases::CaseRun> runs;
  const auto rows = run_all_cells(loaded, suite.has_value(), options, root, share, runs);
  std::size_t computed = 0, total = 0;
  for (std::size_t k = 0; k < loaded.size(); ++k) {
    computed += rows[k].size();
    total += loaded[k].cells.size();
    manifest.threads = cases::effective_settings(loaded[k], runs[k].options).threads;
    manifest.cases.push_back(
        cases::shard_case(loaded[k], runs[k].options, suite ? loaded[k].name : "."));
  }
  manifest.finished = cases::utc_now();
  write_file_atomically(root / "shard.json", to_json(manifest).dump(2) + "\n");
  return {computed, total};
}

void run_case_command(const RunCommandOptions& options) {
  const auto policy = existing_policy(options);
  // Everything is read (and refused) before a folder is touched.
  std::optional<cases::SuiteFile> suite;
  std::vector<cases::CaseFile> loaded;
  try {
    suite = cases::load_suite_file(options.case_path);
    if (suite) {
      loaded = load_suite_cases(*suite);
    } else {
      loaded.push_back(cases::load_case_file(options.case_path));
    }
  } catch (const cases::CaseError& error) {
    throw InputError(error.what());
  }
  check_overridden_work(loaded, options);
  std::optional<cases::CellShare> share;
  if (!options.shard.empty()) share = cases::parse_shard(options.shard);
  const std::string name = suite ? suite->name : loaded[0].name;
  const std::filesystem::path folder =
      !options.out.empty() ? std::filesystem::path(options.out)
                           : std::filesystem::path("results") /
                                 (share ? cases::shard_folder_name(name, *share) : name);
  std::optional<report::StagedResultsFolder> out;
  try {
    out.emplace(folder, policy);
    if (share) {
      const auto [computed, total] = run_shard(suite, loaded, options, *share, out->work());
      out->commit();
      if (!options.quiet) {
        std::cerr << fmt::format(
            "elicit: shard {} of {} ({} of {} cells) in {}/; once every shard is done: elicit "
            "merge SHARD_FOLDERS... --out FOLDER\n",
            share->index + 1, share->count, computed, total, out->folder().string());
      }
      return;
    }
    const std::string markdown = run_cases(suite, loaded, options, out->work());
    out->commit();
    std::cout << markdown;
  } catch (const cases::CaseError& error) {
    if (out) out->discard();
    throw InputError(error.what());
  } catch (const OutputError& error) {
    // A full disk or an unwritable folder: an interrupted run's journal is kept for
    // --resume; a folder this run created is removed (discard() knows which).
    if (out) out->discard();
    throw InputError(error.what());
  } catch (...) {
    if (out) out->discard();
    throw;
  }
  end_of_run(options, out->folder());
}

}  // namespace

void add_run_command(CLI::App& app, const std::string& command_line, cases::CellHelpers* helpers) {
  auto options = std::make_shared<RunCommandOptions>();
  options->command_line = command_line;
  options->helpers = helpers;
  CLI::App* command = app.add_subcommand(
      "run",
      "Run an experiment file (cases/*.toml) or a suite, and write its results folder: "
      "results.json, results.csv, tables (LaTeX, Markdown), plots, report.html");
  command->add_option("case", options->case_path, "the case file or suite file")->required();
  command
      ->add_option("--out", options->out, "results folder (default results/<case or suite name>)")
      ->check(non_empty_path());
  command->add_option("--seed", options->seed, "overrides [run] seed")->check(unsigned_integer());
  command->add_option("--trials", options->trials, "overrides [run] trials")
      ->check(positive_integer(engine::kMaxTrials));
  command->add_option("--threads", options->threads, "worker threads (results do not depend on it)")
      ->check(positive_integer(engine::kMaxThreads));
  command->add_flag("--resume", options->resume,
                    "continue the run in an existing results folder, keeping its finished cells");
  command->add_flag("--force", options->force, "replace the results in an existing results folder");
  command
      ->add_option("--shard", options->shard,
                   "compute shard I of N (every N-th cell, from the I-th) into a shard folder "
                   "(default results/<name>.shard-I-of-N); elicit merge combines the N shards")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            if (cases::parse_shard(text)) return "";
            return fmt::format("must be I/N with 1 <= I <= N <= {} (got {})", cases::kMaxShards,
                               text);
          },
          "I/N"));
  command->add_flag("--quiet", options->quiet,
                    "no progress and no closing line on stderr (errors and warnings only)");
  command->callback([options] { run_case_command(*options); });
}

}  // namespace elicit::cli
