// Small pieces the modes share (internal to sim/cases/): a bound's size in the
// sample-size unit of its reading, the smallest size a rigorous bound proves, when a
// size is shown insufficient, the reading's sample-size key, and the level of a
// single verdict.
#pragma once

#include "sim/engine/run_settings.h"
#include "sim/readings/reading.h"
#include "theory/bound.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace elicit::cases::detail {

// The bound's value per context (T2) or as it is (the others).
double per_context(const theory::BoundRow& row);

// The smallest size a rigorous sufficient bound of the reading proves (every larger
// size too), and that bound's id; {0, ""} when none is usable.
std::pair<std::int64_t, std::string> proven_sufficient(const std::vector<theory::BoundRow>& bounds);

// Whether a paper size `value` is shown insufficient by an n* interval [lower, upper]
// that holds n* at the run's confidence: only when, rounded up (sizes are integers), it
// is below the whole interval; at `lower` itself it may be n*.
bool below_n_star_interval(double value, std::int64_t lower);

// The grid key an n* search varies.
std::string sample_key(const readings::Reading& reading);

// The largest sample size the reading's experiment takes at this cell, and why: the
// sample-size key's maximum, or the reading's own limit when smaller.
std::pair<std::int64_t, std::string> sample_size_limit(const readings::Reading& reading,
                                                       const readings::Values& grid);

// α = 1 − confidence.
double alpha_of(const engine::RunSettings& settings);

}  // namespace elicit::cases::detail
