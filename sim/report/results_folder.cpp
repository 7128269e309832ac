#include "sim/report/results_folder.h"

#include "sim/io/atomic_file.h"
#include "sim/report/build_info.h"
#include "sim/report/case_plots.h"
#include "sim/report/gnuplot_files.h"
#include "sim/report/paper_tables.h"
#include "sim/report/results_csv.h"
#include "sim/report/results_tables.h"
#include "sim/results/results_json.h"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

namespace elicit::report {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

const std::set<std::string> kEntries = {"results.json",  "results.csv", "summary.md", "cells.jsonl",
                                        "manifest.json", "report.html", "index.json", "tables",
                                        "plots",         "shard.json"};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Empties a folder elicit owns (tables/, plots/) and creates it.
void fresh_folder(const fs::path& folder) {
  std::error_code ec;
  fs::remove_all(folder, ec);
  fs::create_directories(folder, ec);
  if (ec) throw OutputError(folder.string() + ": cannot create the folder: " + ec.message());
}

ordered_json manifest_document(const results::CaseResult& result) {
  ordered_json out = to_json(*result.manifest);
  out["case"] = result.name;
  out["settings"] = results::settings_json(result.settings);
  return out;
}

bool holds_results(const fs::path& folder) {
  for (const char* name :
       {"results.json", "cells.jsonl", "index.json", "manifest.json", "shard.json"}) {
    if (fs::exists(folder / name)) return true;
  }
  return false;
}

// Files below `folder` that elicit did not write (a results folder's own entries,
// and case folders of a suite that are themselves results folders, are elicit's).
void foreign_entries(const fs::path& folder, std::vector<fs::path>& found) {
  for (const auto& entry : fs::directory_iterator(folder)) {
    const fs::path name = entry.path().filename();
    if (is_results_entry(name)) continue;
    if (entry.is_directory() && holds_results(entry.path())) {
      foreign_entries(entry.path(), found);
      continue;
    }
    found.push_back(entry.path());
  }
}

void remove_results(const fs::path& folder) {
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (is_results_entry(entry.path().filename())) {
      fs::remove_all(entry.path());
    } else if (entry.is_directory() && holds_results(entry.path())) {
      remove_results(entry.path());
      if (fs::is_empty(entry.path())) fs::remove(entry.path());
    }
  }
}

}  // namespace

bool is_results_entry(const fs::path& name) { return kEntries.count(name.string()) > 0; }

CaseRendering render_case_folder(const results::CaseResult& result, const fs::path& folder) {
  CaseRendering rendering;
  if (result.manifest)
    write_file_atomically(folder / "manifest.json", manifest_document(result).dump(2) + "\n");
  write_file_atomically(folder / "results.csv", render_results_csv(result));
  write_file_atomically(folder / "summary.md", render_case_markdown(result));

  fresh_folder(folder / "tables");
  rendering.tables = case_tables(result);
  for (const auto& table : rendering.tables) {
    const std::string stem = table_file_stem(result, table);
    write_file_atomically(folder / "tables" / (stem + ".tex"), render_latex(table));
    write_file_atomically(folder / "tables" / (stem + ".md"), render_markdown(table));
  }

  fresh_folder(folder / "plots");
  const auto plots = case_plots(result);
  std::vector<std::string> names;
  for (const auto& plot : plots) {
    write_plot_files(plot, folder / "plots");
    names.push_back(plot.name);
  }
  const PlotRendering drawn = render_plots(folder / "plots", names);
  rendering.plots_problem = drawn.problem;
  for (const auto& plot : plots) {
    const bool ok =
        std::find(drawn.rendered.begin(), drawn.rendered.end(), plot.name) != drawn.rendered.end();
    rendering.figures.push_back({plot.name, plot.title, plot.caption,
                                 ok ? read_text(folder / "plots" / (plot.name + ".svg")) : "",
                                 "plots/" + plot.name});
  }

  ReportPage page{
      result.title, {{&result, rendering.tables, rendering.figures, ""}}, rendering.plots_problem};
  write_file_atomically(folder / "report.html", render_html_report(page));
  return rendering;
}

ordered_json to_json(const SuiteIndex& index) {
  const auto& info = build_info();
  return {{"suite", index.name},
          {"title", index.title},
          {"suite_file", index.suite_file},
          {"suite_sha256", index.suite_sha256},
          {"command", index.command},
          {"elicit_version", info.version},
          {"git_commit", info.git_commit},
          {"started", index.started},
          {"finished", index.finished},
          {"cases", index.folders}};
}

SuiteIndex suite_index_from_json(const ordered_json& document) {
  auto text = [&](const char* key) {
    if (!document.is_object() || !document.contains(key) || !document[key].is_string())
      throw results::FormatError(fmt::format("missing field '{}'", key));
    return document[key].get<std::string>();
  };
  SuiteIndex index{text("suite"),   text("title"),   text("suite_file"), text("suite_sha256"),
                   text("command"), text("started"), text("finished"),   {}};
  if (!document.contains("cases") || !document["cases"].is_array())
    throw results::FormatError("missing field 'cases'");
  for (const auto& folder : document["cases"]) {
    if (!folder.is_string()) throw results::FormatError("field 'cases' holds a non-string");
    index.folders.push_back(folder.get<std::string>());
  }
  return index;
}

