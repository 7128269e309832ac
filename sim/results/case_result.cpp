#include "sim/results/case_result.h"

namespace elicit::results {

std::int64_t NStarOutcome::trials_used() const {
  std::int64_t total = range_trials;
  for (const auto& e : evaluations) total += e.trials;
  return total;
}

engine::Mode CellResult::mode() const {
  if (verdict()) return engine::Mode::verdict;
  if (rate()) return engine::Mode::rate;
  if (worst_target()) return engine::Mode::worst_target;
  return engine::Mode::n_star;
}

std::optional<Rational> CellResult::parameter(const std::string& key) const {
  for (const auto& [name, value] : parameters) {
    if (name == key) return value;
  }
  return std::nullopt;
}

std::string group_label(const CellResult& cell, const std::string& x_key) {
  std::string group;
  for (const auto& [name, value] : cell.parameters) {
    if (name != x_key) group += (group.empty() ? "" : ", ") + name + "=" + to_string(value);
  }
  return group;
}

}  // namespace elicit::results
