// `elicit report DIR`: renders a results folder again from its results.json (and
// the run's manifest.json, shown in the report) —
// results.csv, summary.md, manifest.json, tables/, plots/ and report.html — without
// rerunning anything (after an elicit update, or to redraw the figures). A suite's
// folder (with index.json) is rendered case by case, then its own page.
//
//   elicit report results/paper
#pragma once

#include <CLI/CLI.hpp>

namespace elicit::cli {

void add_report_command(CLI::App& app);

}  // namespace elicit::cli
