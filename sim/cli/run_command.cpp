#include "sim/cli/run_command.h"

#include "sim/cases/case_runner.h"
#include "sim/cases/suite_file.h"
#include "sim/cli/input_error.h"
#include "sim/engine/monte_carlo.h"
#include "sim/io/atomic_file.h"
#include "sim/report/results_tables.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

namespace elicit::cli {
namespace {

struct RunCommandOptions {
  std::string case_path;
  std::string out;
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> trials;
  std::optional<int> threads;
  bool resume = false;
};

cases::RunOptions run_options(const RunCommandOptions& options, const std::filesystem::path& out) {
  cases::RunOptions run;
  run.out = out;
  run.seed = options.seed;
  run.trials = options.trials;
  run.threads = options.threads;
  run.resume = options.resume;
  run.warning = [](const std::string& message) { std::cerr << "elicit: " << message << "\n"; };
  if (::isatty(STDERR_FILENO)) {  // progress for people; silent in scripts and CI
    const auto start = std::chrono::steady_clock::now();
    run.progress = [start](std::size_t finished, std::size_t total, const std::string& line) {
      const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double eta =
          elapsed / static_cast<double>(finished) * static_cast<double>(total - finished);
      std::cerr << fmt::format("[{}/{}] {}  ({:.1f} s elapsed, ETA {:.1f} s)\n", finished, total,
                               line, elapsed, eta);
    };
  }
  return run;
}

// Runs one case into `out`; returns its summary.
std::string run_one(const std::filesystem::path& path, const RunCommandOptions& options,
                    const std::optional<std::filesystem::path>& out) {
  const cases::CaseFile case_file = cases::load_case_file(path);
  const auto folder = out ? *out : std::filesystem::path("results") / case_file.name;
  results::CaseResult results;
  try {
    results = cases::run_case(case_file, run_options(options, folder));
  } catch (const engine::SettingError& error) {
    throw InputError(fmt::format("{}: key {}: {}", path.string(), error.key(), error.what()));
  }
  if (::isatty(STDERR_FILENO)) std::cerr << "results: " << folder.string() << "/\n";
  return report::render_case_markdown(results);
}

void run_case_command(const RunCommandOptions& options) {
  try {
    const auto suite = cases::load_suite_file(options.case_path);
    if (!suite) {
      std::cout << run_one(
          options.case_path, options,
          options.out.empty() ? std::nullopt : std::optional<std::filesystem::path>(options.out));
      return;
    }
    // A suite: each case into its own folder below the suite's, then one index.
    const std::filesystem::path root = options.out.empty()
                                           ? std::filesystem::path("results") / suite->name
                                           : std::filesystem::path(options.out);
    std::string index = "# " + suite->title + "\n\n";
    for (const auto& path : suite->cases) {
      const std::string name = path.stem().string();
      const std::string summary = run_one(path, options, root / name);
      std::cout << summary << "\n";
      index += summary + "\n";
    }
    write_file_atomically(root / "summary.md", index);
  } catch (const cases::CaseError& error) {
    throw InputError(error.what());
  } catch (const OutputError& error) {
    throw InputError(error.what());
  }
}

}  // namespace

void add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "run", "Run an experiment file (cases/*.toml) and write its results folder");
  command->add_option("case", options->case_path, "the case file")->required();
  command->add_option("--out", options->out, "results folder (default results/<case name>)");
  command->add_option("--seed", options->seed, "overrides [run] seed");
  command->add_option("--trials", options->trials, "overrides [run] trials")
      ->check(CLI::Range(std::int64_t{1}, engine::kMaxTrials));
  command->add_option("--threads", options->threads, "worker threads (results do not depend on it)")
      ->check(CLI::Range(1, engine::kMaxThreads));
  command->add_flag("--resume", options->resume, "keep the finished cells of an interrupted run");
  command->callback([options] { run_case_command(*options); });
}

}  // namespace elicit::cli
