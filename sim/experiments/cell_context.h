// Where an experiment's randomness comes from (docs/design.md principle 4; the streams
// themselves are engine::trial_key & co.): the run's seed, the cell's index for the
// trials, and a digest of what defines the fine-tuned model for the target, so that
// cells along a swept axis (n, eps, delta) share one target law.
#pragma once

#include <cstdint>

namespace elicit::experiments {

struct CellContext {
  std::uint64_t seed = 0;
  std::uint64_t cell = 0;
  std::uint64_t law = 0;  // readings::law_digest of the cell
};

}  // namespace elicit::experiments
