// `elicit run CASE`: runs an experiment file and writes its results folder.
//
//   elicit run cases/t2_vocab.toml --out results/t2_vocab --threads 2 [--resume]
#pragma once

#include <CLI/CLI.hpp>

namespace elicit::cli {

void add_run_command(CLI::App& app);

}  // namespace elicit::cli
