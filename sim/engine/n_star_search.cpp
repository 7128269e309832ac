#include "sim/engine/n_star_search.h"

#include "sim/engine/range_verdicts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace elicit::engine {
namespace {

using stats::Verdict;

// Stage 1: single-size verdicts, each at most once, at most K in all.
class Locator {
 public:
  Locator(const Experiment& experiment, const Rational& eps, const VerdictTests& tests,
          const NStarSearchSettings& settings, NStarSearch& result)
      : experiment_(experiment), eps_(eps), tests_(tests), settings_(settings), result_(result) {}

  // The verdict at n (by `tests`, the locating tests unless given); nullopt when the
  // budget is spent.
  std::optional<Verdict> verdict_at(std::int64_t n, const VerdictTests* tests = nullptr) {
    if (auto it = memo_.find(n); it != memo_.end()) return it->second;
    if (static_cast<int>(result_.evaluations.size()) >= settings_.max_evaluations) {
      result_.budget_exhausted = true;
      return std::nullopt;
    }
    const VerdictAt v = decide_at(experiment_, n, eps_, tests ? *tests : tests_, settings_.threads);
    memo_[n] = v.verdict;
    result_.evaluations.push_back({n, v.trials, v.failures, v.verdict});
    return v.verdict;
  }
  // The largest VIOLATED size (0: none) and the smallest evaluated size above n.
  std::int64_t largest_violated() const {
    for (auto it = memo_.rbegin(); it != memo_.rend(); ++it) {
      if (it->second == Verdict::violated) return it->first;
    }
    return 0;
  }
  std::optional<std::int64_t> next_evaluated_above(std::int64_t n) const {
    auto it = memo_.upper_bound(n);
    if (it == memo_.end()) return std::nullopt;
    return it->first;
  }

 private:
  const Experiment& experiment_;
  const Rational& eps_;
  const VerdictTests& tests_;
  const NStarSearchSettings& settings_;
  NStarSearch& result_;
  std::map<std::int64_t, Verdict> memo_;
};

std::int64_t tolerance_at(const NStarSearchSettings& settings, std::int64_t n) {
  const Rational width = settings.relative_tolerance * n;
  return std::max<std::int64_t>(1,
                                (numerator(width) / denominator(width)).convert_to<std::int64_t>());
}

// Down by halves from the top to a VIOLATED size, then bisection of the VIOLATED edge:
// the largest VIOLATED size found (0: none).
std::int64_t locate(Locator& locator, std::int64_t top, const NStarSearchSettings& settings) {
  for (std::int64_t n = top / 2; n >= 1; n /= 2) {
    const auto v = locator.verdict_at(n);
    if (!v || *v == Verdict::violated) break;
  }
  while (true) {
    const std::int64_t violated = locator.largest_violated();
    if (violated == 0) return 0;
    const std::int64_t above = locator.next_evaluated_above(violated).value_or(top);
    if (above - violated <= tolerance_at(settings, above)) return violated;
    if (!locator.verdict_at(violated + (above - violated) / 2)) return locator.largest_violated();
  }
}

// The fewest trials that would tell a size whose rate is `rate` from δ at level alpha
// (the count at that rate excluded from the confidence sequence), or 0 beyond 10^12.
std::int64_t trials_to_decide(double rate, double delta, double alpha) {
  if (rate == delta) return 0;
  auto decides = [&](std::int64_t n) {
    const auto s = static_cast<std::int64_t>(std::llround(rate * static_cast<double>(n)));
    return stats::excluded(n, s, delta, alpha);
  };
  std::int64_t high = 16;
  while (!decides(high)) {
    if (high > std::int64_t{1'000'000'000'000}) return 0;
    high *= 2;
  }
  std::int64_t low = high / 2;
  while (high - low > 1) {
    const std::int64_t mid = low + (high - low) / 2;
    (decides(mid) ? high : low) = mid;
  }
  return high;
}

// The locating stage's tests: it only has to find some VIOLATED size below n*, and every
// size above it is checked again, so a quarter of the cap does (where that cap can still
// decide HOLDS); the checking stage gets the whole cap.
VerdictTests locating_tests(const Experiment& experiment, const Rational& delta, double alpha,
                            std::int64_t cap) {
  try {
    return VerdictTests(delta, alpha, std::max<std::int64_t>(1, cap / 4),
                        experiment.failure_slack());
  } catch (const SettingError&) {
    return VerdictTests(delta, alpha, cap, experiment.failure_slack());
  }
}

// Stage 2 and the bracket read off every size of [first, top]; whether top HOLDS.
bool check_range(const Experiment& experiment, const Rational& eps, const Rational& delta,
                 std::int64_t first, std::int64_t top, const NStarSearchSettings& settings,
                 NStarSearch& result) {
  const std::int64_t sizes = top - first + 1;
  result.alpha_per_size = settings.alpha / 2 / static_cast<double>(sizes);
  const VerdictTests tests(delta, result.alpha_per_size, settings.trials,
                           experiment.failure_slack());
  const RangeVerdicts checked =
      decide_over_range(experiment, first, top, eps, tests, settings.threads);
  result.range_first = first;
  result.range_last = top;
  result.range_trials = checked.trials;
  // A size the locating stage decided counts as decided: every verdict of both stages is
  // right at once with probability >= 1 − α.
  std::map<std::int64_t, Verdict> located;
  for (const auto& e : result.evaluations) located[e.n] = e.verdict;
  auto verdict_of = [&](std::int64_t n, Verdict checked_verdict) {
    const auto it = located.find(n);
    if (checked_verdict != Verdict::inconclusive || it == located.end()) return checked_verdict;
    return it->second;
  };
  std::int64_t last_violated = 0, last_not_holding = 0, last_above = 0;
  for (std::int64_t n = first; n <= top; ++n) {
    const SizeVerdict& v = checked.at(n);
    result.range.push_back({n, v.trials, v.failures, v.verdict});
    const Verdict verdict = verdict_of(n, v.verdict);
    if (verdict == Verdict::violated) last_violated = n;
    if (verdict != Verdict::holds) last_not_holding = n;
    if (verdict == Verdict::inconclusive) ++result.undecided;
    if (Rational(v.failures, v.trials) > delta) last_above = n;
    if (v.verdict == Verdict::holds && result.first_crossing_at_most == 0)
      result.first_crossing_at_most = n;
  }
  if (last_violated > 0) result.lower = last_violated + 1;
  // A top the checks leave undecided is still an upper end when a bound proves it.
  result.upper = last_not_holding > 0 ? std::min(last_not_holding + 1, top) : first;
  result.estimate = std::clamp(last_above + 1, result.lower, result.upper);
  const bool top_holds = last_not_holding != top;
  // The bracket is wide only where sizes stayed undecided: say which and the cost.
  const std::int64_t width = result.upper - result.lower;
  if (width > tolerance_at(settings, result.upper)) {
    result.tolerance_met = false;
    const SizeVerdict& edge = checked.at(result.upper - 1);
    const double rate = static_cast<double>(edge.failures) / static_cast<double>(edge.trials);
    const std::int64_t needed = trials_to_decide(rate, to_double(delta), result.alpha_per_size);
    result.width_note = fmt::format(
        "{} of the {} sizes checked stayed undecided at the cap of {} trials (rates too close "
        "to delta to tell); the largest, n = {}, observed {}/{} = {:.4g} against delta = {}{}",
        result.undecided, sizes, settings.trials, result.upper - 1, edge.failures, edge.trials,
        rate, to_string(delta),
        needed > 0 ? fmt::format(": deciding it at that rate would need about {} trials", needed)
                   : std::string(": its observed rate equals delta"));
  }
  return top_holds;
}

}  // namespace

