// report.html: one self-contained page (no script, no network: styles and figures
// inline) for a case or a whole suite. It opens with a one-screen summary — per
// theorem, each case's verdicts and headline ratios or slopes — then gives each
// case a section: what it checks and how to read it (reading_guide.h), its tables,
// its figures as inline SVG, its findings and notes, and the manifest of the run.
//
//   ReportPage page{"elicit: the paper case suite", {{&result, tables, plots}}};
//   write_file_atomically("results/paper/report.html", render_html_report(page));
#pragma once

#include "sim/report/paper_table.h"
#include "sim/results/case_result.h"

#include <string>
#include <vector>

namespace elicit::report {

struct ReportFigure {
  std::string name;     // the plot's file stem
  std::string title;    // its title
  std::string caption;  // one sentence under it
  std::string svg;      // the drawn SVG, or "" when gnuplot could not draw it
  std::string files;    // where its .gp/.dat/.svg/.pdf are, relative to the page
};

struct ReportCase {
  const results::CaseResult* result = nullptr;
  std::vector<PaperTable> tables;
  std::vector<ReportFigure> figures;
  std::string folder;  // the case's results folder, relative to the page ("" for its own)
};

struct ReportPage {
  std::string title;
  std::vector<ReportCase> cases;
  std::string plots_problem;  // why figures are missing, if they are
};

std::string render_html_report(const ReportPage& page);

// The one-line headline of a case for the summary: its verdicts, or its n* range,
// headline ratios and slopes, or its rate slopes.
std::string case_headline(const results::CaseResult& result);

}  // namespace elicit::report
