#include "sim/experiments/max_margin.h"

#include <stdexcept>
#include <string>

namespace elicit::experiments {

using transformer::LabelledPoint;

namespace {

Rational dot(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  Rational sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

void check_data(const std::vector<LabelledPoint>& data) {
  if (data.empty()) throw std::invalid_argument("max margin: the dataset is empty");
  for (std::size_t j = 0; j < data.size(); ++j) {
    if (data[j].y != 1 && data[j].y != -1)
      throw std::invalid_argument("max margin: example " + std::to_string(j + 1) +
                                  " has a label other than -1, +1");
    if (data[j].x.size() != data.front().x.size())
      throw std::invalid_argument("max margin: example " + std::to_string(j + 1) +
                                  " has another dimension");
  }
}

// Solves A z = r exactly (Gauss–Jordan); nullopt when A is singular.
std::optional<std::vector<Rational>> solve(std::vector<std::vector<Rational>> a,
                                           std::vector<Rational> r) {
  const std::size_t m = r.size();
  for (std::size_t col = 0; col < m; ++col) {
    std::size_t pivot = col;
    while (pivot < m && a[pivot][col] == 0) ++pivot;
    if (pivot == m) return std::nullopt;
    std::swap(a[pivot], a[col]);
    std::swap(r[pivot], r[col]);
    for (std::size_t row = 0; row < m; ++row) {
      if (row == col || a[row][col] == 0) continue;
      const Rational factor = a[row][col] / a[col][col];
      for (std::size_t k = col; k < m; ++k) a[row][k] -= factor * a[col][k];
      r[row] -= factor * r[col];
    }
  }
  for (std::size_t i = 0; i < m; ++i) r[i] /= a[i][i];
  return r;
}

// The candidate of one subset S (indices into D, gram the Gram matrix of D): the
// separator fixed by the equalities on S when the system is nonsingular, kept only
// when every α_i = λ_i y_i >= 0 and every point of D has margin >= 1.
std::optional<MaxMarginSeparator> candidate(const std::vector<LabelledPoint>& data,
                                            const std::vector<std::vector<Rational>>& gram,
                                            const std::vector<std::size_t>& subset) {
  const std::size_t m = subset.size();
  std::vector<std::vector<Rational>> a(m + 1, std::vector<Rational>(m + 1, Rational(0)));
  std::vector<Rational> r(m + 1, Rational(0));
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < m; ++j) a[i][j] = gram[subset[i]][subset[j]];
    a[i][m] = 1;  // b
    a[m][i] = 1;  // Σ λ = 0
    r[i] = data[subset[i]].y;
  }
  const auto z = solve(std::move(a), std::move(r));
  if (!z) return std::nullopt;
  for (std::size_t i = 0; i < m; ++i) {
    if ((*z)[i] * data[subset[i]].y < 0) return std::nullopt;  // α_i < 0: not a KKT point
  }
  const Rational& bias = (*z)[m];
  for (std::size_t k = 0; k < data.size(); ++k) {
    Rational wx = 0;  // w·x_k = Σ λ_j x_j·x_k
    for (std::size_t i = 0; i < m; ++i) wx += (*z)[i] * gram[subset[i]][k];
    if (data[k].y * (wx + bias) < 1) return std::nullopt;
  }
  MaxMarginSeparator s;
  s.weights.assign(data.front().x.size(), Rational(0));
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t c = 0; c < s.weights.size(); ++c)
      s.weights[c] += (*z)[i] * data[subset[i]].x[c];
    s.squared_norm += (*z)[i] * data[subset[i]].y;  // ‖w‖² = Σ λ_i y_i
  }
  s.bias = bias;
  s.basis = subset;
  s.multipliers.assign(z->begin(), z->begin() + static_cast<std::ptrdiff_t>(m));
  const auto margins = functional_margins(data, s.weights, s.bias);
  for (std::size_t k = 0; k < data.size(); ++k) {
    if (margins[k] == 1) s.active.push_back(k);
  }
  return s;
}

// Visits the subsets of {0, …, n−1} of size m in lexicographic order until visit
// returns true.
template <class F>
bool for_each_subset(std::size_t n, std::size_t m, F&& visit) {
  std::vector<std::size_t> subset(m);
  for (std::size_t i = 0; i < m; ++i) subset[i] = i;
  while (true) {
    if (visit(subset)) return true;
    std::size_t i = m;
    while (i > 0 && subset[i - 1] == n - m + i - 1) --i;
    if (i == 0) return false;
    ++subset[i - 1];
    for (std::size_t j = i; j < m; ++j) subset[j] = subset[j - 1] + 1;
  }
}

}  // namespace

std::vector<Rational> functional_margins(const std::vector<LabelledPoint>& data,
                                         const std::vector<Rational>& weights,
                                         const Rational& bias) {
  std::vector<Rational> margins;
  margins.reserve(data.size());
  for (const auto& p : data) margins.push_back(p.y * (dot(weights, p.x) + bias));
  return margins;
}

std::optional<MaxMarginSeparator> max_margin_separator(const std::vector<LabelledPoint>& data) {
  check_data(data);
  const std::size_t n = data.size();
  const std::size_t most = std::min(n, data.front().x.size() + 1);
  std::vector<std::vector<Rational>> gram(n, std::vector<Rational>(n));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i; j < n; ++j) gram[i][j] = gram[j][i] = dot(data[i].x, data[j].x);
  }
  bool both_classes = false;
  for (const auto& p : data) both_classes = both_classes || p.y != data.front().y;
  std::optional<MaxMarginSeparator> found;
  for (std::size_t m = 1; m <= most && !found; ++m) {
    for_each_subset(n, m, [&](const std::vector<std::size_t>& subset) {
      // With both classes in D, a one-class S gives w = 0, which is infeasible.
      if (both_classes) {
        bool mixed = false;
        for (auto i : subset) mixed = mixed || data[i].y != data[subset.front()].y;
        if (!mixed) return false;
      }
      found = candidate(data, gram, subset);
      return found.has_value();
    });
  }
  return found;
}

SubsetCheck check_support_subset(const std::vector<LabelledPoint>& data) {
  auto full = max_margin_separator(data);
  if (!full) throw std::invalid_argument("support subset: the dataset is not separable");
  std::vector<LabelledPoint> subset;
  for (auto i : full->basis) subset.push_back(data[i]);
  auto on_subset = max_margin_separator(subset);
  if (!on_subset) throw std::logic_error("support subset: a subset of separable data is separable");
  SubsetCheck check;
  check.same_separator = on_subset->weights == full->weights && on_subset->bias == full->bias;
  // h(x) = 1[w·x + b > 0]: a point on the boundary is negative.
  for (const auto& p : data) {
    const int side = dot(on_subset->weights, p.x) + on_subset->bias > 0 ? 1 : -1;
    check.disagreements += side == p.y ? 0 : 1;
  }
  check.full = std::move(*full);
  check.on_subset = std::move(*on_subset);
  return check;
}

}  // namespace elicit::experiments
