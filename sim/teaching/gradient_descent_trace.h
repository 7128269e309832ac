// The teaching trace of gradient descent in context (T1): K linear-attention
// layers on rows (x_j, y_j) and a query x_q. After each layer the trace reads the
// implicit weights from the residual stream, w_t = w_{t-1} + (η/N) Σ_j r_j x_j with
// r_j = y_j - w_{t-1}·x_j the residuals the heads attended to, and shows them beside
// the explicit GD iterate (gradient_descent_weights), the query prediction beside
// gradient_descent_prediction with t steps, all exactly equal; with compare_float,
// the double-precision prediction after each layer and its drift.
//
//   Trace t = trace_gradient_descent(parse_vector_prompt("1 0 : 2 ; 0 1 : -1 ; 1 1 : ?"),
//                                    {.steps = 2, .eta = Rational(1, 2)});
#pragma once

#include "sim/teaching/trace.h"
#include "sim/teaching/vector_prompt.h"

namespace elicit::teaching {

struct GradientDescentTraceOptions {
  int steps = 3;       // K
  Rational eta{1, 2};  // η
  bool compare_float = false;
};

// Throws std::invalid_argument for a prompt without a query.
Trace trace_gradient_descent(const VectorPrompt& prompt,
                             const GradientDescentTraceOptions& options);

}  // namespace elicit::teaching
