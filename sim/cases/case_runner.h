// Runs a case file: every cell through the Monte Carlo engine, its transformer
// replays, the bounds of its reading, and the scaling fits; writes the results
// folder (results.json, results.csv, summary.md) and keeps a progress log so that
// an interrupted run resumes without recomputing finished cells.
//
//   RunOptions options{.out = "results/t2_vocab", .threads = 2};
//   run_case(load_case_file("cases/t2_vocab.toml"), options);
#pragma once

#include "sim/cases/case_file.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>

namespace elicit::cases {

struct RunOptions {
  std::filesystem::path out;           // the results folder
  std::optional<std::uint64_t> seed;   // overrides [run] seed
  std::optional<std::int64_t> trials;  // overrides [run] trials (and scales max_trials)
  std::optional<int> threads;          // overrides [run] threads
  bool resume = false;                 // reuse finished cells of the same case and settings
  // Called after each cell: how many are finished of how many, and a line saying
  // which cell and whether it was computed or resumed.
  std::function<void(std::size_t finished, std::size_t total, const std::string& line)> progress;
};

// The case's results as JSON (the data model every report renders from).
nlohmann::ordered_json run_case(const CaseFile& case_file, const RunOptions& options);

// One cell alone (no files): the row run_case would write for it.
nlohmann::ordered_json evaluate_cell(const CaseFile& case_file, const Cell& cell);

std::string render_summary_markdown(const nlohmann::ordered_json& results);
std::string render_results_csv(const nlohmann::ordered_json& results);

}  // namespace elicit::cases
