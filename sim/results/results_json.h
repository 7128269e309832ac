// results.json and the journal's rows: the typed results (case_result.h) as JSON,
// and read back from it (for --resume and for re-rendering a results folder).
// Exact values are written both as a fraction and as a decimal. The run's manifest
// has its own document (manifest.json), so that results.json holds results only.
//
//   nlohmann::ordered_json j = to_json(case_result);
//   CaseResult again = case_result_from_json(j);   // throws FormatError naming the field
#pragma once

#include "sim/results/case_result.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace elicit::results {

// JSON that is not a results document (a hand-edited or truncated file): the
// message names the field at fault.
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

nlohmann::ordered_json to_json(const CellResult& cell);
nlohmann::ordered_json to_json(const CaseResult& result);
nlohmann::ordered_json settings_json(const engine::RunSettings& settings);
nlohmann::ordered_json to_json(const RunManifest& manifest);
RunManifest manifest_from_json(const nlohmann::ordered_json& object);

CellResult cell_result_from_json(const nlohmann::ordered_json& row, engine::Mode mode);
CaseResult case_result_from_json(const nlohmann::ordered_json& document);

}  // namespace elicit::results
