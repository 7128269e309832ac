// A Trace drawn as one self-contained HTML page: inline CSS and SVG, no script and
// no external resource, so it opens anywhere without a network. It shows the
// prompt as tokens, each head's attention as a heat map (exact weight and score of
// every cell on hover, the query row's weights in a table beside it, each head's
// role), the MLPs' values, the residual stream at the query row stage by stage, the
// output with its reference check and, when compared, the double-precision run
// with its first difference highlighted (in the text and on the map).
//
//   write_file_atomically("trace.html", render_html(trace));
//
// Stable ids for tests and links: #summary, #pass-<pass>, #prompt-<pass>,
// #map-<head id> (class attention-map), #stream-<pass>, #output, #float; a pass is
// "step1", "step2", … for counting and "run" for the others.
#pragma once

#include "sim/teaching/trace.h"

#include <string>

namespace elicit::teaching {

std::string render_html(const Trace& trace);

}  // namespace elicit::teaching
