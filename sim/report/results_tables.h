// The typed results of a case (sim/results/) as the summary people read in a
// terminal (summary.md, and what `elicit run` prints): every cell with its
// parameters, its mode's columns and each bound, the fits, and the notes. The
// machine-readable CSV is results_csv.h; the paper's tables are paper_tables.h.
//
//   std::string md = render_case_markdown(result);
#pragma once

#include "sim/report/table.h"
#include "sim/results/case_result.h"

#include <string>

namespace elicit::report {

// One row per cell: the grid keys, the mode's columns (those some cell has and
// that are not grid keys), then each bound (its ratio to n* in n_star mode, else
// its value), with 3 to 4 significant digits.
Table cells_table(const results::CaseResult& result);

std::string render_case_markdown(const results::CaseResult& result);

}  // namespace elicit::report
