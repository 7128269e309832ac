#include "sim/cli/merge_command.h"

#include "sim/cases/shards.h"
#include "sim/cli/input_error.h"
#include "sim/cli/option_checks.h"
#include "sim/io/atomic_file.h"
#include "sim/report/build_info.h"
#include "sim/report/results_folder.h"
#include "sim/report/results_tables.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace elicit::cli {
namespace {

namespace fs = std::filesystem;

struct MergeOptions {
  std::vector<std::string> shards;
  std::string out;
  bool force = false;
  bool quiet = false;
  std::string command_line;
};

void warn(const std::string& problem) { std::cerr << "elicit: " << problem << "\n"; }

// Each case of the merged run written as run_case writes it, from the shards' rows.
void write_merged(const cases::MergedShards& merged, const MergeOptions& options,
                  const fs::path& root) {
  std::vector<results::CaseResult> results;
  report::SuiteIndex index;
  for (const cases::MergedCase& c : merged.cases) {
    cases::RunOptions run;
    run.command = options.command_line;
    if (merged.suite) run.suite_file = merged.suite->file;
    results::RunManifest manifest =
        cases::run_manifest(c.case_file, run, c.settings, merged.started);
    manifest.threads = merged.threads;
    manifest.processes = static_cast<int>(merged.count);
    const fs::path folder = root / c.folder;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw OutputError(folder.string() + ": cannot create it: " + ec.message());
    results.push_back(
        cases::finish_case(c.case_file, c.settings, c.cells, std::move(manifest), folder, warn));
    std::cout << report::render_case_markdown(results.back()) << (merged.suite ? "\n" : "");
    index.folders.push_back(c.folder);
  }
  if (!merged.suite) return;
  index.name = merged.suite->name;
  index.title = merged.suite->title;
  index.suite_file = merged.suite->file;
  index.suite_sha256 = merged.suite->sha256;
  index.command = options.command_line;
  index.started = merged.started;
  index.finished = cases::utc_now();
  report::render_suite_folder(index, results, root);
}

void merge(const MergeOptions& options) {
  std::vector<fs::path> folders(options.shards.begin(), options.shards.end());
  cases::MergedShards merged;
  try {
    merged = cases::read_shards(folders);
  } catch (const cases::CaseError& error) {
    throw InputError(error.what());
  }
  // The rendering is this build's: it must be the build that computed the rows.
  const auto& info = report::build_info();
  if (merged.elicit_version != info.version || merged.git_commit != info.git_commit) {
    throw InputError(fmt::format(
        "{}: written by elicit {} (commit {}); this is elicit {} (commit {}): merge with the "
        "elicit that ran the shards",
        folders.front().string(), merged.elicit_version, merged.git_commit, info.version,
        info.git_commit));
  }
  const std::string name = merged.suite ? merged.suite->name : merged.cases.front().case_file.name;
  const fs::path folder = !options.out.empty() ? fs::path(options.out) : fs::path("results") / name;
  for (const auto& shard : folders) {
    std::error_code ec;
    if (fs::equivalent(shard, folder, ec))
      throw InputError(
          fmt::format("--out {}: is one of the shards; choose another folder", folder.string()));
  }
  if (!options.force && fs::exists(folder / "results.json"))
    throw InputError(fmt::format("{}: holds the results of an earlier run; --force replaces them",
                                 folder.string()));
  std::optional<report::StagedResultsFolder> out;
  try {
    out.emplace(folder,
                options.force ? report::ExistingResults::replace : report::ExistingResults::refuse);
    write_merged(merged, options, out->work());
    out->commit();
  } catch (const OutputError& error) {
    throw InputError(error.what());
  }
  if (!options.quiet) {
    std::string shown = out->folder().string();
    if (!shown.ends_with('/')) shown += '/';
    std::cerr << fmt::format("elicit: {} shards merged; results in {}  report: {}report.html\n",
                             merged.count, shown, shown);
  }
}

}  // namespace

void add_merge_command(CLI::App& app, const std::string& command_line) {
  auto options = std::make_shared<MergeOptions>();
  options->command_line = command_line;
  CLI::App* command = app.add_subcommand(
      "merge",
      "Combine the shard folders of `elicit run CASE --shard I/N` (I = 1..N) into the results "
      "folder one run writes");
  command->add_option("shards", options->shards, "the N shard folders, in any order")->required();
  command
      ->add_option("--out", options->out, "results folder (default results/<case or suite name>)")
      ->check(non_empty_path());
  command->add_flag("--force", options->force, "replace the results in an existing results folder");
  command->add_flag("--quiet", options->quiet, "no closing line on stderr");
  command->callback([options] { merge(*options); });
}

}  // namespace elicit::cli
