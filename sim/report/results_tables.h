// The typed results of a case (sim/results/) as the tables people read: the
// summary in Markdown and every cell as CSV, both from one table of cells so that
// the formats cannot drift apart.
//
//   std::string md = render_case_markdown(result);
//   std::string csv = render_case_csv(result);
#pragma once

#include "sim/report/table.h"
#include "sim/results/case_result.h"

#include <string>

namespace elicit::report {

// One row per cell: the grid keys, the mode's columns (those some cell has and
// that are not grid keys), then each bound (its ratio to n* in n_star mode, else
// its value); the CSV adds the replay, engine and notes, at full precision.
Table cells_table(const results::CaseResult& result, bool for_csv);

std::string render_case_markdown(const results::CaseResult& result);
std::string render_case_csv(const results::CaseResult& result);

}  // namespace elicit::report
