// The teaching trace of the looped perceptron (T3): labelled examples (labels ±1)
// and one looped layer. Each loop's unique hard attention picks the most violated
// example (least margin y(w·x+b), ties to the latest) and the residual adds y·(x, 1)
// to (w, b); the weight row's own key wins once every margin is positive, and the
// loop stops at that fixed point (or at the cap of max_updates). The trace tables
// every loop and checks the result against perceptron_reference; a query, if the
// prompt has one, is classified by the final halfspace.
//
//   Trace t = trace_perceptron(parse_vector_prompt("1 2 : +1 ; 3 -1 : -1"), {.max_updates = 100});
#pragma once

#include "sim/teaching/trace.h"
#include "sim/teaching/vector_prompt.h"

namespace elicit::teaching {

struct PerceptronTraceOptions {
  int max_updates = 100;
  bool compare_float = false;
};

// Throws std::invalid_argument for a label other than -1 or +1.
Trace trace_perceptron(const VectorPrompt& prompt, const PerceptronTraceOptions& options);

}  // namespace elicit::teaching
