// `elicit run CASE`: runs an experiment file (or a suite of them) and writes its
// results folder (sim/report/results_folder.h). An existing results folder is
// never overwritten silently: --resume continues it, --force replaces it. Progress
// goes to a terminal's stderr only; the run ends with one line naming the folder
// and its report.
//
//   elicit run cases/t2_vocab.toml --out results/t2_vocab --threads 2 [--resume | --force]
#pragma once

#include "sim/cases/case_runner.h"

#include <CLI/CLI.hpp>

#include <string>

namespace elicit::cli {

// `command_line` is recorded in each manifest; `helpers` are the other processes
// computing cells (MPI ranks), or null.
void add_run_command(CLI::App& app, const std::string& command_line,
                     cases::CellHelpers* helpers = nullptr);

}  // namespace elicit::cli
