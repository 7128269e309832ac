// `elicit exact`: the exact failure probability P(max_i ‖p̂_i − p_i‖₁ > ε) of the empirical
// estimator over m contexts, at one n or over a range of n, and the n* a curve gives
// (the eventual n* of the theorems and the first crossing).
//
//   elicit exact --theorem T2 --p 1/2,1/4,1/4 --n 12 --eps 1/3
//   elicit exact --theorem T2 --V 8 --m 4 --n 10:80 --eps 2/5
//   elicit exact --theorem T2 --V 2 --eps 1/5 --delta 1/10     # n* over [1, McDiarmid's size]
#pragma once

#include <CLI/CLI.hpp>

namespace elicit::cli {

void add_exact_command(CLI::App& app);

}  // namespace elicit::cli
