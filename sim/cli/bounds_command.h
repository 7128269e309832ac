// `elicit bounds`: every formula of docs/theory.md §3 for one theorem at given
// parameters, or (`--theorem all`) at the paper's own worked examples.
//
//   elicit bounds --theorem T2 --V 50000 --m 100 --eps 0.1 --delta 0.01 --format md
#pragma once

#include <CLI/CLI.hpp>

namespace elicit::cli {

// Registers the subcommand; its callback runs it and throws InputError on bad input.
void add_bounds_command(CLI::App& app);

}  // namespace elicit::cli
