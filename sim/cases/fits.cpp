#include "sim/cases/fits.h"

#include "sim/stats/loglog_fit.h"

#include <map>

namespace elicit::cases {

std::vector<results::SlopeFitResult> scaling_fits(const CaseFile& c,
                                                  const std::vector<results::CellResult>& cells,
                                                  double confidence) {
  std::vector<results::SlopeFitResult> fits;
  if (!c.fit || c.mode == engine::Mode::verdict) return fits;
  const bool n_star = c.mode == engine::Mode::n_star;
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> groups;
  for (const auto& cell : cells) {
    std::string group;
    for (const auto& [key, value] : cell.parameters) {
      if (key != c.fit->x) group += (group.empty() ? "" : ", ") + key + "=" + to_string(value);
    }
    auto& [xs, ys] = groups[group];
    xs.push_back(c.fit->transform(to_double(*cell.parameter(c.fit->x))));
    ys.push_back(n_star ? static_cast<double>(cell.n_star()->estimate) : cell.rate()->mean_error);
  }
  for (const auto& [group, data] : groups) {
    if (data.first.size() < 2) continue;
    const auto fit = stats::fit_loglog_slope(data.first, data.second, confidence);
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
    if (const auto* predicted = c.reading->predicted_slope(c.fit->x, c.fit->scale))
      entry.expected = predicted->slope;
    fits.push_back(std::move(entry));
  }
  return fits;
}

}  // namespace elicit::cases
