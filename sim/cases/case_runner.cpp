#include "sim/cases/case_runner.h"

#include "sim/cases/fits.h"
#include "sim/cases/journal.h"
#include "sim/cases/modes.h"
#include "sim/engine/monte_carlo.h"
#include "sim/io/atomic_file.h"
#include "sim/io/sha256.h"
#include "sim/report/build_info.h"
#include "sim/report/results_folder.h"
#include "sim/results/results_json.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace elicit::cases {
namespace {

std::string utc_now() {
  return fmt::format(
      "{:%Y-%m-%dT%H:%M:%SZ}",
      fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

results::RunManifest manifest_of(const CaseFile& c, const RunOptions& options,
                                 const engine::RunSettings& settings, std::string started) {
  const auto& info = report::build_info();
  results::RunManifest m;
  m.elicit_version = info.version;
  m.git_commit = info.git_commit;
  m.build_type = info.build_type;
  m.compiler = info.compiler;
  m.libraries = info.libraries;
  m.command = options.command;
  m.case_file = c.path.string();
  m.case_sha256 = sha256_hex(c.text);
  m.suite_file = options.suite_file.string();
  m.threads = settings.threads;
  m.started = std::move(started);
  m.finished = utc_now();
  return m;
}

}  // namespace

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
  const std::string started = utc_now();
  const engine::RunSettings settings = effective_settings(c, options);
  std::error_code ec;
  std::filesystem::create_directories(options.out, ec);
  if (ec)
    throw OutputError(options.out.string() + ": cannot create the results folder: " + ec.message());

  Journal journal(options.out / "cells.jsonl", journal_key(c.text, settings), c.mode, c.cells,
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
          std::int64_t trials = 0;  // of this cell, for progress only
          const engine::ScopedTrialObserver observer([&](std::int64_t n, std::int64_t batch) {
            trials += batch;
            if (!options.trial_progress) return;
            const std::lock_guard<std::mutex> guard(lock);
            options.trial_progress({i, cell.describe(), n, trials});
          });
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
  result.manifest = manifest_of(c, options, settings, started);

  // results.json first: everything else in the folder is rendered from it and the
  // manifest (and `elicit report` renders it again from those two files).
  write_file_atomically(options.out / "results.json", results::to_json(result).dump(2) + "\n");
  const auto rendering = report::render_case_folder(result, options.out);
  if (!rendering.plots_problem.empty() && options.warning) options.warning(rendering.plots_problem);
  return result;
}

}  // namespace elicit::cases
