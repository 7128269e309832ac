// `elicit merge SHARD...`: combines the folders of `elicit run CASE --shard I/N`
// (I = 1..N) into the results folder one run of CASE writes, byte for byte the
// same results.json and results.csv (the manifest says `processes: N`). The shards
// are checked first: the same case texts, settings, seed and elicit build, each
// shard once, every cell present (sim/cases/shards.h).
//
//   elicit run cases/t2_vocab.toml --shard 1/2 --out s1     (on one machine)
//   elicit run cases/t2_vocab.toml --shard 2/2 --out s2     (on another)
//   elicit merge s1 s2 --out results/t2_vocab
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace elicit::cli {

// `command_line` is recorded in each manifest.
void add_merge_command(CLI::App& app, const std::string& command_line);

}  // namespace elicit::cli
