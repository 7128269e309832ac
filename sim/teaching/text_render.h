// A Trace as plain text for a terminal: how the prompt was read, each pass layer
// by layer (every head with its role, the keys it attends to at the query with
// their scores explained and exact weights, every MLP's values), the result, the
// reference check and, when asked, the double-precision comparison. With
// show_layout it also prints the residual stream's named subspaces at the query row.
//
//   std::cout << render_text(trace, {.show_layout = true});
#pragma once

#include "sim/teaching/trace.h"

#include <string>

namespace elicit::teaching {

struct TextOptions {
  bool show_layout = false;
};

std::string render_text(const Trace& trace, const TextOptions& options);

// A table with aligned columns, two spaces of indent; the last column is not padded.
std::string render_text_table(const Table& table, const std::string& indent);

}  // namespace elicit::teaching
