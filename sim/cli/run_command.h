// `elicit run CASE`: runs an experiment file and writes its results folder;
// `elicit exact`: the exact failure probability of the empirical estimator.
//
//   elicit run cases/t2_vocab.toml --out results/t2_vocab --threads 2 [--resume]
//   elicit exact --theorem T2 --p 1/2,1/4,1/4 --n 12 --eps 1/3
#pragma once

#include <CLI/CLI.hpp>

namespace elicit::cli {

void add_run_command(CLI::App& app);
void add_exact_command(CLI::App& app);

}  // namespace elicit::cli
