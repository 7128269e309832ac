// The scaling fits of a case: the log-log slope of n* (n_star mode) or of the mean
// error (rate mode) against the [fit] key, per group of cells that agree on every
// other grid key (internal to sim/cases/).
#pragma once

#include "sim/cases/case_file.h"
#include "sim/results/case_result.h"

#include <vector>

namespace elicit::cases {

std::vector<results::SlopeFitResult> scaling_fits(const CaseFile& case_file,
                                                  const std::vector<results::CellResult>& cells,
                                                  double confidence);

}  // namespace elicit::cases
