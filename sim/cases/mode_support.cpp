#include "sim/cases/mode_support.h"

#include <cmath>
#include <stdexcept>

namespace elicit::cases::detail {

double per_context(const theory::BoundRow& row) {
  return (row.evaluation.per_context ? *row.evaluation.per_context : row.evaluation.size).value();
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

double alpha_of(const engine::RunSettings& settings) { return to_double(1 - settings.confidence); }

}  // namespace elicit::cases::detail
