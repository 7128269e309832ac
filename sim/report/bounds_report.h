// Renders evaluated bounds (theory/bound.h) as Markdown, CSV, JSON or LaTeX: one
// section per parameter set, one row per formula.
#pragma once

#include "theory/bound.h"

#include <string>
#include <string_view>
#include <vector>

namespace elicit::report {

enum class Format { markdown, csv, json, latex };
std::optional<Format> parse_format(std::string_view text);  // "md", "csv", "json", "tex"

struct BoundsSection {
  theory::Theorem theorem;
  std::string origin;      // "" for user-given parameters
  std::string parameters;  // Parameters::describe()
  std::vector<theory::BoundRow> rows;
};

// A size for people: integers below 10^6 in full, other values below 10^6 with one
// decimal, larger ones with 4 significant digits ("4.605e+09"), and sizes beyond a
// double from their logarithm ("9.766e+46" stays exact to 4 digits either way).
std::string format_size(const theory::SampleSize& size);

std::string render_bounds(const std::vector<BoundsSection>& sections, Format format);

}  // namespace elicit::report
