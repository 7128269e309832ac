#include "theory/bound.h"

#include "theory/detail/bounds_lists.h"

#include <fmt/format.h>

#include <map>

namespace elicit::theory {
namespace {

std::vector<Bound> build(Theorem theorem) {
  switch (theorem) {
    case Theorem::T1:
      return detail::t1_bounds();
    case Theorem::T2:
      return detail::t2_bounds();
    case Theorem::T3:
      return detail::t3_bounds();
    case Theorem::T4:
      return detail::t4_bounds();
    case Theorem::T5:
      return detail::t5_bounds();
  }
  return {};
}

std::string short_value(const SampleSize& size) {
  if (size.fits_double()) return fmt::format("{:.4g}", size.value());
  return fmt::format("1e{:.1f}", size.log10());
}

}  // namespace

const std::vector<Bound>& bounds_of(Theorem theorem) {
  static const std::map<Theorem, std::vector<Bound>> registry = [] {
    std::map<Theorem, std::vector<Bound>> all;
    for (const auto& [t, name] : kTheoremNames) all.emplace(t, build(t));
    return all;
  }();
  return registry.at(theorem);
}

std::vector<BoundRow> evaluate_bounds(Theorem theorem, const Inputs& inputs) {
  std::vector<BoundRow> rows;
  for (const Bound& bound : bounds_of(theorem)) {
    if (auto evaluation = bound.evaluate(inputs)) rows.push_back({&bound, *evaluation, {}});
  }
  for (BoundRow& row : rows) {
    if (!is_paper(row.bound->kind)) continue;
    const BoundRow* proven_by = nullptr;
    for (const BoundRow& other : rows) {
      if (other.bound->reading != row.bound->reading) continue;
      const bool comparable = row.bound->uses_delta || !other.bound->uses_delta;
      if (other.bound->kind == BoundKind::lower && comparable &&
          row.evaluation.size < other.evaluation.size) {
        row.findings.push_back(fmt::format("below {} {} ({}): cannot suffice",
                                           kind_name(other.bound->kind), other.bound->id,
                                           short_value(other.evaluation.size)));
      }
      if (other.bound->kind == BoundKind::sufficient &&
          other.evaluation.size <= row.evaluation.size &&
          (!proven_by || other.evaluation.size < proven_by->evaluation.size)) {
        proven_by = &other;
      }
    }
    row.findings.push_back(proven_by
                               ? fmt::format("proven sufficient (>= {})", proven_by->bound->id)
                               : std::string("not proven sufficient (below every "
                                             "rigorous sufficient size)"));
  }
  return rows;
}

}  // namespace elicit::theory
