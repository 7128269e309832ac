#include "sim/cases/fits.h"

#include "sim/stats/loglog_fit.h"

#include <cmath>
#include <map>

namespace elicit::cases {

std::vector<results::SlopeFitResult> scaling_fits(const CaseFile& c,
                                                  const std::vector<results::CellResult>& cells,
                                                  double confidence) {
  std::vector<results::SlopeFitResult> fits;
  if (!c.fit || c.mode == engine::Mode::verdict) return fits;
  const bool n_star = c.mode == engine::Mode::n_star;
  struct Points {
    std::vector<double> x, y, y_lower, y_upper;
  };
  std::map<std::string, Points> groups;
  for (const auto& cell : cells) {
    const std::string group = results::group_label(cell, c.fit->x);
    auto& points = groups[group];
    points.x.push_back(c.fit->transform(to_double(*cell.parameter(c.fit->x))));
    if (n_star) {
      const auto* s = cell.n_star();
      // The exact n*, where the dynamic program decided it, is a point; else the bracket.
      const bool exact = s->exact && s->exact->decided();
      const auto lower = static_cast<double>(exact ? s->estimate : s->lower);
      const auto upper = static_cast<double>(exact ? s->estimate : s->upper);
      points.y.push_back(std::sqrt(lower * upper));
      points.y_lower.push_back(lower);
      points.y_upper.push_back(upper);
    } else {
      points.y.push_back(cell.rate()->mean_error);
    }
  }
  for (const auto& [group, data] : groups) {
    if (data.x.size() < 2) continue;
    const auto fit = stats::fit_loglog_slope(data.x, data.y, confidence);
    results::SlopeFitResult entry;
    entry.y = n_star ? "n_star" : "mean_error";
    entry.x = c.fit->label();
    entry.group = group;
    entry.points = fit.points;
    entry.slope = fit.slope;
    if (fit.points > 2) {  // two points leave no degrees of freedom for an interval
      entry.lower = fit.lower;
      entry.upper = fit.upper;
    }
    if (n_star) {
      const auto range = stats::loglog_slope_range(data.x, data.y_lower, data.y_upper);
      entry.range_lower = range.lower;
      entry.range_upper = range.upper;
    }
    if (const auto* predicted = c.reading->predicted_slope(c.fit->x, c.fit->scale))
      entry.expected = predicted->slope;
    fits.push_back(std::move(entry));
  }
  return fits;
}

}  // namespace elicit::cases
