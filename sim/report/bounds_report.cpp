#include "sim/report/bounds_report.h"

#include "sim/report/table.h"

#include <fmt/format.h>
#include <cmath>
#include <nlohmann/json.hpp>

namespace elicit::report {
namespace {

using theory::BoundRow;

std::string notes_of(const BoundRow& row) {
  std::string out = row.evaluation.note;
  for (const auto& finding : row.findings) out += (out.empty() ? "" : "; ") + finding;
  if (!row.bound->constant_verified)
    out += (out.empty() ? "" : "; ") + std::string("constants unverified");
  return out;
}

bool has_per_context(const BoundsSection& section) {
  for (const auto& row : section.rows) {
    if (row.evaluation.per_context) return true;
  }
  return false;
}

Table section_table(const BoundsSection& section) {
  const bool per_context = has_per_context(section);
  Table table;
  table.header = {"bound", "reading", "kind", "value"};
  if (per_context) table.header.push_back("per context");
  table.header.insert(table.header.end(), {"note", "source"});
  for (const auto& row : section.rows) {
    std::vector<std::string> cells = {row.bound->id, row.bound->reading,
                                      std::string(kind_name(row.bound->kind)),
                                      format_size(row.evaluation.size)};
    if (per_context) {
      cells.push_back(row.evaluation.per_context ? format_size(*row.evaluation.per_context) : "");
    }
    cells.push_back(notes_of(row));
    cells.push_back(row.bound->source);
    table.rows.push_back(std::move(cells));
  }
  return table;
}

std::string title_of(const BoundsSection& section) {
  std::string title(theory::theorem_name(section.theorem));
  if (!section.origin.empty()) title += " — " + section.origin;
  return title + " (" + section.parameters + ")";
}

// Full precision for machines: the shortest text that reads back to the same double.
std::string exact_value(const theory::SampleSize& size) {
  return size.fits_double() ? fmt::format("{}", size.value()) : "";
}

std::string render_markdown_sections(const std::vector<BoundsSection>& sections) {
  std::string out;
  for (const auto& section : sections) {
    if (!out.empty()) out += "\n";
    out += "### " + title_of(section) + "\n\n";
    out += std::string(theory::theorem_summary(section.theorem)) + ".\n\n";
    out += render_markdown(section_table(section));
  }
  return out;
}

std::string render_latex_sections(const std::vector<BoundsSection>& sections) {
  std::string out;
  for (const auto& section : sections) {
    if (!out.empty()) out += "\n";
    out += "% " + title_of(section) + "\n";
    out += render_latex(section_table(section));
  }
  return out;
}

std::string render_csv_sections(const std::vector<BoundsSection>& sections) {
  Table table;
  table.header = {"theorem", "origin",      "parameters",  "bound", "reading", "kind",
                  "value",   "log10_value", "per_context", "note",  "source"};
  for (const auto& section : sections) {
    for (const auto& row : section.rows) {
      const auto& per_context = row.evaluation.per_context;
      table.rows.push_back(
          {std::string(theory::theorem_name(section.theorem)), section.origin, section.parameters,
           row.bound->id, row.bound->reading, std::string(kind_name(row.bound->kind)),
           exact_value(row.evaluation.size), fmt::format("{}", row.evaluation.size.log10()),
           per_context ? exact_value(*per_context) : "", notes_of(row), row.bound->source});
    }
  }
  return render_csv(table);
}

std::string render_json_sections(const std::vector<BoundsSection>& sections) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& section : sections) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& row : section.rows) {
      nlohmann::ordered_json entry;
      entry["bound"] = row.bound->id;
      entry["reading"] = row.bound->reading;
      entry["kind"] = kind_name(row.bound->kind);
      const auto& size = row.evaluation.size;
      entry["value"] = size.fits_double() ? nlohmann::ordered_json(size.value()) : nullptr;
      entry["log10_value"] = size.log10();
      if (row.evaluation.per_context) entry["per_context"] = row.evaluation.per_context->value();
      entry["formula"] = row.bound->formula;
      entry["source"] = row.bound->source;
      entry["constant_verified"] = row.bound->constant_verified;
      entry["note"] = row.evaluation.note;
      entry["findings"] = row.findings;
      rows.push_back(std::move(entry));
    }
    out.push_back({{"theorem", theory::theorem_name(section.theorem)},
                   {"origin", section.origin},
                   {"parameters", section.parameters},
                   {"summary", theory::theorem_summary(section.theorem)},
                   {"bounds", std::move(rows)}});
  }
  return out.dump(2) + "\n";
}

}  // namespace

std::optional<Format> parse_format(std::string_view text) {
  if (text == "md" || text == "markdown") return Format::markdown;
  if (text == "csv") return Format::csv;
  if (text == "json") return Format::json;
  if (text == "tex" || text == "latex") return Format::latex;
  return std::nullopt;
}

std::string format_size(const theory::SampleSize& size) {
  if (size.fits_double() && size.value() < 1e6) {
    const double value = size.value();
    return value == std::floor(value) ? fmt::format("{:.0f}", value) : fmt::format("{:.1f}", value);
  }
  // From the logarithm, so that 10^470 prints like 10^9.
  const double log10 = size.log10();
  double exponent = std::floor(log10);
  double mantissa = std::pow(10.0, log10 - exponent);
  if (std::stod(fmt::format("{:.3f}", mantissa)) >= 10.0) {  // 9.9996 rounds up to 10.000
    mantissa /= 10;
    exponent += 1;
  }
  return fmt::format("{:.3f}e+{:02.0f}", mantissa, exponent);
}

std::string render_bounds(const std::vector<BoundsSection>& sections, Format format) {
  switch (format) {
    case Format::markdown:
      return render_markdown_sections(sections);
    case Format::csv:
      return render_csv_sections(sections);
    case Format::json:
      return render_json_sections(sections);
    case Format::latex:
      return render_latex_sections(sections);
  }
  return {};
}

}  // namespace elicit::report
