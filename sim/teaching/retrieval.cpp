#include "sim/teaching/retrieval.h"

#include <algorithm>
#include <stdexcept>

namespace elicit::teaching {

Rational squared_distance(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  Rational sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
  return sum;
}

std::vector<Ranked> rank_by_distance(const std::vector<transformer::LabelledPoint>& examples,
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

std::vector<std::size_t> nearest_examples(const std::vector<transformer::LabelledPoint>& examples,
                                          const std::vector<Rational>& query, std::size_t k) {
  if (k == 0 || k > examples.size()) throw std::invalid_argument("k out of range");
  const auto ranking = rank_by_distance(examples, query);
  std::vector<std::size_t> chosen;
  for (std::size_t r = 0; r < k; ++r) chosen.push_back(ranking[r].index);
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace elicit::teaching
