// Constructions whose prompts carry vectors rather than symbols (T1, T3, T4):
//
//   label averaging (T4)     one averaging hard head over the label positions:
//                            output = the mean label of the k examples in context
//   gradient descent (T1)    K linear-attention layers = K steps of GD on squared
//                            loss for a linear head from zero (von Oswald et al.
//                            2023); the prediction on the query is exactly the
//                            fine-tuned head's
//   looped perceptron (T3)   one looped layer whose unique hard attention picks the
//                            most violated example (ties: the latest) and whose
//                            residual adds y·x to the weights; the weight row's own
//                            key (score 0, value 0) wins when nothing is violated,
//                            so the loop stops at a consistent halfspace
//
// Each has its reference algorithm beside it: the fast path the Monte Carlo uses.
#pragma once

#include "sim/transformer/model.h"

#include <optional>
#include <vector>

namespace elicit::transformer {

struct LabelledPoint {
  std::vector<Rational> x;
  Rational y;  // T4: 0 or 1; T1: any rational; T3: −1 or +1
};

// Label averaging (T4). Prompt rows: BOS, then per example an x row and a y row,
// then the query x row.
Model label_averaging_model(int dimension);
StreamRows label_averaging_prompt(int dimension, const std::vector<LabelledPoint>& examples,
                                  const std::vector<Rational>& query);
Rational mean_label(const std::vector<LabelledPoint>& examples);

// Gradient descent in context (T1): K layers, learning rate eta, N examples.
// Prompt rows: one per example (x, y), then the query (x). Attention is not causal
// here, as in von Oswald et al.: every example's residual must see all examples.
Model gradient_descent_model(int dimension, int steps, const Rational& eta, int examples);
StreamRows gradient_descent_prompt(int dimension, const std::vector<LabelledPoint>& examples,
                                   const std::vector<Rational>& query);
// Reference: w_0 = 0, w_{t+1} = w_t − (eta/N) Σ_j (w_t·x_j − y_j) x_j; returns w_K·query.
Rational gradient_descent_prediction(const std::vector<LabelledPoint>& examples,
                                     const std::vector<Rational>& query, int steps,
                                     const Rational& eta);
// The same steps, every iterate: w_0 = 0, w_1, …, w_K (the prediction is w_K·query).
std::vector<std::vector<Rational>> gradient_descent_weights(
    const std::vector<LabelledPoint>& examples, int dimension, int steps, const Rational& eta);

// Looped perceptron (T3), halfspaces with bias: x is augmented with a constant 1.
// Prompt rows: the weight row (w = 0) first, then one per example (z = y·(x, 1)).
// The readout is w at row 0 (d+1 numbers: weights then bias).
Model perceptron_model(int dimension, int max_updates);
StreamRows perceptron_prompt(int dimension, const std::vector<LabelledPoint>& examples);
struct PerceptronResult {
  std::vector<Rational> weights;  // (w, b)
  int updates = 0;
  bool converged = false;
};
PerceptronResult perceptron_reference(const std::vector<LabelledPoint>& examples, int max_updates);

}  // namespace elicit::transformer
