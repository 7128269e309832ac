// What the renderers of a case (tables, plots, the HTML report) read off its typed
// results alike: which grid keys vary and which are fixed, how cells group along a
// key, each cell's tightest rigorous bound, and how a paper size compares with the
// measured n*. Generic over readings: everything comes from the results and the
// reading registry, never from a theorem's name.
//
//   CaseView view = view_of(result);
//   for (const auto& key : view.varying) ...            // table columns, plot axes
//   const auto* best = tightest_sufficient(cell);       // smallest rigorous size
#pragma once

#include "sim/readings/reading.h"
#include "sim/results/case_result.h"

#include <optional>
#include <string>
#include <vector>

namespace elicit::report {

struct CaseView {
  const readings::Reading* reading = nullptr;  // null when the registry has no such reading
  std::vector<std::string> keys;               // the grid keys, in file order
  std::vector<std::string> varying;            // keys with more than one value
  std::vector<std::string> constant;           // keys with one value
  std::string sample_key = "n";                // the reading's sample size
  std::string sample_meaning = "sample size";  // its meaning, for axis labels
  bool one_target = true;                      // every cell has the same target description
};

CaseView view_of(const results::CaseResult& result);

// The meaning of a grid key, from the reading's rules ("" when unknown).
std::string key_meaning(const CaseView& view, const std::string& key);

// The group of a cell along `key`: every other grid key and its exact value,
// written as the scaling fits name their groups ("delta=1/20, eps=1/4, m=1").
std::string group_of(const results::CellResult& cell, const std::string& key);

// The smallest rigorous sufficient size at the cell that applies there (no caveat),
// if it has one.
const results::BoundComparison* tightest_sufficient(const results::CellResult& cell);

// How a size from a formula (rounded up: sizes are integers) compares with the n*
// interval: below it (insufficient), at or above its upper end (sufficient), inside.
enum class SizeVerdict { insufficient, inside, sufficient };
SizeVerdict size_verdict(double size, const results::NStarOutcome& n_star);
std::string size_verdict_word(SizeVerdict verdict);  // "too small", "undecided", "suffices"

// The fit's x as (key, scale) when it is one of the grid keys ("1/eps" -> eps, inverse).
struct FitAxis {
  std::string key;
  stats::FitScale scale = stats::FitScale::identity;
};
std::optional<FitAxis> fit_axis(const CaseView& view, const std::string& label);

// The exact value of a grid key at the cell as a double, scaled for a fit axis.
double axis_value(const results::CellResult& cell, const FitAxis& axis);

// The fit of n* (or of the mean error) along `axis` for this group, if there is one.
const results::SlopeFitResult* find_fit(const results::CaseResult& result, const FitAxis& axis,
                                        const std::string& group);

}  // namespace elicit::report
