// What `elicit run` shows on a terminal while it works: a line per finished cell
// with the time elapsed and an estimate of the time left, and, while a long cell
// runs, one status line rewritten in place (the sample size being tried and the
// trials done so far). Silent when stderr is not a terminal (scripts, CI) or with
// --quiet; the results never depend on it.
//
//   ProgressDisplay display(enabled, "t2_vocab: ");
//   options.progress = [&](auto done, auto total, auto& line) { display.cell_done(done, total,
//   line); }; options.trial_progress = [&](const cases::CellProgress& p) { display.trials(p,
//   total); };
#pragma once

#include "sim/cases/case_runner.h"

#include <chrono>
#include <string>

namespace elicit::cli {

class ProgressDisplay {
 public:
  ProgressDisplay(bool enabled, std::string prefix);
  ~ProgressDisplay();

  void cell_done(std::size_t finished, std::size_t total, const std::string& line);
  void trials(const cases::CellProgress& progress, std::size_t total);
  // Erases the status line (before anything else is printed).
  void clear();

 private:
  bool enabled_;
  std::string prefix_;
  std::chrono::steady_clock::time_point start_, last_status_;
  std::size_t finished_ = 0;
  bool status_shown_ = false;
  std::string eta(std::size_t total) const;
};

}  // namespace elicit::cli
