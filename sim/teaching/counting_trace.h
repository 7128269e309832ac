// The teaching trace of the counting / induction-head construction (T2, T5): the
// text prompt read as examples of a context then l outputs, and one forward pass
// per generated token. Each pass shows every head's attention with what its scores
// mean, the MLPs' values, the stream, and p̂(next | context, prefix); generation is
// greedy (the most probable word; ties go to the word seen first) and stops at an
// unseen context or prefix, saying why. Every step is checked against
// empirical_next_token, the construction's reference.
//
//   Trace t = trace_counting(parse_text_prompt("c x y ; c x z ; c"), {.compare_float = true});
#pragma once

#include "sim/teaching/trace.h"
#include "sim/transformer/text_prompt.h"

namespace elicit::teaching {

struct CountingTraceOptions {
  bool compare_float = false;
};

Trace trace_counting(const transformer::TextPrompt& prompt, const CountingTraceOptions& options);

}  // namespace elicit::teaching
