#include "sim/cases/case_runner.h"

#include "sim/cases/fits.h"
#include "sim/cases/journal.h"
#include "sim/cases/modes.h"
#include "sim/io/atomic_file.h"
#include "sim/report/results_tables.h"
#include "sim/results/results_json.h"

#include <fmt/format.h>

#include <algorithm>

namespace elicit::cases {

engine::RunSettings effective_settings(const CaseFile& c, const RunOptions& options) {
  engine::RunSettings s = c.run;
  if (options.seed) s.seed = *options.seed;
  if (options.trials) {
    s.max_trials = std::max(*options.trials,
                            s.max_trials / std::max<std::int64_t>(s.trials, 1) * *options.trials);
    s.trials = *options.trials;
  }
  if (options.threads) s.threads = *options.threads;
  return s;
}

results::CellResult evaluate_cell(const CaseFile& case_file, const Cell& cell) {
  return evaluate_cell(case_file, cell, case_file.run);
}

results::CaseResult run_case(const CaseFile& c, const RunOptions& options) {
  const engine::RunSettings settings = effective_settings(c, options);
  std::error_code ec;
  std::filesystem::create_directories(options.out, ec);
  if (ec)
    throw OutputError(options.out.string() + ": cannot create the results folder: " + ec.message());

  Journal journal(options.out / "cells.jsonl", journal_key(c.text, settings), c.mode,
                  options.resume);
  if (options.warning) {
    for (const auto& problem : journal.problems())
      options.warning(fmt::format("cells.jsonl {}: its cell is computed again", problem));
  }
  results::CaseResult result;
  result.name = c.name;
  result.title = c.title;
  result.theorem = c.reading->theorem;
  result.reading = c.reading->id;
  result.mode = c.mode;
  result.settings = settings;
  for (const Cell& cell : c.cells) {
    std::string how = "resumed";
    auto row = journal.finished(cell.index);
    if (!row) {
      row = evaluate_cell(c, cell, settings);
      journal.append(*row);
      how = "done";
    }
    result.cells.push_back(std::move(*row));
    if (options.progress) {
      options.progress(result.cells.size(), c.cells.size(),
                       fmt::format("cell {} ({}): {}", cell.index + 1, cell.describe(), how));
    }
  }
  result.fits = scaling_fits(c, result.cells, to_double(settings.confidence));

  write_file_atomically(options.out / "results.json", results::to_json(result).dump(2) + "\n");
  write_file_atomically(options.out / "results.csv", report::render_case_csv(result));
  write_file_atomically(options.out / "summary.md", report::render_case_markdown(result));
  return result;
}

}  // namespace elicit::cases
