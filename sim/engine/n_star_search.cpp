#include "sim/engine/n_star_search.h"

#include "sim/engine/monte_carlo.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace elicit::engine {
namespace {

using stats::Verdict;

class Search {
 public:
  Search(const Experiment& experiment, const Rational& eps, const VerdictTests& tests,
         const NStarSearchSettings& settings)
      : experiment_(experiment), eps_(eps), tests_(tests), settings_(settings) {}

  // The verdict at n, evaluated once; nullopt when the budget is spent.
  std::optional<Verdict> verdict_at(std::int64_t n) {
    if (auto it = memo_.find(n); it != memo_.end()) return it->second.verdict;
    if (static_cast<int>(result.evaluations.size()) >= settings_.max_evaluations) {
      result.budget_exhausted = true;
      return std::nullopt;
    }
    const VerdictAt v = decide_at(experiment_, n, eps_, tests_, settings_.threads);
    const Evaluation e{n, v.trials, v.failures, v.verdict};
    memo_[n] = e;
    result.evaluations.push_back(e);
    return e.verdict;
  }

  // The largest VIOLATED size (0: none), the largest not HOLDS (0: none), and the
  // smallest evaluated size above a given one.
  std::int64_t largest_violated() const {
    return largest_where([](Verdict v) { return v == Verdict::violated; });
  }
  std::int64_t largest_not_holding() const {
    return largest_where([](Verdict v) { return v != Verdict::holds; });
  }
  std::optional<std::int64_t> next_evaluated_above(std::int64_t n) const {
    auto it = memo_.upper_bound(n);
    if (it == memo_.end()) return std::nullopt;
    return it->first;
  }

  const std::map<std::int64_t, Evaluation>& memo() const { return memo_; }
  NStarSearch result;

 private:
  template <class Predicate>
  std::int64_t largest_where(Predicate predicate) const {
    for (auto it = memo_.rbegin(); it != memo_.rend(); ++it) {
      if (predicate(it->second.verdict)) return it->first;
    }
    return 0;
  }
  const Experiment& experiment_;
  const Rational& eps_;
  const VerdictTests& tests_;
  const NStarSearchSettings& settings_;
  std::map<std::int64_t, Evaluation> memo_;
};

std::int64_t tolerance_at(const NStarSearchSettings& settings, std::int64_t n) {
  const Rational width = settings.relative_tolerance * n;
  return std::max<std::int64_t>(1,
                                (numerator(width) / denominator(width)).convert_to<std::int64_t>());
}

}  // namespace

NStarSearch search_n_star(const Experiment& experiment, const Rational& eps, const Rational& delta,
                          const VerdictTests& tests, const NStarSearchSettings& settings) {
  Search search(experiment, eps, tests, settings);
  const bool proven =
      settings.proven_sufficient > 0 && settings.proven_sufficient <= settings.n_max;
  const std::int64_t top = proven ? settings.proven_sufficient : settings.n_max;
  if (!proven && search.verdict_at(top) != Verdict::holds) {
    throw SettingError("n_max", fmt::format("the failure rate is not shown <= delta at n = {} "
                                            "(n_max) and no bound proves a smaller size; raise "
                                            "[run] n_max",
                                            top));
  }
  // Down by halves from the top to a VIOLATED size (or to 1).
  for (std::int64_t n = top / 2; n >= 1; n /= 2) {
    const auto v = search.verdict_at(n);
    if (!v || *v == Verdict::violated) break;
    if (n == 1) break;
  }
  // Bisect the VIOLATED edge and the HOLDS edge until both are within tolerance.
  while (true) {
    const std::int64_t violated = search.largest_violated();
    const std::int64_t not_holding = search.largest_not_holding();
    const std::int64_t above_violated = search.next_evaluated_above(violated).value_or(top);
    const std::int64_t holds = search.next_evaluated_above(not_holding).value_or(top);
    std::optional<std::int64_t> next;
    if (above_violated - violated > tolerance_at(settings, above_violated)) {
      next = violated + (above_violated - violated) / 2;
    } else if (not_holding > 0 && holds - not_holding > tolerance_at(settings, holds)) {
      next = not_holding + (holds - not_holding) / 2;
    }
    if (!next || !search.verdict_at(*next)) break;
  }
  NStarSearch result = std::move(search.result);
  const std::int64_t violated = search.largest_violated();
  const std::int64_t not_holding = search.largest_not_holding();
  result.lower = violated + 1;
  const auto holds = search.next_evaluated_above(not_holding);
  result.upper = holds.value_or(top);
  result.upper_proven = !holds && proven;
  result.upper_basis =
      result.upper_proven
          ? fmt::format("proven sufficient by {}", settings.proven_by)
          : fmt::format(
                "HOLDS at {} and at every evaluated size above; sizes between "
                "evaluations assumed <= delta{}",
                result.upper,
                proven ? fmt::format(" up to {} ({} proves the rest)", top, settings.proven_by)
                       : std::string());
  // The point estimate: just above the last size whose observed rate exceeds δ.
  std::int64_t last_above = 0;
  for (const auto& [n, e] : search.memo()) {
    if (Rational(e.failures, e.trials) > delta) last_above = n;
  }
  result.estimate = std::clamp(last_above + 1, result.lower, result.upper);
  return result;
}

}  // namespace elicit::engine
