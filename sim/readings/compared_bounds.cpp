#include "sim/readings/reading.h"

namespace elicit::readings {

std::vector<const theory::Bound*> compared_bounds(const Reading& reading) {
  std::vector<const theory::Bound*> out;
  if (!reading.bound_theorem) return out;
  for (const auto& bound : theory::bounds_of(*reading.bound_theorem)) {
    if (bound.reading == reading.bound_reading || theory::is_paper(bound.kind))
      out.push_back(&bound);
  }
  return out;
}

std::vector<theory::BoundRow> evaluate_compared_bounds(const Reading& reading, const Values& grid) {
  if (!reading.bound_theorem) return {};
  const theory::Theorem theorem = *reading.bound_theorem;
  theory::Parameters parameters;
  for (theory::Param param : theory::required_params(theorem)) {
    const std::string key(theory::param_name(param));
    if (!grid.has(key)) return {};
    parameters.set(param, grid.number(key));
  }
  for (theory::Param param : theory::optional_params(theorem)) {
    const std::string key(theory::param_name(param));
    if (grid.has(key)) parameters.set(param, grid.number(key));
  }
  std::vector<theory::BoundRow> rows;
  for (auto& row : theory::evaluate_bounds(theorem, theory::validate(theorem, parameters))) {
    if (row.bound->reading == reading.bound_reading || theory::is_paper(row.bound->kind))
      rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace elicit::readings
