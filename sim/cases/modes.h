// One function per mode: what a cell of a case computes (engine/mode.h), as a typed
// cell result with its bounds, replay and notes (internal to sim/cases/).
//
//   results::CellResult row = evaluate_cell(case_file, cell, settings);
#pragma once

#include "sim/cases/case_file.h"
#include "sim/results/case_result.h"

namespace elicit::cases {

// Every cell is independent: its own experiment, streams and replays.
results::CellResult evaluate_cell(const CaseFile& case_file, const Cell& cell,
                                  const engine::RunSettings& settings);

}  // namespace elicit::cases
