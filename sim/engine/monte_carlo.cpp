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

std::vector<char> trial_failures(const Experiment& experiment, std::int64_t n, const Rational& eps,
                                 std::uint64_t first, std::int64_t count, int threads) {
  std::vector<char> failed(static_cast<std::size_t>(count), 0);
  parallel_chunks(count, threads, [&](std::int64_t begin, std::int64_t end, int) {
    for (std::int64_t t = begin; t < end; ++t) {
      failed[static_cast<std::size_t>(t)] =
          experiment.fails(n, first + static_cast<std::uint64_t>(t), eps) ? 1 : 0;
    }
  });
  return failed;
}

VerdictAt decide_at(const Experiment& experiment, std::int64_t n, const Rational& eps,
                    const stats::SequentialTest& test, int threads) {
  VerdictAt result;
  result.n = n;
  // Small batches first, so that a clear cell stops after tens of trials; larger
  // ones while it stays open, so that threads have work. Batching changes only
  // how many trials are computed, never which trial decides.
  const std::int64_t workers = std::max(threads, 1);  // int64: no int product to overflow
  std::int64_t batch = 16 * workers;
  const std::int64_t largest = 4096 * workers;
  while (result.trials < test.max_trials()) {
    const std::int64_t count = std::min(batch, test.max_trials() - result.trials);
    const auto failed = trial_failures(experiment, n, eps,
                                       static_cast<std::uint64_t>(result.trials), count, threads);
    for (char f : failed) {
      ++result.trials;
      result.failures += f;
      result.verdict = test.decide(result.trials, result.failures);
      if (result.verdict != stats::Verdict::inconclusive) break;
    }
    if (result.verdict != stats::Verdict::inconclusive) break;
    batch = std::min(2 * batch, largest);
  }
  result.interval = test.interval(result.trials, result.failures);
  return result;
}

}  // namespace elicit::engine
