#include "sim/experiments/scaled_perceptron.h"

#include "sim/exact/checked_int.h"

#include <optional>
#include <stdexcept>

namespace elicit::experiments {
namespace {

std::int64_t dot(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum = checked_add(sum, checked_mul(a[i], b[i]));
  return sum;
}

}  // namespace

PerceptronRun scaled_perceptron(const std::vector<std::vector<std::int64_t>>& points,
                                const std::vector<int>& labels, std::int64_t scale,
                                int max_updates) {
  if (points.empty() || points.size() != labels.size())
    throw std::invalid_argument("scaled_perceptron: empty or mismatched data");
  const std::size_t augmented = points.front().size() + 1;
  // z_j = y_j (v_j, s): s times the reference's y_j (x_j, 1).
  std::vector<std::vector<std::int64_t>> z;
  z.reserve(points.size());
  for (std::size_t j = 0; j < points.size(); ++j) {
    if (labels[j] != 1 && labels[j] != -1)
      throw std::invalid_argument("scaled_perceptron: labels are -1 or +1");
    std::vector<std::int64_t> row;
    row.reserve(augmented);
    for (auto c : points[j]) row.push_back(checked_mul(labels[j], c));
    row.push_back(labels[j] * scale);
    z.push_back(std::move(row));
  }
  PerceptronRun run;
  run.scaled.assign(augmented, 0);
  std::vector<std::int64_t> margins(z.size(), 0);  // w'·z_j, s² times the reference's
  while (true) {
    // The largest −margin among the violated (margin <= 0), ties to the latest,
    // as perceptron_reference's `score >= best` from best = 0.
    std::optional<std::size_t> pick;
    std::int64_t best = 0;
    for (std::size_t j = 0; j < z.size(); ++j) {
      if (-margins[j] >= best) {
        best = -margins[j];
        pick = j;
      }
    }
    if (!pick) {
      run.converged = true;
      break;
    }
    if (run.updates == max_updates) break;
    const auto& update = z[*pick];
    for (std::size_t i = 0; i < augmented; ++i)
      run.scaled[i] = checked_add(run.scaled[i], update[i]);
    for (std::size_t j = 0; j < z.size(); ++j)
      margins[j] = checked_add(margins[j], dot(update, z[j]));
    ++run.updates;
  }
  for (auto c : run.scaled) run.weights.emplace_back(c, scale);
  return run;
}

int scaled_side(const std::vector<std::int64_t>& scaled_weights, const std::vector<std::int64_t>& v,
                std::int64_t scale) {
  // s (w, b)·(v, s) = s² (w·x + b): the sign of w·x + b.
  std::int64_t sum = checked_mul(scaled_weights.back(), scale);
  for (std::size_t i = 0; i < v.size(); ++i)
    sum = checked_add(sum, checked_mul(scaled_weights[i], v[i]));
  return sum > 0 ? 1 : (sum < 0 ? -1 : 0);
}

}  // namespace elicit::experiments
