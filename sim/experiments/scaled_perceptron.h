// The most-violated perceptron of T3's looped transformer (perceptron_reference in
// construction_vectors.h), run in integers on grid points x = v / s: the fast path
// of the T3 experiments.
//
// Why it is the same algorithm: the perceptron reads z_j = y_j (x_j, 1); scaling
// every z_j by s > 0 gives the integer vectors y_j (v_j, s), scales every iterate
// by s and every margin by s², and so keeps each choice (the largest −margin, ties
// to the latest, stop when all margins are > 0). The weights returned are the
// integer iterate divided by s: exactly perceptron_reference's (a test checks it).
// Margins are kept up to date (m_j += z_p·z_j after an update with z_p), so an
// update costs O(n d) integer operations; overflow throws (checked_int.h).
//
//   PerceptronRun run = scaled_perceptron(points, labels, law.scale(), 10000);
//   run.weights;   // (w, b), exact
#pragma once

#include "sim/exact/rational.h"

#include <cstdint>
#include <vector>

namespace elicit::experiments {

struct PerceptronRun {
  std::vector<Rational> weights;     // (w, b): d weights then the bias
  std::vector<std::int64_t> scaled;  // s·(w, b), integers
  int updates = 0;
  bool converged = false;  // every margin > 0 (else the cap was hit)
};

// points[j] = v_j with x_j = v_j / scale, labels[j] = ±1; at most max_updates
// updates. Throws std::invalid_argument for an empty set or a label not ±1.
PerceptronRun scaled_perceptron(const std::vector<std::vector<std::int64_t>>& points,
                                const std::vector<int>& labels, std::int64_t scale,
                                int max_updates);

// sign(w·x + b) for x = v / scale from the scaled weights: +1, −1, or 0 on the
// learned boundary (a classifier 1[w·x + b > 0] puts 0 on the negative side).
int scaled_side(const std::vector<std::int64_t>& scaled_weights, const std::vector<std::int64_t>& v,
                std::int64_t scale);

}  // namespace elicit::experiments
