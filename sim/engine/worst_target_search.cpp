#include "sim/engine/worst_target_search.h"

#include "sim/exact/checked_int.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <stdexcept>

namespace elicit::engine {
namespace {

using Weights = std::vector<std::int64_t>;

// A law in its canonical form: weights sorted largest first, over their sum.
targets::Distribution canonical(Weights weights, std::int64_t total) {
  std::sort(weights.begin(), weights.end(), std::greater<>());
  return {std::move(weights), total};
}

void partitions(std::int64_t left, std::int64_t largest, int parts, Weights& prefix,
                std::vector<Weights>& out) {
  if (parts == 0) {
    if (left == 0) out.push_back(prefix);
    return;
  }
  for (std::int64_t w = std::min(left, largest); w >= 0; --w) {
    if (w * parts < left) break;  // the remaining parts cannot hold the rest
    prefix.push_back(w);
    partitions(left - w, w, parts - 1, prefix, out);
    prefix.pop_back();
  }
}

class Search {
 public:
  Search(const TargetObjective& objective, const WorstTargetSettings& settings)
      : objective_(objective), settings_(settings) {}

  // The value at a law (its canonical form), evaluated once; nullopt past the budget.
  std::optional<ObjectiveValue> value_at(const targets::Distribution& law,
                                         const std::string& phase) {
    const auto key = key_of(law);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    if (static_cast<int>(result.trace.size()) >= settings_.budget) {
      result.budget_exhausted = true;
      return std::nullopt;
    }
    const ObjectiveValue value = objective_(law);
    memo_[key] = value;
    result.trace.push_back({law, value, phase});
    if (result.trace.size() == 1 || value.value > result.best_value.value) {
      result.best = law;
      result.best_value = value;
    }
    return value;
  }

  WorstTargetResult result;

 private:
  // Laws are equal when their probabilities are: compare w/total reduced.
  static std::pair<Weights, std::int64_t> key_of(const targets::Distribution& law) {
    std::int64_t g = law.total;
    for (auto w : law.weights) g = std::gcd(g, w);
    Weights reduced;
    for (auto w : law.weights) reduced.push_back(w / g);
    return {reduced, law.total / g};
  }
  const TargetObjective& objective_;
  const WorstTargetSettings& settings_;
  std::map<std::pair<Weights, std::int64_t>, ObjectiveValue> memo_;
};

}  // namespace

std::vector<targets::Distribution> simplex_grid(int symbols, std::int64_t resolution) {
  if (symbols < 1 || resolution < 1) throw std::invalid_argument("simplex_grid: bad sizes");
  std::vector<Weights> all;
  Weights prefix;
  partitions(resolution, resolution, symbols, prefix, all);
  std::vector<targets::Distribution> laws;
  laws.reserve(all.size());
  for (auto& weights : all) laws.push_back({std::move(weights), resolution});
  return laws;
}

namespace {

// The laws of the grid with their values, highest first (a spread subset of the grid
// when it is larger than half the budget).
std::vector<std::pair<double, targets::Distribution>> ranked_grid(
    Search& search, int symbols, const WorstTargetSettings& settings) {
  auto grid = simplex_grid(symbols, settings.resolution);
  const std::size_t room = static_cast<std::size_t>(std::max(1, settings.budget / 2));
  if (grid.size() > room) {
    std::vector<targets::Distribution> spread;
    spread.reserve(room);
    for (std::size_t i = 0; i < room; ++i) spread.push_back(grid[i * grid.size() / room]);
    grid = std::move(spread);
  }
  std::vector<std::pair<double, targets::Distribution>> ranked;
  for (const auto& law : grid) {
    if (auto v = search.value_at(law, fmt::format("grid, resolution {}", settings.resolution)))
      ranked.emplace_back(v->value, law);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  return ranked;
}

// Hill climbing at one resolution: moves one unit of mass from one symbol to another
// while that raises the value. False when the budget ran out.
bool climb(Search& search, Weights& current, double& current_value, std::int64_t resolution,
           const std::string& phase) {
  bool improved = true;
  while (improved) {
    improved = false;
    for (std::size_t from = 0; from < current.size() && !improved; ++from) {
      if (current[from] == 0) continue;
      for (std::size_t to = 0; to < current.size() && !improved; ++to) {
        if (to == from) continue;
        Weights moved = current;
        --moved[from];
        ++moved[to];
        const auto law = canonical(moved, resolution);
        const auto v = search.value_at(law, phase);
        if (!v) return false;
        if (v->value > current_value) {
          current = law.weights;
          current_value = v->value;
          improved = true;
        }
      }
    }
  }
  return true;
}

}  // namespace

WorstTargetResult search_worst_target(int symbols, const TargetObjective& objective,
                                      const WorstTargetSettings& settings) {
  if (symbols < 2) throw std::invalid_argument("a worst-target search needs V >= 2");
  Search search(objective, settings);
  const targets::Distribution uniform{Weights(static_cast<std::size_t>(symbols), 1), symbols};
  search.result.uniform = uniform;
  search.result.uniform_value = *search.value_at(uniform, "uniform");

  // 1. The grid (a spread subset when it is larger than half the budget).
  const auto ranked = ranked_grid(search, symbols, settings);

  // 2. Local searches: one unit of mass between two symbols, then finer.
  for (int start = 0; start < settings.starts && start < static_cast<int>(ranked.size()); ++start) {
    Weights current = ranked[static_cast<std::size_t>(start)].second.weights;
    std::int64_t resolution = settings.resolution;
    double current_value = ranked[static_cast<std::size_t>(start)].first;
    for (int level = 0; level <= settings.refinements; ++level) {
      const std::string phase = fmt::format("start {}, resolution {}", start + 1, resolution);
      if (!climb(search, current, current_value, resolution, phase)) {
        return std::move(search.result);
      }
      if (level < settings.refinements) {
        for (auto& w : current) w = checked_mul(w, 2);
        resolution = checked_mul(resolution, 2);
      }
    }
  }
  return std::move(search.result);
}

}  // namespace elicit::engine
