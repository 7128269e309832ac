#include "sim/cli/report_command.h"

#include "sim/cli/input_error.h"
#include "sim/io/atomic_file.h"
#include "sim/report/results_folder.h"
#include "sim/results/results_json.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

namespace elicit::cli {
namespace {

namespace fs = std::filesystem;

struct ReportOptions {
  std::string folder;
  bool quiet = false;
};

nlohmann::ordered_json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path.string() + ": cannot open it");
  try {
    return nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw InputError(fmt::format("{}: not JSON ({})", path.string(), error.what()));
  }
}

// The typed results, with the run's manifest when the folder has one (a folder
// from before manifests, or one whose manifest was deleted, renders without it).
results::CaseResult read_results(const fs::path& folder) {
  fs::path path = folder / "results.json";
  try {
    results::CaseResult result = results::case_result_from_json(read_json(path));
    path = folder / "manifest.json";
    if (fs::exists(path)) result.manifest = results::manifest_from_json(read_json(path));
    return result;
  } catch (const results::FormatError& error) {
    throw InputError(fmt::format("{}: {}", path.string(), error.what()));
  }
}

void warn(const std::string& problem) {
  if (!problem.empty()) std::cerr << "elicit: " << problem << "\n";
}

void render(const ReportOptions& options) {
  const fs::path folder(options.folder);
  try {
    if (fs::exists(folder / "index.json")) {
      report::SuiteIndex index;
      try {
        index = report::suite_index_from_json(read_json(folder / "index.json"));
      } catch (const results::FormatError& error) {
        throw InputError(fmt::format("{}: {}", (folder / "index.json").string(), error.what()));
      }
      std::vector<results::CaseResult> cases;
      for (const auto& name : index.folders) cases.push_back(read_results(folder / name));
      for (std::size_t i = 0; i < cases.size(); ++i)
        warn(report::render_case_folder(cases[i], folder / index.folders[i]).plots_problem);
      report::render_suite_folder(index, cases, folder);
    } else if (fs::exists(folder / "results.json")) {
      warn(report::render_case_folder(read_results(folder), folder).plots_problem);
    } else {
      throw InputError(
          fmt::format("{}: no results.json or index.json: not a results folder of elicit run",
                      folder.string()));
    }
  } catch (const OutputError& error) {
    throw InputError(error.what());
  }
  if (!options.quiet) {
    std::string shown = folder.string();
    if (!shown.ends_with('/')) shown += '/';
    std::cerr << fmt::format("elicit: report: {}report.html\n", shown);
  }
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = app.add_subcommand(
      "report",
      "Render a results folder again from its results.json (tables, plots, report.html), "
      "without rerunning");
  command->add_option("folder", options->folder, "the results folder (of a case or a suite)")
      ->required();
  command->add_flag("--quiet", options->quiet, "no closing line on stderr");
  command->callback([options] { render(*options); });
}

}  // namespace elicit::cli