NStarSearch search_n_star(const Experiment& experiment, const Rational& eps, const Rational& delta,
                          const NStarSearchSettings& settings) {
  NStarSearch result;
  const bool proven =
      settings.proven_sufficient > 0 && settings.proven_sufficient <= settings.n_max;
  const std::int64_t top = proven ? settings.proven_sufficient : settings.n_max;
  result.upper_proven = proven;
  result.alpha_per_evaluation = settings.alpha / 2 / settings.max_evaluations;
  const VerdictTests tests =
      locating_tests(experiment, delta, result.alpha_per_evaluation, settings.trials);
  Locator locator(experiment, eps, tests, settings, result);
  // An unproven top must HOLD: with the whole cap, at the locating stage's level.
  const VerdictTests top_tests(delta, result.alpha_per_evaluation, settings.trials,
                               experiment.failure_slack());
  if (!proven && locator.verdict_at(top, &top_tests) != Verdict::holds) {
    throw SettingError("n_max", fmt::format("the failure rate is not shown <= delta at n = {} "
                                            "(n_max) and no bound proves a smaller size; raise "
                                            "[run] n_max",
                                            top));
  }
  const std::int64_t violated = locate(locator, top, settings);
  result.lower = violated + 1;
  const std::string above =
      proven ? fmt::format("{} = {} proves every larger size", settings.proven_by, top)
             : fmt::format(
                   "sizes above n_max = {} are not checked: this is the n* of the sizes "
                   "up to n_max",
                   top);
  if (top - violated > settings.max_range_sizes) {
    if (!proven) {
      throw SettingError(
          "n_max", fmt::format("the sizes from {} to n_max = {} are {}, more than the {} the "
                               "search checks one by one, and no bound proves a smaller size; "
                               "lower [run] n_max",
                               violated + 1, top, top - violated, settings.max_range_sizes));
    }
    result.upper = top;
    result.estimate = top;
    result.tolerance_met = false;
    result.upper_basis = fmt::format("proven sufficient by {} ({})", settings.proven_by, top);
    result.width_note = fmt::format(
        "the {} sizes from {} to {} are more than the {} checked one by one: the upper end is "
        "the proven size",
        top - violated, violated + 1, top, settings.max_range_sizes);
  } else {
    const bool top_decided =
        check_range(experiment, eps, delta, violated + 1, top, settings, result);
    result.upper_basis =
        !top_decided && result.upper == top
            ? fmt::format("proven sufficient by {} ({}); the checks left n = {} undecided",
                          settings.proven_by, top, top)
            : fmt::format("HOLDS at every size from {} to {}; {}", result.upper, top, above);
  }
  for (const auto& e : result.evaluations) {
    if (e.verdict == Verdict::violated) result.lower = std::max(result.lower, e.n + 1);
    if (e.verdict == Verdict::holds &&
        (result.first_crossing_at_most == 0 || e.n < result.first_crossing_at_most))
      result.first_crossing_at_most = e.n;
  }
  result.lower = std::min(result.lower, result.upper);
  result.estimate = std::clamp(result.estimate, result.lower, result.upper);
  result.lower_basis =
      result.lower == 1 ? std::string("n* >= 1") : fmt::format("VIOLATED at {}", result.lower - 1);
  if (proven && settings.exact_work_limit > 0) {
    if (auto curve = experiment.exact_failure_curve(eps, 1, top, settings.exact_work_limit)) {
      result.exact = ExactNStar{top, eventual_n_star(*curve, delta), first_crossing(*curve, delta)};
    }
  }
  return result;
}

}  // namespace elicit::engine
