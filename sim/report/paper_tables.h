// The tables of a case as a paper prints them (tables/*.tex and tables/*.md of a
// results folder): the cells with the columns a paper needs, and the scaling fits.
// Fixed parameters go to the caption and varying ones are columns, so a table is
// as narrow as its question; numbers carry sensible significant digits.
//
//   n_star:  parameters | n* [interval] | each paper size / n* | tightest rigorous / n*
//            | the paper size in words (suffices, too small, undecided)
//   verdict: parameters | n | failures / trials | failure rate [confidence sequence]
//            | verdict | the exact facts at n
//   rate:    parameters | trials | mean error | (1 − δ)-quantile error
//
//   for (const PaperTable& t : case_tables(result)) write(t.label, render_latex(t));
#pragma once

#include "sim/report/paper_table.h"
#include "sim/results/case_result.h"

#include <string>
#include <vector>

namespace elicit::report {

// The cells' table, then the fits' table when the case has fits.
std::vector<PaperTable> case_tables(const results::CaseResult& result);

// Assignments written "delta=1/20, eps=1/4" (a fit's group, a bounds section's
// parameters) as a paper writes them: "δ = 0.05, ε = 0.25".
Text assignments_text(const std::string& assignments);

// The file stem of a table: "t2_vocab" for the cells, "t2_vocab_fits" for the fits.
std::string table_file_stem(const results::CaseResult& result, const PaperTable& table);

}  // namespace elicit::report
