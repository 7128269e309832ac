#include "sim/experiments/yatracos.h"

#include "sim/exact/checked_int.h"

#include <numeric>
#include <set>
#include <stdexcept>

namespace elicit::experiments {

YatracosSelector::YatracosSelector(const std::vector<targets::Distribution>& family) {
  if (family.size() < 2) throw std::invalid_argument("a minimum-distance family needs >= 2 laws");
  const std::size_t outcomes = family.front().size();
  for (const auto& law : family) {
    if (law.size() != outcomes) throw std::invalid_argument("family laws differ in size");
    denominator_ = checked_mul(denominator_ / std::gcd(denominator_, law.total), law.total);
  }
  for (const auto& law : family) {
    const std::int64_t scale = denominator_ / law.total;
    std::vector<std::int64_t> w;
    for (auto weight : law.weights) w.push_back(checked_mul(weight, scale));
    weights_.push_back(std::move(w));
  }
  // The distinct sets {x : q_i(x) > q_k(x)} (empty sets and duplicates dropped).
  std::set<std::vector<char>> seen;
  for (std::size_t i = 0; i < family.size(); ++i) {
    for (std::size_t k = 0; k < family.size(); ++k) {
      if (i == k) continue;
      std::vector<char> in(outcomes, 0);
      for (std::size_t x = 0; x < outcomes; ++x)
        in[x] = static_cast<char>(weights_[i][x] > weights_[k][x]);
      if (std::find(in.begin(), in.end(), 1) == in.end() || !seen.insert(in).second) continue;
      std::vector<std::size_t> members;
      std::vector<std::int64_t> mass(family.size(), 0);
      for (std::size_t x = 0; x < outcomes; ++x) {
        if (!in[x]) continue;
        members.push_back(x);
        for (std::size_t j = 0; j < family.size(); ++j) mass[j] += weights_[j][x];
      }
      members_.push_back(std::move(members));
      mass_.push_back(std::move(mass));
    }
  }
}

std::vector<std::size_t> YatracosSelector::closest(const std::vector<std::int64_t>& counts) const {
  __extension__ typedef __int128 Wide;
  const Wide n = std::accumulate(counts.begin(), counts.end(), Wide{0});
  if (n <= 0) throw std::invalid_argument("minimum distance needs a sample");
  const std::size_t candidates = weights_.size();
  std::vector<Wide> distance(candidates, 0);  // max_A |W_j(A)·n − c(A)·D|
  for (std::size_t a = 0; a < members_.size(); ++a) {
    Wide sample = 0;
    for (std::size_t x : members_[a]) sample += counts[x];
    sample *= denominator_;
    for (std::size_t j = 0; j < candidates; ++j) {
      Wide deviation = static_cast<Wide>(mass_[a][j]) * n - sample;
      if (deviation < 0) deviation = -deviation;
      if (deviation > distance[j]) distance[j] = deviation;
    }
  }
  const Wide best = *std::min_element(distance.begin(), distance.end());
  std::vector<std::size_t> out;
  for (std::size_t j = 0; j < candidates; ++j) {
    if (distance[j] == best) out.push_back(j);
  }
  return out;
}

}  // namespace elicit::experiments
