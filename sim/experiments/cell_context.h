// Where an experiment's randomness comes from: the run's seed and the cell's index
// (DESIGN.md principle 4; the streams themselves are engine::trial_key & co.).
#pragma once

#include <cstdint>

namespace elicit::experiments {

struct CellContext {
  std::uint64_t seed = 0;
  std::uint64_t cell = 0;
};

}  // namespace elicit::experiments
