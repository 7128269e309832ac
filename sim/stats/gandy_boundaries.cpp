#include "sim/stats/gandy_boundaries.h"

#include <limits>
#include <stdexcept>
#include <vector>

namespace elicit::stats {

GandyBoundaries gandy_boundaries(const Rational& delta, double risk, std::int64_t max_trials,
                                 double k) {
  if (delta <= 0 || delta >= 1)
    throw std::invalid_argument("gandy_boundaries: delta not in (0, 1)");
  if (!(risk > 0 && risk < 0.5))
    throw std::invalid_argument("gandy_boundaries: risk not in (0, 1/2)");
  if (!(k > 0)) throw std::invalid_argument("gandy_boundaries: k <= 0");
  if (max_trials < 1) throw std::invalid_argument("gandy_boundaries: max_trials < 1");
  const double d = to_double(delta);
  GandyBoundaries result;
  StoppingRule& rule = result.rule;
  rule.holds_at_most.reserve(static_cast<std::size_t>(max_trials));
  rule.violated_from.reserve(static_cast<std::size_t>(max_trials));
  // mass[i]: P_δ(τ > n, S_n = low + i), the counts not yet stopped after trial n.
  std::vector<double> mass = {1.0}, next;
  std::int64_t low = 0;
  double& spent_up = result.spent_violated;
  double& spent_down = result.spent_holds;
  for (std::int64_t n = 1; n <= max_trials; ++n) {
    // One more trial at p = δ: counts low … low + mass.size().
    next.assign(mass.size() + 1, 0.0);
    for (std::size_t i = 0; i < mass.size(); ++i) {
      next[i] += mass[i] * (1 - d);
      next[i + 1] += mass[i] * d;
    }
    const auto nd = static_cast<double>(n);
    // Each trial adds at most a few roundings (of relative size DBL_EPSILON / 2) to
    // every mass and to the running sums of what stopped, so spending against a budget
    // smaller by 4 n DBL_EPSILON (and 1e-14 for ε_n itself) never spends more than ε_n.
    const double budget =
        risk * nd / (nd + k) * (1 - 4 * nd * std::numeric_limits<double>::epsilon() - 1e-14);
    // U_n: stop the top counts, from the highest down, while the total stays in budget;
    // L_n: the same from the bottom up, among the counts the top left running. Under
    // p = δ at most 2ε < 1 of the mass ever stops, so some count always keeps running
    // (bottom < top) and the two boundaries never meet.
    std::size_t top = next.size();  // next[top …] stop at the upper boundary
    while (top > 0 && spent_up + next[top - 1] <= budget) spent_up += next[--top];
    std::size_t bottom = 0;  // next[… bottom) stop at the lower boundary
    while (bottom < top && spent_down + next[bottom] <= budget) spent_down += next[bottom++];
    rule.violated_from.push_back(low + static_cast<std::int64_t>(top));
    rule.holds_at_most.push_back(low + static_cast<std::int64_t>(bottom) - 1);
    mass.assign(next.begin() + static_cast<std::ptrdiff_t>(bottom),
                next.begin() + static_cast<std::ptrdiff_t>(top));
    low += static_cast<std::int64_t>(bottom);
  }
  return result;
}

}  // namespace elicit::stats
