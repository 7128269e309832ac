#include "sim/engine/monte_carlo.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <functional>
#include <map>
#include <stdexcept>
#include <thread>

namespace elicit::engine {
namespace {

thread_local const TrialObserver* current_observer = nullptr;

}  // namespace

namespace detail {

void parallel_chunks(std::int64_t count, int threads,
                     const std::function<void(std::int64_t, std::int64_t, int)>& body) {
  const int workers =
      static_cast<int>(std::max<std::int64_t>(1, std::min<std::int64_t>(threads, count)));
  if (workers == 1) {
    body(0, count, 0);
    return;
  }
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  for (int w = 0; w < workers; ++w) {
    const std::int64_t begin = count * w / workers, end = count * (w + 1) / workers;
    pool.emplace_back([&, begin, end, w] {
      try {
        body(begin, end, w);
      } catch (...) {
        errors[static_cast<std::size_t>(w)] = std::current_exception();
      }
    });
  }
  for (auto& t : pool) t.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

void tell_observer(std::int64_t n, std::int64_t trials) {
  if (current_observer && *current_observer) (*current_observer)(n, trials);
}

}  // namespace detail

using detail::parallel_chunks;
using detail::tell_observer;

ScopedTrialObserver::ScopedTrialObserver(TrialObserver observer)
    : observer_(std::move(observer)), previous_(current_observer) {
  current_observer = &observer_;
}

ScopedTrialObserver::~ScopedTrialObserver() { current_observer = previous_; }

std::int64_t count_failures(const Experiment& experiment, std::int64_t n, const Rational& eps,
                            std::uint64_t first, std::int64_t count, int threads) {
  std::vector<std::int64_t> per_worker(static_cast<std::size_t>(std::max(threads, 1)), 0);
  parallel_chunks(count, threads, [&](std::int64_t begin, std::int64_t end, int worker) {
    std::int64_t failures = 0;
    for (std::int64_t t = begin; t < end; ++t) {
      failures += experiment.fails(n, first + static_cast<std::uint64_t>(t), eps) ? 1 : 0;
    }
    per_worker[static_cast<std::size_t>(worker)] = failures;
  });
  tell_observer(n, count);
  std::int64_t total = 0;
  for (auto f : per_worker) total += f;
  return total;
}

std::vector<Rational> trial_errors(const Experiment& experiment, std::int64_t n, std::int64_t count,
                                   int threads) {
  std::vector<Rational> errors(static_cast<std::size_t>(count));
  parallel_chunks(count, threads, [&](std::int64_t begin, std::int64_t end, int) {
    for (std::int64_t t = begin; t < end; ++t)
      errors[static_cast<std::size_t>(t)] = experiment.error(n, static_cast<std::uint64_t>(t));
  });
  tell_observer(n, count);
  return errors;
}

std::vector<TrialFailure> trial_failures(const Experiment& experiment, std::int64_t n,
                                         const Rational& eps, std::uint64_t first,
                                         std::int64_t count, int threads) {
  std::vector<TrialFailure> failed(static_cast<std::size_t>(count));
  parallel_chunks(count, threads, [&](std::int64_t begin, std::int64_t end, int) {
    for (std::int64_t t = begin; t < end; ++t) {
      failed[static_cast<std::size_t>(t)] =
          experiment.bracketed_failure(n, first + static_cast<std::uint64_t>(t), eps);
    }
  });
  tell_observer(n, count);
  return failed;
}

std::vector<NamedValue> combined_trial_facts(const Experiment& experiment, std::int64_t n,
                                             std::int64_t count, int threads) {
  if (count < 1 || experiment.trial_facts(n, 0).empty()) return {};
  // Per worker, then across workers: sums and maxima do not depend on the split.
  std::vector<std::vector<TrialFact>> per_worker(static_cast<std::size_t>(std::max(threads, 1)));
  parallel_chunks(count, threads, [&](std::int64_t begin, std::int64_t end, int worker) {
    auto& combined = per_worker[static_cast<std::size_t>(worker)];
    for (std::int64_t t = begin; t < end; ++t) {
      auto facts = experiment.trial_facts(n, static_cast<std::uint64_t>(t));
      if (combined.empty()) {
        combined = std::move(facts);
        continue;
      }
      if (facts.size() != combined.size())
        throw std::logic_error("trial_facts: trials name different facts");
      for (std::size_t i = 0; i < facts.size(); ++i) {
        if (combined[i].summed) {
          combined[i].value += facts[i].value;
        } else {
          combined[i].value = std::max(combined[i].value, facts[i].value);
        }
      }
    }
  });
  std::vector<NamedValue> out;
  for (const auto& worker : per_worker) {
    for (std::size_t i = 0; i < worker.size(); ++i) {
      if (out.size() <= i) {
        out.push_back({worker[i].name, worker[i].value});
      } else if (worker[i].summed) {
        out[i].value += worker[i].value;
      } else {
        out[i].value = std::max(out[i].value, worker[i].value);
      }
    }
  }
  return out;
}

VerdictTests::VerdictTests(const Rational& delta, double alpha, std::int64_t cap, double slack) {
  if (!(slack >= 0)) throw std::invalid_argument("VerdictTests: negative slack");
  const Rational beta(slack);  // exact: the double's own value
  if (beta >= delta || delta + beta >= 1)
    throw std::invalid_argument("VerdictTests: the failure slack leaves no room around delta");
  holds_ = std::make_unique<stats::SequentialTest>(delta - beta, alpha, cap);
  if (beta > 0) violated_ = std::make_unique<stats::SequentialTest>(delta + beta, alpha, cap);
  if (!holds_->fewest_trials_to_hold()) {
    std::int64_t needed = cap;
    while (!stats::excluded(needed, 0, to_double(delta - beta), alpha)) needed += needed / 4 + 1;
    throw SettingError(
        "trials", fmt::format("{} trials cannot show a failure rate <= delta = {} at level {:.3g} "
                              "(even with no failure); at least {} are needed",
                              cap, to_string(delta), alpha, needed));
  }
}

VerdictAt decide_at(const Experiment& experiment, std::int64_t n, const Rational& eps,
                    const VerdictTests& tests, int threads) {
  VerdictAt result;
  result.n = n;
  // Small batches first, so that a clear cell stops after tens of trials; larger
  // ones while it stays open, so that threads have work. Batching changes only
  // how many trials are computed, never which trial decides.
  const std::int64_t workers = std::max(threads, 1);  // int64: no int product to overflow
  std::int64_t batch = 16 * workers;
  const std::int64_t largest = 4096 * workers;
  const std::int64_t cap = tests.cap();
  auto decided = [&] {
    if (tests.holds().decide(result.trials, result.possible_failures) == stats::Verdict::holds)
      return stats::Verdict::holds;
    if (tests.violated().decide(result.trials, result.failures) == stats::Verdict::violated)
      return stats::Verdict::violated;
    return stats::Verdict::inconclusive;
  };
  while (result.trials < cap && result.verdict == stats::Verdict::inconclusive) {
    const std::int64_t count = std::min(batch, cap - result.trials);
    const auto failed = trial_failures(experiment, n, eps,
                                       static_cast<std::uint64_t>(result.trials), count, threads);
    for (const TrialFailure& f : failed) {
      ++result.trials;
      result.failures += f.surely ? 1 : 0;
      result.possible_failures += f.possibly ? 1 : 0;
      result.verdict = decided();
      if (result.verdict != stats::Verdict::inconclusive) break;
    }
    batch = std::min(2 * batch, largest);
  }
  const auto low = tests.violated().interval(result.trials, result.failures);
  const auto high = tests.holds().interval(result.trials, result.possible_failures);
  result.interval = {low.lower, high.upper};
  return result;
}

}  // namespace elicit::engine
