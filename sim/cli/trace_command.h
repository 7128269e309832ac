// `elicit trace`: the teaching demo. Runs one of the four ICL constructions on a
// prompt a student types and prints, layer by layer, what each head attends to at
// the query (exact fractions, scores explained), the MLPs' values and the output,
// checked against the construction's reference algorithm. --float runs the same
// weights in double precision and says where the two first differ; --layout names
// the residual stream's subspaces; --html FILE draws it all as one page.
// The traces themselves are built in sim/teaching/; this is the command line only.
//
//   elicit trace --construction counting --prompt "a x ; a y ; a x ; a" [--float]
//   elicit trace --construction gd --prompt "1 0 : 2 ; 0 1 : -1 ; 1 1 : ?" --steps 2
#pragma once

#include <CLI/CLI.hpp>

namespace elicit::cli {

void add_trace_command(CLI::App& app);

}  // namespace elicit::cli
