#include "sim/engine/range_verdicts.h"

#include <algorithm>
#include <stdexcept>

namespace elicit::engine {
namespace {

// A batch of trials holds at most this many (trial, size) failures in memory: 512 KiB, so
// that a batch written by the workers is still in cache when the verdicts read it.
constexpr std::int64_t kBatchEntries = std::int64_t{1} << 18;

}  // namespace

RangeVerdicts decide_over_range(const Experiment& experiment, std::int64_t first, std::int64_t last,
                                const Rational& eps, const VerdictTests& tests, int threads) {
  if (first < 1 || last < first) throw std::invalid_argument("decide_over_range: empty range");
  RangeVerdicts result;
  result.first = first;
  result.last = last;
  result.sizes.resize(static_cast<std::size_t>(last - first + 1));
  // The sizes still open, in increasing order; each trial updates only these.
  std::vector<std::int64_t> open(result.sizes.size());
  for (std::size_t i = 0; i < open.size(); ++i) open[i] = static_cast<std::int64_t>(i);
  const std::int64_t workers = std::max(threads, 1);
  const std::int64_t cap = tests.cap();
  std::int64_t batch = 16 * workers;
  while (result.trials < cap && !open.empty()) {
    // A trial need not grow its dataset past the largest open size; entries below it are
    // the same whatever the range asked (Experiment::failures_over), so batching never
    // changes a verdict.
    const std::int64_t top = first + open.back();
    const std::int64_t width = top - first + 1;
    const std::int64_t largest = std::max<std::int64_t>(workers, kBatchEntries / width);
    const std::int64_t count = std::min({batch, largest, cap - result.trials});
    std::vector<std::vector<TrialFailure>> failed(static_cast<std::size_t>(count));
    const bool nested = experiment.nested();
    detail::parallel_chunks(count, threads, [&](std::int64_t begin, std::int64_t end, int) {
      for (std::int64_t t = begin; t < end; ++t) {
        const auto trial = static_cast<std::uint64_t>(result.trials + t);
        auto& out = failed[static_cast<std::size_t>(t)];
        if (nested) {
          out = experiment.failures_over(first, top, trial, eps);
          continue;
        }
        // Drawn afresh at each size: only the open sizes are worth drawing.
        out.resize(static_cast<std::size_t>(width));
        for (const std::int64_t index : open)
          out[static_cast<std::size_t>(index)] =
              experiment.bracketed_failure(first + index, trial, eps);
      }
    });
    detail::tell_observer(top, count);
    result.size_trials += count * (nested ? width : static_cast<std::int64_t>(open.size()));
    for (const auto& trial : failed) {
      ++result.trials;
      // Every open size has looked at the same number of trials: one pair of boundaries
      // (SequentialTest::decide's) serves them all.
      const std::int64_t holds_at_most = tests.holds().holds_at_most(result.trials);
      const std::int64_t violated_from = tests.violated().violated_from(result.trials);
      std::size_t kept = 0;
      for (const std::int64_t index : open) {
        SizeVerdict& size = result.sizes[static_cast<std::size_t>(index)];
        const TrialFailure f = trial[static_cast<std::size_t>(index)];
        size.trials = result.trials;
        size.failures += f.surely ? 1 : 0;
        size.possible_failures += f.possibly ? 1 : 0;
        if (size.possible_failures <= holds_at_most) {
          size.verdict = stats::Verdict::holds;
        } else if (size.failures >= violated_from) {
          size.verdict = stats::Verdict::violated;
        } else {
          open[kept++] = index;
        }
      }
      open.resize(kept);
      if (open.empty()) break;
    }
    batch = std::min(2 * batch, 4096 * workers);
  }
  return result;
}

}  // namespace elicit::engine
