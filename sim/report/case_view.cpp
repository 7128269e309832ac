#include "sim/report/case_view.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace elicit::report {

CaseView view_of(const results::CaseResult& result) {
  CaseView view;
  view.reading = readings::find_reading(result.reading);
  if (!result.cells.empty()) {
    for (const auto& [key, value] : result.cells[0].parameters) view.keys.push_back(key);
  }
  for (const auto& key : view.keys) {
    std::set<std::string> values;
    for (const auto& cell : result.cells) {
      if (auto value = cell.parameter(key)) values.insert(to_string(*value));
    }
    (values.size() > 1 ? view.varying : view.constant).push_back(key);
  }
  for (const auto& cell : result.cells) {
    if (cell.target != result.cells[0].target) view.one_target = false;
  }
  if (view.reading) {
    for (const auto& rule : view.reading->grid) {
      if (rule.sample_size) {
        view.sample_key = rule.key;
        view.sample_meaning = rule.meaning;
      }
    }
  }
  return view;
}

std::string key_meaning(const CaseView& view, const std::string& key) {
  if (!view.reading) return "";
  const auto* rule = view.reading->grid_rule(key);
  return rule ? rule->meaning : "";
}

std::string group_of(const results::CellResult& cell, const std::string& key) {
  return results::group_label(cell, key);
}

const results::BoundComparison* tightest_sufficient(const results::CellResult& cell) {
  const results::BoundComparison* best = nullptr;
  for (const auto& bound : cell.bounds) {
    if (bound.kind != theory::BoundKind::sufficient || !std::isfinite(bound.value) ||
        !bound.caveat.empty())
      continue;
    if (!best || bound.value < best->value) best = &bound;
  }
  return best;
}

SizeVerdict size_verdict(double size, const results::NStarOutcome& n_star) {
  const double rounded = std::ceil(size);
  if (rounded < static_cast<double>(n_star.lower)) return SizeVerdict::insufficient;
  if (rounded >= static_cast<double>(n_star.upper)) return SizeVerdict::sufficient;
  return SizeVerdict::inside;
}

std::string size_verdict_word(SizeVerdict verdict) {
  switch (verdict) {
    case SizeVerdict::insufficient:
      return "too small";
    case SizeVerdict::inside:
      return "undecided";
    case SizeVerdict::sufficient:
      return "suffices";
  }
  return "";
}

std::optional<FitAxis> fit_axis(const CaseView& view, const std::string& label) {
  for (const auto& key : view.keys) {
    for (const auto& [scale, name] : stats::kFitScaleNames) {
      if (stats::scaled_label(scale, key) == label) return FitAxis{key, scale};
    }
  }
  return std::nullopt;
}

double axis_value(const results::CellResult& cell, const FitAxis& axis) {
  const auto value = cell.parameter(axis.key);
  return value ? stats::scaled_value(axis.scale, to_double(*value)) : std::nan("");
}

const results::SlopeFitResult* find_fit(const results::CaseResult& result, const FitAxis& axis,
                                        const std::string& group) {
  const std::string label = stats::scaled_label(axis.scale, axis.key);
  for (const auto& fit : result.fits) {
    if (fit.x == label && fit.group == group) return &fit;
  }
  return nullptr;
}

}  // namespace elicit::report
