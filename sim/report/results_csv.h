// results.csv: one row per cell for scripts (pandas, R, a spreadsheet), at full
// precision. Every column name is an identifier (letters, digits, underscores);
// every numeric column holds plain decimals, with the exact fraction of an exact
// value in a companion column ending in "_exact" (eps = 0.2, eps_exact = 1/5);
// flags are 0 or 1. docs/results.md documents each column.
//
//   cell, <key>, <key>_exact (each grid key), target, target_digest,
//   the mode's columns, bound_<id> (each bound's value per context),
//   ratio_<id>, ratio_<id>_lower, ratio_<id>_upper (n_star mode),
//   tightest_sufficient, ratio_tightest_sufficient[_lower|_upper] (n_star mode),
//   replay, engine, notes
//
//   std::string csv = render_results_csv(result);
#pragma once

#include "sim/results/case_result.h"

#include <string>
#include <string_view>

namespace elicit::report {

std::string render_results_csv(const results::CaseResult& result);

// A bound id as part of a column name: "T2/paper-a2-literal" -> "t2_paper_a2_literal".
std::string column_identifier(std::string_view text);

}  // namespace elicit::report
