#include "sim/cases/case_runner.h"

#include "sim/cases/fits.h"
#include "sim/cases/journal.h"
#include "sim/cases/modes.h"
#include "sim/engine/monte_carlo.h"
#include "sim/engine/setting_error.h"
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
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace elicit::cases {
namespace {

// One case's cells in a run: those of its share still to compute, handed out one
// at a time to this process's threads and to helper processes; rows are kept in
// cell order, and each is appended to the case's journal as it arrives. `lock`
// guards the journal, the rows, the progress counts and the callbacks (one lock
// for all the cases of a run, which share a terminal).
class CaseCells : public CellDispatch {
 public:
  CaseCells(const CaseFile& c, const RunOptions& options, std::mutex& lock)
      : case_(c), options_(options), settings_(effective_settings(c, options)), lock_(lock) {
    std::error_code ec;
    std::filesystem::create_directories(options.out, ec);
    if (ec)
      throw OutputError(options.out.string() +
                        ": cannot create the results folder: " + ec.message());
    journal_.emplace(options.out / "cells.jsonl", journal_key(c.text, settings_), c.mode, c.cells,
                     options.resume);
    if (options.warning) {
      for (const auto& problem : journal_->problems())
        options.warning(fmt::format("{} {}: its cell is computed again",
                                    (options.out / "cells.jsonl").string(), problem));
    }
    rows_.resize(c.cells.size());
    errors_.resize(c.cells.size());
    for (std::size_t i = 0; i < c.cells.size(); ++i) {
      if (!options.share.owns(i)) continue;
      owned_.push_back(i);
      if (auto row = journal_->finished(i)) {
        rows_[i] = std::move(row);
        if (options.progress) {
          options.progress(++finished_, c.cells.size(),
                           fmt::format("cell {} ({}): resumed", i + 1, c.cells[i].describe()));
        }
      } else {
        pending_.push_back(i);
      }
    }
  }

  const CaseFile& case_file() const { return case_; }
  const engine::RunSettings& settings() const { return settings_; }
  const RunOptions& options() const { return options_; }
  std::size_t pending() const { return pending_.size(); }

  std::optional<std::size_t> take() override {
    const std::size_t at = next_++;
    if (at >= pending_.size()) return std::nullopt;
    return pending_[at];
  }
  void deliver(std::size_t cell, results::CellResult row) override {
    const std::lock_guard<std::mutex> guard(lock_);
    journal_->append(row);
    rows_[cell] = std::move(row);
    if (options_.progress) {
      options_.progress(++finished_, rows_.size(),
                        fmt::format("cell {} ({}): done", cell + 1, case_.cells[cell].describe()));
    }
  }
  void fail(std::size_t cell, std::exception_ptr error) override {
    const std::lock_guard<std::mutex> guard(lock_);
    errors_[cell] = std::move(error);
    next_ = pending_.size();  // stop handing out cells
  }

  // Computes `cell` here, with `threads` threads for its trials; false if it failed.
  bool compute(std::size_t cell, int threads) {
    try {
      engine::RunSettings per_cell = settings_;
      per_cell.threads = threads;
      std::int64_t trials = 0;  // of this cell, for progress only
      const engine::ScopedTrialObserver observer([&](std::int64_t n, std::int64_t batch) {
        trials += batch;
        if (!options_.trial_progress) return;
        const std::lock_guard<std::mutex> guard(lock_);
        options_.trial_progress({cell, case_.cells[cell].describe(), n, trials});
      });
      deliver(cell, evaluate_cell(case_, case_.cells[cell], per_cell));
      return true;
    } catch (...) {
      fail(cell, std::current_exception());
      return false;
    }
  }

  // The rows of the share, in cell order; or the first failing cell's error (a
  // setting found unusable while running is bad input in the case file).
  std::vector<results::CellResult> rows() {
    for (std::size_t i = 0; i < errors_.size(); ++i) {
      if (!errors_[i]) continue;
      try {
        std::rethrow_exception(errors_[i]);
      } catch (const engine::SettingError& e) {
        throw CaseError(fmt::format("{}: key {}: {} (at cell {}: {})", setting_place(e.key()),
                                    e.key(), e.what(), i + 1, case_.cells[i].describe()));
      }
    }
    std::vector<results::CellResult> out;
    out.reserve(owned_.size());
    for (std::size_t i : owned_) out.push_back(std::move(*rows_[i]));
    return out;
  }

 private:
  // Where a setting came from: the command line's option, or the file's line.
  std::string setting_place(const std::string& key) const {
    if (key == "trials" && options_.trials) return fmt::format("--trials {}", *options_.trials);
    if (key == "seed" && options_.seed) return fmt::format("--seed {}", *options_.seed);
    if (key == "threads" && options_.threads) return fmt::format("--threads {}", *options_.threads);
    return case_.place(key);
  }

  const CaseFile& case_;
  const RunOptions& options_;
  engine::RunSettings settings_;
  std::mutex& lock_;
  std::optional<Journal> journal_;
  std::vector<std::size_t> owned_, pending_;
  std::vector<std::optional<results::CellResult>> rows_;
  std::vector<std::exception_ptr> errors_;
  std::atomic<std::size_t> next_{0};
  std::size_t finished_ = 0;
};

// Computes the pending cells of `cases` on a pool of threads, taking the cases in
// order (a case's cells before the next case's). Cells are independent: with
// several threads they run side by side, each on its share of the threads, and
// every cell's row is the same either way. `helpers` (MPI ranks) take cells
// through the same queues, in the same order.
void compute_cells(const std::vector<CaseCells*>& cases, CellHelpers* helpers) {
  int threads = 1;
  std::size_t pending = 0;
  for (const CaseCells* c : cases) {
    threads = std::max(threads, c->settings().threads);
    pending += c->pending();
  }
  const int workers =
      static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(threads, pending)));
  const int per_cell = std::max(1, threads / workers);
  std::atomic<bool> failed{false};
  auto work = [&] {
    for (CaseCells* c : cases) {
      while (!failed) {
        const auto cell = c->take();
        if (!cell) break;
        if (!c->compute(*cell, per_cell)) failed = true;
      }
    }
  };
  if (workers <= 1 && !helpers) {
    work();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(workers));
  for (int w = 0; w < workers; ++w) pool.emplace_back(work);
  if (helpers) {
    std::vector<HelpedCase> helped;
    helped.reserve(cases.size());
    for (CaseCells* c : cases) helped.push_back({&c->case_file(), c->settings(), c});
    helpers->serve(helped);
  }
  for (auto& t : pool) t.join();
}

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

std::vector<std::vector<results::CellResult>> run_cells(const std::vector<CaseRun>& runs) {
  std::mutex lock;
  std::vector<std::unique_ptr<CaseCells>> cases;
  cases.reserve(runs.size());
  for (const CaseRun& run : runs)
    cases.push_back(std::make_unique<CaseCells>(*run.case_file, run.options, lock));
  // Threads and helper processes take from every case, in case order.
  CellHelpers* helpers = nullptr;
  std::vector<CaseCells*> all;
  all.reserve(cases.size());
  for (const auto& c : cases) {
    all.push_back(c.get());
    if (c->options().helpers) helpers = c->options().helpers;
  }
  compute_cells(all, helpers);
  std::vector<std::vector<results::CellResult>> rows;
  rows.reserve(cases.size());
  for (const auto& c : cases) rows.push_back(c->rows());
  return rows;
}

std::vector<results::CellResult> run_cells(const CaseFile& c, const RunOptions& options) {
  return run_cells({CaseRun{&c, options}}).front();
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
