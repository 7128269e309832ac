#include "sim/report/bounds_report.h"

#include "sim/report/formula_text.h"
#include "sim/report/latex_text.h"
#include "sim/report/number_format.h"
#include "sim/report/paper_table.h"
#include "sim/report/paper_tables.h"
#include "sim/report/table.h"

#include <fmt/format.h>
#include <cctype>
#include <cmath>
#include <map>
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

Text size_text(const theory::SampleSize& size) {
  return size.fits_double() ? sample_size(size.value()) : from_log10(size.log10());
}

// One section as a paper's table: the sizes in columns, and for each row a note
// below the table with its findings, formula and source (prose does not fit a
// column of a table that must fit \textwidth).
PaperTable section_paper_table(const BoundsSection& section, const std::string& label) {
  PaperTable table;
  table.label = label;
  const bool per_context = has_per_context(section);
  table.columns = {{prose("bound"), 'l'}, {prose("kind"), 'l'}, {prose("value"), 'r'}};
  if (per_context) table.columns.push_back({prose("per context"), 'r'});
  for (std::size_t i = 0; i < section.rows.size(); ++i) {
    const auto& row = section.rows[i];
    const std::string marker =
        i < 26 ? std::string(1, static_cast<char>('a' + i)) : std::to_string(i + 1);
    Text name = prose(row.bound->id);
    name.latex = "\\texttt{" + name.latex + "}\\textsuperscript{" + marker + "}";
    name.plain += " (" + marker + ")";
    name.html += "<sup>" + marker + "</sup>";
    std::vector<Text> cells = {name, prose(std::string(theory::kind_name(row.bound->kind))),
                               size_text(row.evaluation.size)};
    if (per_context) {
      cells.push_back(row.evaluation.per_context ? size_text(*row.evaluation.per_context)
                                                 : prose(""));
    }
    table.rows.push_back(std::move(cells));
    std::string notes = notes_of(row);
    if (!notes.empty())
      notes[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(notes[0])));
    Text note = prose("(" + marker + ") " + row.bound->id + ": ");
    note = concat(
        {note,
         {formula_plain(row.bound->formula), formula_latex(row.bound->formula),
          html_escape(formula_plain(row.bound->formula))},
         prose(". " + (notes.empty() ? "" : notes + ". ") + "Source: " + row.bound->source + ".")});
    table.notes.push_back(std::move(note));
  }
  std::string title(theory::theorem_name(section.theorem));
  if (!section.origin.empty()) title += " (" + section.origin + ")";
  table.caption =
      concat({prose("Sample sizes of " + title + " at "), assignments_text(section.parameters),
              prose(". " + std::string(theory::theorem_summary(section.theorem)) + ".")});
  return table;
}

std::string render_latex_sections(const std::vector<BoundsSection>& sections) {
  std::string out;
  std::map<std::string, int> seen;  // labels stay unique when a theorem has several sections
  for (const auto& section : sections) {
    const std::string theorem = slug(theory::theorem_name(section.theorem));
    const int number = ++seen[theorem];
    const std::string label =
        "tab:bounds-" + theorem + (number > 1 ? "-" + std::to_string(number) : "");
    if (!out.empty()) out += "\n";
    out += "% " + title_of(section) + "\n";
    out += render_latex(section_paper_table(section, label));
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
