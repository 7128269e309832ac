#include "sim/cases/case_runner.h"

#include "sim/cases/fits.h"
#include "sim/cases/journal.h"
#include "sim/cases/modes.h"
#include "sim/io/atomic_file.h"
#include "sim/report/results_tables.h"
#include "sim/results/results_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace elicit::cases {

engine::RunSettings effective_settings(const CaseFile& c, const RunOptions& options) {
  engine::RunSettings s = c.run;
  if (options.seed) s.seed = *options.seed;
  if (options.trials) s.trials = *options.trials;
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
  // Cells are independent: with several threads they run side by side, each on
  // its share of the threads; every cell's result is the same either way, and the
  // results are kept in cell order.
  const std::size_t cells = c.cells.size();
  const int workers = static_cast<int>(std::min<std::size_t>(std::max(settings.threads, 1), cells));
  engine::RunSettings per_cell = settings;
  per_cell.threads = std::max(1, settings.threads / std::max(workers, 1));
  std::vector<std::optional<results::CellResult>> rows(cells);
  std::vector<std::exception_ptr> errors(cells);
  std::atomic<std::size_t> next{0};
  std::mutex lock;  // the journal, the progress count and the callbacks
  std::size_t finished = 0;
  auto work = [&] {
    for (std::size_t i = next++; i < cells; i = next++) {
      const Cell& cell = c.cells[i];
      try {
        std::string how = "resumed";
        auto row = journal.finished(cell.index);
        if (!row) {
          row = evaluate_cell(c, cell, per_cell);
          how = "done";
        }
        const std::lock_guard<std::mutex> guard(lock);
        if (how == "done") journal.append(*row);
        rows[i] = std::move(row);
        ++finished;
        if (options.progress) {
          options.progress(finished, cells,
                           fmt::format("cell {} ({}): {}", cell.index + 1, cell.describe(), how));
        }
      } catch (...) {
        errors[i] = std::current_exception();
        next = cells;  // stop handing out cells
      }
    }
  };
  if (workers <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  for (const auto& error : errors) {  // the first failing cell, in cell order
    if (error) std::rethrow_exception(error);
  }
  for (auto& row : rows) result.cells.push_back(std::move(*row));
  result.fits = scaling_fits(c, result.cells, to_double(settings.confidence));

  write_file_atomically(options.out / "results.json", results::to_json(result).dump(2) + "\n");
  write_file_atomically(options.out / "results.csv", report::render_case_csv(result));
  write_file_atomically(options.out / "summary.md", report::render_case_markdown(result));
  return result;
}

}  // namespace elicit::cases
