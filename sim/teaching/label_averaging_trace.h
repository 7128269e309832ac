// The teaching trace of label averaging (T4): labelled examples and a query. With
// k, the k examples nearest the query (exact squared distance, ties to the earlier
// example; sim/transformer/retrieval.h) make the transformer's prompt and the trace
// ranks them all; without it every example does. One averaging head reads the label rows, each with
// weight 1/k, so the output is the mean label, checked against mean_label.
//
//   Trace t = trace_label_averaging(parse_vector_prompt("1 2 : 1 ; 3 -1 : 0 ; 0 0 : ?"),
//                                   {.nearest = 1});
#pragma once

#include "sim/teaching/trace.h"
#include "sim/teaching/vector_prompt.h"

#include <optional>

namespace elicit::teaching {

struct LabelAveragingTraceOptions {
  std::optional<int> nearest;  // k; none: every example
  bool compare_float = false;
};

// Throws std::invalid_argument for a prompt without a query or a k out of range.
Trace trace_label_averaging(const VectorPrompt& prompt, const LabelAveragingTraceOptions& options);

}  // namespace elicit::teaching
