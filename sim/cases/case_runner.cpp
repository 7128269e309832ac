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

// The cells of a run that still need computing, handed out one at a time to this
// process's threads and to helper processes; rows are kept in cell order, and each
// is appended to the journal as it arrives.
class PendingCells : public CellDispatch {
 public:
  PendingCells(const CaseFile& c, const RunOptions& options, Journal& journal,
               std::vector<std::size_t> pending,
               std::vector<std::optional<results::CellResult>>& rows)
      : case_(c),
        options_(options),
        journal_(journal),
        pending_(std::move(pending)),
        rows_(rows),
        errors_(rows.size()),
        finished_(rows.size() - pending_.size()) {}

  std::optional<std::size_t> take() override {
    const std::size_t at = next_++;
    if (at >= pending_.size()) return std::nullopt;
    return pending_[at];
  }
  void deliver(std::size_t cell, results::CellResult row) override {
    const std::lock_guard<std::mutex> guard(lock_);
    journal_.append(row);
    rows_[cell] = std::move(row);
    ++finished_;
    if (options_.progress) {
      const Cell& c = case_.cells[cell];
      options_.progress(finished_, rows_.size(),
                        fmt::format("cell {} ({}): done", c.index + 1, c.describe()));
    }
  }
  void fail(std::size_t cell, std::exception_ptr error) override {
    const std::lock_guard<std::mutex> guard(lock_);
    errors_[cell] = std::move(error);
    next_ = pending_.size();  // stop handing out cells
  }
  // The progress of cells taken from the journal.
  void resumed(std::size_t done, std::size_t cell) const {
    if (!options_.progress) return;
    const Cell& c = case_.cells[cell];
    options_.progress(done, rows_.size(),
                      fmt::format("cell {} ({}): resumed", c.index + 1, c.describe()));
  }
  // For progress shown by a cell's own thread.
  std::mutex& lock() { return lock_; }
  // The first failing cell's error, in cell order.
  void rethrow_first_error() const {
    for (const auto& error : errors_) {
      if (error) std::rethrow_exception(error);
    }
  }

 private:
  const CaseFile& case_;
  const RunOptions& options_;
  Journal& journal_;
  std::vector<std::size_t> pending_;
  std::vector<std::optional<results::CellResult>>& rows_;
  std::vector<std::exception_ptr> errors_;
  std::atomic<std::size_t> next_{0};
  std::mutex lock_;  // the journal, the rows, the progress count and the callbacks
  std::size_t finished_;
};

}  // namespace

std::string utc_now() {
  return fmt::format(
      "{:%Y-%m-%dT%H:%M:%SZ}",
      fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

results::RunManifest run_manifest(const CaseFile& c, const RunOptions& options,
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
  m.processes = options.helpers ? options.helpers->processes() : 1;
  m.started = std::move(started);
  m.finished = utc_now();
  return m;
}

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

std::vector<results::CellResult> run_cells(const CaseFile& c, const RunOptions& options) {
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
  // The cells of this share: taken from the journal, or pending.
  std::vector<std::optional<results::CellResult>> rows(c.cells.size());
  std::vector<std::size_t> owned, pending;
  for (std::size_t i = 0; i < c.cells.size(); ++i) {
    if (!options.share.owns(i)) continue;
    owned.push_back(i);
    if (auto row = journal.finished(i)) {
      rows[i] = std::move(row);
    } else {
      pending.push_back(i);
    }
  }
  rows.resize(c.cells.size());
  PendingCells cells(c, options, journal, pending, rows);
  std::size_t done = 0;
  for (std::size_t i : owned) {
    if (rows[i]) cells.resumed(++done, i);
  }
  // Cells are independent: with several threads they run side by side, each on
  // its share of the threads; every cell's result is the same either way.
  const int workers = static_cast<int>(std::max<std::size_t>(
      1, std::min<std::size_t>(std::max(settings.threads, 1), pending.size())));
  engine::RunSettings per_cell = settings;
  per_cell.threads = std::max(1, settings.threads / workers);
  auto work = [&] {
    while (const auto i = cells.take()) {
      try {
        std::int64_t trials = 0;  // of this cell, for progress only
        const engine::ScopedTrialObserver observer([&](std::int64_t n, std::int64_t batch) {
          trials += batch;
          if (!options.trial_progress) return;
          const std::lock_guard<std::mutex> guard(cells.lock());
          options.trial_progress({*i, c.cells[*i].describe(), n, trials});
        });
        cells.deliver(*i, evaluate_cell(c, c.cells[*i], per_cell));
      } catch (...) {
        cells.fail(*i, std::current_exception());
      }
    }
  };
  if (workers <= 1 && !options.helpers) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w) pool.emplace_back(work);
    if (options.helpers) options.helpers->serve(c, settings, cells);
    for (auto& t : pool) t.join();
  }
  cells.rethrow_first_error();
  std::vector<results::CellResult> out;
  for (std::size_t i : owned) out.push_back(std::move(*rows[i]));
  return out;
}

results::CaseResult finish_case(const CaseFile& c, const engine::RunSettings& settings,
                                std::vector<results::CellResult> cells,
                                results::RunManifest manifest, const std::filesystem::path& out,
                                const std::function<void(const std::string&)>& warning) {
  results::CaseResult result;
  result.name = c.name;
  result.title = c.title;
  result.theorem = c.reading->theorem;
  result.reading = c.reading->id;
  result.mode = c.mode;
  result.settings = settings;
  result.cells = std::move(cells);
  result.fits = scaling_fits(c, result.cells, to_double(settings.confidence));
  result.manifest = std::move(manifest);
  // results.json first: everything else in the folder is rendered from it and the
  // manifest (and `elicit report` renders it again from those two files).
  write_file_atomically(out / "results.json", results::to_json(result).dump(2) + "\n");
  const auto rendering = report::render_case_folder(result, out);
  if (!rendering.plots_problem.empty() && warning) warning(rendering.plots_problem);
  return result;
}

results::CaseResult run_case(const CaseFile& c, const RunOptions& options) {
  const std::string started = utc_now();
  const engine::RunSettings settings = effective_settings(c, options);
  auto cells = run_cells(c, options);
  return finish_case(c, settings, std::move(cells), run_manifest(c, options, settings, started),
                     options.out, options.warning);
}

}  // namespace elicit::cases
