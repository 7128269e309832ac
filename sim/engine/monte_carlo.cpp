#include "sim/engine/monte_carlo.h"

#include "sim/util/smallest_good.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <functional>
#include <map>
#include <stdexcept>
#include <thread>

namespace elicit::engine {
namespace {

// Runs body(begin, end, chunk) over `count` items split into contiguous chunks.
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

}  // namespace

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
  return errors;
}

VerdictAt decide_at(const Experiment& experiment, std::int64_t n, const Rational& eps,
                    const Rational& delta, const RunSettings& settings) {
  VerdictAt result;
  result.n = n;
  std::int64_t batch = settings.trials;
  while (true) {
    result.failures += count_failures(experiment, n, eps, static_cast<std::uint64_t>(result.trials),
                                      batch, settings.threads);
    result.trials += batch;
    result.verdict =
        stats::decide_verdict(result.failures, result.trials, delta, settings.confidence);
    if (result.verdict != stats::Verdict::inconclusive || result.trials >= settings.max_trials)
      break;
    batch = std::min(result.trials, settings.max_trials - result.trials);  // double the total
  }
  result.interval =
      stats::clopper_pearson(result.failures, result.trials, to_double(settings.confidence));
  return result;
}

NStar search_n_star(const Experiment& experiment, const Rational& eps, const Rational& delta,
                    const RunSettings& settings) {
  NStar result;
  std::map<std::int64_t, std::int64_t> failures_at;  // memo: n -> failures
  auto failures = [&](std::int64_t n) {
    auto it = failures_at.find(n);
    if (it != failures_at.end()) return it->second;
    ++result.evaluations;
    return failures_at[n] =
               count_failures(experiment, n, eps, 0, settings.trials, settings.threads);
  };
  const std::int64_t trials = settings.trials;
  auto smallest = [&](auto good) {
    const auto n = smallest_good(good, settings.n_max);
    if (!n) {
      throw SettingError("n_max", fmt::format("the failure rate is still above delta at n = {} "
                                              "(n_max); raise [run] n_max",
                                              settings.n_max));
    }
    return *n;
  };
  result.estimate =
      smallest([&](std::int64_t n) { return Rational(failures(n), trials) <= delta; });
  result.lower = smallest([&](std::int64_t n) {
    return stats::decide_verdict(failures(n), trials, delta, settings.confidence) !=
           stats::Verdict::violated;
  });
  result.upper = smallest([&](std::int64_t n) {
    return stats::decide_verdict(failures(n), trials, delta, settings.confidence) ==
           stats::Verdict::holds;
  });
  return result;
}

}  // namespace elicit::engine
