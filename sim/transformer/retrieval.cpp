#include "sim/transformer/retrieval.h"

#include "sim/exact/checked_int.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace elicit::transformer {

Rational squared_distance(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  Rational sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
  return sum;
}

std::vector<Ranked> rank_by_distance(const std::vector<LabelledPoint>& examples,
                                     const std::vector<Rational>& query) {
  std::vector<Ranked> ranking;
  for (std::size_t j = 0; j < examples.size(); ++j) {
    ranking.push_back({j, squared_distance(examples[j].x, query)});
  }
  std::stable_sort(ranking.begin(), ranking.end(), [](const Ranked& a, const Ranked& b) {
    return a.squared_distance < b.squared_distance;
  });
  return ranking;
}

std::vector<std::size_t> nearest_examples(const std::vector<LabelledPoint>& examples,
                                          const std::vector<Rational>& query, std::size_t k) {
  if (k == 0 || k > examples.size()) throw std::invalid_argument("k out of range");
  const auto ranking = rank_by_distance(examples, query);
  std::vector<std::size_t> chosen;
  for (std::size_t r = 0; r < k; ++r) chosen.push_back(ranking[r].index);
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

std::vector<std::size_t> nearest_grid_points_ranked(
    const std::vector<std::vector<std::int64_t>>& points, const std::vector<std::int64_t>& query,
    std::size_t k) {
  if (k == 0 || k > points.size()) throw std::invalid_argument("k out of range");
  // (distance, index) pairs ordered lexicographically: the k smallest are the k
  // nearest with ties to the lower index, the reference's stable order.
  std::vector<std::pair<std::int64_t, std::size_t>> keyed(points.size());
  for (std::size_t j = 0; j < points.size(); ++j) {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < query.size(); ++i) {
      const std::int64_t diff = checked_sub(points[j][i], query[i]);
      sum = checked_add(sum, checked_mul(diff, diff));
    }
    keyed[j] = {sum, j};
  }
  const auto end = keyed.begin() + static_cast<std::ptrdiff_t>(k);
  std::partial_sort(keyed.begin(), end, keyed.end());
  std::vector<std::size_t> chosen;
  chosen.reserve(k);
  for (auto it = keyed.begin(); it != end; ++it) chosen.push_back(it->second);
  return chosen;
}

std::vector<std::size_t> nearest_grid_points(const std::vector<std::vector<std::int64_t>>& points,
                                             const std::vector<std::int64_t>& query,
                                             std::size_t k) {
  auto chosen = nearest_grid_points_ranked(points, query, k);
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace elicit::transformer