void render_suite_folder(const SuiteIndex& index, const std::vector<results::CaseResult>& cases,
                         const fs::path& folder) {
  const std::string document = to_json(index).dump(2) + "\n";
  write_file_atomically(folder / "index.json", document);
  write_file_atomically(folder / "manifest.json", document);
  std::string summary = "# " + index.title + "\n\n";
  ReportPage page{index.title, {}, ""};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    summary += render_case_markdown(cases[i]) + "\n";
    const std::string prefix = index.folders[i] + "/";
    ReportCase item{&cases[i], case_tables(cases[i]), {}, prefix};
    for (const auto& plot : case_plots(cases[i])) {
      const fs::path svg = folder / index.folders[i] / "plots" / (plot.name + ".svg");
      const bool drawn = fs::exists(svg);
      if (!drawn && page.plots_problem.empty())
        page.plots_problem =
            "Some figures were not drawn (is gnuplot installed?); their data and "
            "scripts are in each case's plots folder.";
      item.figures.push_back({plot.name, plot.title, plot.caption, drawn ? read_text(svg) : "",
                              prefix + "plots/" + plot.name});
    }
    page.cases.push_back(std::move(item));
  }
  write_file_atomically(folder / "summary.md", summary);
  write_file_atomically(folder / "report.html", render_html_report(page));
}

void prepare_results_folder(const fs::path& folder, ExistingResults policy) {
  std::error_code ec;
  if (!fs::exists(folder, ec)) return;
  if (!fs::is_directory(folder, ec))
    throw OutputError(folder.string() + ": exists and is not a folder");
  std::vector<fs::path> foreign;
  foreign_entries(folder, foreign);
  if (!foreign.empty()) {
    throw OutputError(fmt::format(
        "{}: holds files elicit did not write (such as {}); choose another results folder",
        folder.string(), foreign.front().filename().string()));
  }
  if (fs::is_empty(folder)) return;
  switch (policy) {
    case ExistingResults::resume:
      return;
    case ExistingResults::replace:
      remove_results(folder);
      return;
    case ExistingResults::refuse:
      throw OutputError(fmt::format(
          "{}: holds the results of an earlier run; --resume continues it, --force replaces it",
          folder.string()));
  }
}

}  // namespace elicit::report

namespace elicit::report {
namespace {

namespace fs = std::filesystem;

// A folder a run may write into: absent, or a folder holding only elicit's files.
void check_writable(const fs::path& folder) {
  std::error_code ec;
  if (!fs::exists(folder, ec)) return;
  if (!fs::is_directory(folder, ec))
    throw OutputError(folder.string() + ": exists and is not a folder");
  std::vector<fs::path> foreign;
  foreign_entries(folder, foreign);
  if (!foreign.empty()) {
    throw OutputError(fmt::format(
        "{}: holds files elicit did not write (such as {}); choose another results folder",
        folder.string(), foreign.front().filename().string()));
  }
}

bool holds_anything(const fs::path& folder) {
  std::error_code ec;
  return fs::exists(folder, ec) && !fs::is_empty(folder, ec);
}

fs::path without_trailing_slash(const fs::path& folder) {
  fs::path f = folder.lexically_normal();
  return f.has_filename() ? f : f.parent_path();
}

}  // namespace

fs::path work_folder_of(const fs::path& folder) {
  return without_trailing_slash(folder).string() + ".incomplete";
}

StagedResultsFolder::StagedResultsFolder(const fs::path& folder, ExistingResults policy)
    : folder_(without_trailing_slash(folder)), work_(work_folder_of(folder)) {
  check_writable(folder_);
  check_writable(work_);
  std::error_code ec;
  if (fs::exists(work_, ec)) lock_ = std::make_unique<FolderLock>(work_);  // before touching it
  const bool interrupted = holds_anything(work_);
  const bool earlier = holds_anything(folder_);
  switch (policy) {
    case ExistingResults::refuse:
      if (interrupted) {
        throw OutputError(fmt::format(
            "{}: holds the cells of an interrupted run of {}; --resume continues it, --force "
            "starts afresh",
            work_.string(), folder_.string()));
      }
      if (earlier) {
        throw OutputError(fmt::format(
            "{}: holds the results of an earlier run; --resume continues it, --force replaces it",
            folder_.string()));
      }
      break;
    case ExistingResults::replace:
      if (interrupted) remove_results(work_);
      break;
    case ExistingResults::resume:
      if (!interrupted && earlier) {  // continue from the finished run's journal
        fs::create_directories(work_, ec);
        fs::copy(folder_, work_, fs::copy_options::recursive | fs::copy_options::overwrite_existing,
                 ec);
        if (ec)
          throw OutputError(work_.string() + ": cannot copy the earlier results: " + ec.message());
      }
      break;
  }
  created_work_ = !(policy == ExistingResults::resume && interrupted);
  fs::create_directories(work_, ec);
  if (ec) throw OutputError(work_.string() + ": cannot create the results folder: " + ec.message());
  if (!lock_) lock_ = std::make_unique<FolderLock>(work_);
}

void StagedResultsFolder::commit() {
  swap_in_folder(work_, folder_);
  lock_.reset();
}

void StagedResultsFolder::discard() {
  lock_.reset();
  std::error_code ignored;
  if (created_work_) fs::remove_all(work_, ignored);
}

}  // namespace elicit::report
