#include "sim/cases/mode_support.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace elicit::cases::detail {

double per_context(const theory::BoundRow& row) {
  return (row.evaluation.per_context ? *row.evaluation.per_context : row.evaluation.size).value();
}

bool below_n_star_interval(double value, std::int64_t lower) {
  return std::ceil(value) < static_cast<double>(lower);
}

std::pair<std::int64_t, std::string> proven_sufficient(
    const std::vector<theory::BoundRow>& bounds) {
  std::pair<std::int64_t, std::string> best{0, ""};
  for (const auto& b : bounds) {
    if (b.bound->kind != theory::BoundKind::sufficient) continue;
    const double value = std::ceil(per_context(b));
    if (!(value < 9e15)) continue;  // beyond exact integers: of no use to a search
    const auto size = static_cast<std::int64_t>(value);
    if (best.first == 0 || size < best.first) best = {size, b.bound->id};
  }
  return best;
}

std::string sample_key(const readings::Reading& reading) {
  for (const auto& rule : reading.grid) {
    if (rule.sample_size) return rule.key;
  }
  throw std::logic_error("reading " + reading.id + " has no sample-size key");
}

std::pair<std::int64_t, std::string> sample_size_limit(const readings::Reading& reading,
                                                       const readings::Values& grid) {
  const std::string key = sample_key(reading);
  const auto& maximum = reading.grid_rule(key)->maximum;
  std::pair<std::int64_t, std::string> limit{
      maximum ? to_int64_exact(*maximum) : std::numeric_limits<std::int64_t>::max(),
      fmt::format("{} <= {}", key, maximum ? to_string(*maximum) : "2^63")};
  if (reading.sample_size_limit) {
    auto own = reading.sample_size_limit(grid);
    if (own.first < limit.first) limit = std::move(own);
  }
  return limit;
}

double alpha_of(const engine::RunSettings& settings) { return to_double(1 - settings.confidence); }

}  // namespace elicit::cases::detail
