// `elicit trace`: the teaching demo. Runs a construction on a prompt written as
// text and prints, layer by layer, the attention at the query position as exact
// fractions, then the output distribution; --float runs the same weights in
// double precision and says where the two first differ.
//
//   elicit trace --construction counting --prompt "a x ; a y ; a x ; a" [--float]
#pragma once

#include <CLI/CLI.hpp>

namespace elicit::cli {

void add_trace_command(CLI::App& app);

}  // namespace elicit::cli
