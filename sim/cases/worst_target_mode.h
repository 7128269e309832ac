// worst_target mode (internal to sim/cases/): for a reading whose targets form a
// simplex, the hardest law at the sample size where the uniform law last fails,
// the n* of both laws, and for V = 3 the failure probability over the simplex.
//
// The search runs at the given n (grid key), or else at the first size where the
// uniform law surely suffices (the upper end of its n*): a law that fails more often
// than δ there needs more samples than the uniform law. The uniform law is in the
// family, so the hardest target reported is never easier than it.
#pragma once

#include "sim/cases/case_file.h"
#include "sim/results/case_result.h"
#include "theory/bound.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace elicit::cases::detail {

// Fills row.outcome; returns the n at which to replay and the cell's notes.
std::pair<std::int64_t, std::vector<std::string>> evaluate_worst_target(
    const CaseFile& case_file, const Cell& cell, const readings::Values& grid,
    std::uint64_t law_digest, const std::vector<theory::BoundRow>& bounds,
    const engine::RunSettings& settings, results::CellResult& row);

}  // namespace elicit::cases::detail
