#include "sim/cli/run_command.h"

#include "sim/cases/case_runner.h"
#include "sim/cases/suite_file.h"
#include "sim/cli/input_error.h"
#include "sim/cli/option_checks.h"
#include "sim/cli/progress_display.h"
#include "sim/engine/monte_carlo.h"
#include "sim/io/atomic_file.h"
#include "sim/io/sha256.h"
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
  std::string command_line;
};

std::string utc_now() {
  return fmt::format(
      "{:%Y-%m-%dT%H:%M:%SZ}",
      fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

cases::RunOptions run_options(const RunCommandOptions& options, const std::filesystem::path& out,
                              ProgressDisplay& display, const std::filesystem::path& suite_file) {
  cases::RunOptions run;
  run.out = out;
  run.seed = options.seed;
  run.trials = options.trials;
  run.threads = options.threads;
  run.resume = options.resume;
  run.command = options.command_line;
  run.suite_file = suite_file;
  run.warning = [&display](const std::string& message) {
    display.clear();
    std::cerr << "elicit: " << message << "\n";
  };
  run.progress = [&display](std::size_t finished, std::size_t total, const std::string& line) {
    display.cell_done(finished, total, line);
  };
  return run;
}

// Runs one case into `folder`; returns its results.
results::CaseResult run_one(const std::filesystem::path& path, const RunCommandOptions& options,
                            const std::filesystem::path& folder, const std::string& prefix,
                            const std::filesystem::path& suite_file) {
  const cases::CaseFile case_file = cases::load_case_file(path);
  const bool show = !options.quiet && ::isatty(STDERR_FILENO);
  ProgressDisplay display(show, prefix);
  cases::RunOptions run = run_options(options, folder, display, suite_file);
  const std::size_t cells = case_file.cells.size();
  run.trial_progress = [&display, cells](const cases::CellProgress& p) {
    display.trials(p, cells);
  };
  try {
    return cases::run_case(case_file, run);
  } catch (const engine::SettingError& error) {
    throw InputError(fmt::format("{}: key {}: {}", path.string(), error.key(), error.what()));
  }
}

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

// Bad input found while running (a setting no cell can use) leaves nothing half
// written: a results folder this run created is removed again.
class CreatedFolderGuard {
 public:
  explicit CreatedFolderGuard(std::filesystem::path folder)
      : folder_(std::move(folder)), existed_(std::filesystem::exists(folder_)) {}
  void remove_if_created() const {
    std::error_code ignored;
    if (!existed_) std::filesystem::remove_all(folder_, ignored);
  }

 private:
  std::filesystem::path folder_;
  bool existed_;
};

void run_case_command(const RunCommandOptions& options) {
  const auto policy = existing_policy(options);
  std::optional<CreatedFolderGuard> created;
  try {
    const auto suite = cases::load_suite_file(options.case_path);
    if (!suite) {
      // The case file is read (and refused) before the folder is touched.
      const cases::CaseFile case_file = cases::load_case_file(options.case_path);
      const std::filesystem::path folder = options.out.empty()
                                               ? std::filesystem::path("results") / case_file.name
                                               : std::filesystem::path(options.out);
      report::prepare_results_folder(folder, policy);
      created.emplace(folder);
      const auto result = run_one(options.case_path, options, folder, "", {});
      std::cout << report::render_case_markdown(result);
      end_of_run(options, folder);
      return;
    }
    // A suite: each case into its own folder below the suite's, then the index,
    // the summary and one report over every case.
    const std::filesystem::path root = options.out.empty()
                                           ? std::filesystem::path("results") / suite->name
                                           : std::filesystem::path(options.out);
    for (const auto& path : suite->cases) (void)cases::load_case_file(path);  // refuse early
    report::prepare_results_folder(root, policy);
    created.emplace(root);
    report::SuiteIndex index;
    index.name = suite->name;
    index.title = suite->title;
    index.suite_file = options.case_path;
    index.suite_sha256 = sha256_hex(file_text(options.case_path));
    index.command = options.command_line;
    index.started = utc_now();
    std::vector<results::CaseResult> results;
    for (const auto& path : suite->cases) {
      const std::string name = path.stem().string();
      index.folders.push_back(name);
      results.push_back(run_one(path, options, root / name, name + ": ", options.case_path));
      std::cout << report::render_case_markdown(results.back()) << "\n";
    }
    index.finished = utc_now();
    report::render_suite_folder(index, results, root);
    end_of_run(options, root);
  } catch (const cases::CaseError& error) {
    if (created) created->remove_if_created();
    throw InputError(error.what());
  } catch (const OutputError& error) {
    throw InputError(error.what());
  } catch (const InputError&) {
    if (created) created->remove_if_created();
    throw;
  }
}

}  // namespace

void add_run_command(CLI::App& app, const std::string& command_line) {
  auto options = std::make_shared<RunCommandOptions>();
  options->command_line = command_line;
  CLI::App* command = app.add_subcommand(
      "run",
      "Run an experiment file (cases/*.toml) or a suite, and write its results folder: "
      "results.json, results.csv, tables (LaTeX, Markdown), plots, report.html");
  command->add_option("case", options->case_path, "the case file or suite file")->required();
  command->add_option("--out", options->out,
                      "results folder (default results/<case or suite name>)");
  command->add_option("--seed", options->seed, "overrides [run] seed")->check(unsigned_integer());
  command->add_option("--trials", options->trials, "overrides [run] trials")
      ->check(positive_integer());
  command->add_option("--threads", options->threads, "worker threads (results do not depend on it)")
      ->check(positive_integer(1024));
  command->add_flag("--resume", options->resume,
                    "continue the run in an existing results folder, keeping its finished cells");
  command->add_flag("--force", options->force, "replace the results in an existing results folder");
  command->add_flag("--quiet", options->quiet,
                    "no progress and no closing line on stderr (errors and warnings only)");
  command->callback([options] { run_case_command(*options); });
}

}  // namespace elicit::cli
