// Internal to the reading registry (registry.cpp, registry_classification.cpp): the
// key rules several rows share, and the rows defined in their own file.
#pragma once

#include "sim/readings/reading.h"

#include <cstdint>
#include <set>
#include <string>

namespace elicit::readings::detail {

inline constexpr std::int64_t kMaxSampleSize = std::int64_t{1} << 53;  // exact in a double

// The modes that compare errors with eps.
inline const std::set<engine::Mode> kTestedModes = {engine::Mode::n_star, engine::Mode::verdict,
                                                    engine::Mode::worst_target};

// 0 < eps < the metric's maximum, needed where errors are compared with eps.
KeyRule eps_key(theory::Metric metric);
// 0 < delta < 1, always needed.
KeyRule delta_key();
// The size an n* search varies: needed in verdict and rate modes; 1 <= key <= maximum.
KeyRule sample_size_key(std::string key, std::string meaning,
                        std::int64_t maximum = kMaxSampleSize);
// key > 0, exact.
KeyRule positive_number_key(std::string key, std::string meaning);

// The rows of registry_classification.cpp.
Reading halfspace_reading();       // T3/0-1-realizable
Reading support_subset_reading();  // T3/subset-max-margin
Reading label_mean_reading();      // T4/soft-label-mean
Reading gd_exactness_reading();    // T1/gd-exact

}  // namespace elicit::readings::detail
