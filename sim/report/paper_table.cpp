#include "sim/report/paper_table.h"

#include "sim/report/latex_text.h"

#include <fmt/format.h>

#include <algorithm>

namespace elicit::report {
namespace {

constexpr double kPointsPerCharacter = 5.4;  // at 10 pt: digits are 5 pt, capitals wider
constexpr double kColumnPadding = 8;         // \tabcolsep = 4pt on each side
constexpr double kTextWidth = 345;           // the standard article's \textwidth at 10 pt

struct TypeSize {
  const char* command;
  double scale;
};
constexpr TypeSize kSizes[] = {{"\\small", 0.9}, {"\\footnotesize", 0.8}, {"\\scriptsize", 0.7}};

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      lines.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return lines;
}

std::string replace_newlines(const std::string& text, std::string_view with) {
  std::string out;
  for (char c : text) {
    if (c == '\n')
      out += with;
    else
      out += c;
  }
  return out;
}

std::string latex_header(const PaperColumn& column) {
  if (column.header.latex.find('\n') == std::string::npos) return column.header.latex;
  return fmt::format("\\begin{{tabular}}[b]{{@{{}}{}@{{}}}}{}\\end{{tabular}}", column.align,
                     replace_newlines(column.header.latex, "\\\\\\relax "));
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : replace_newlines(text, " ")) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

double estimated_width_pt(const PaperTable& table) {
  double width = 0;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    std::size_t longest = 0;
    for (const auto& line : split_lines(table.columns[c].header.plain))
      longest = std::max(longest, display_length(line));
    for (const auto& row : table.rows) {
      if (c < row.size()) longest = std::max(longest, display_length(row[c].plain));
    }
    width += static_cast<double>(longest) * kPointsPerCharacter + kColumnPadding;
  }
  return width;
}

std::string render_latex(const PaperTable& table) {
  const double natural = estimated_width_pt(table);
  const TypeSize* size = &kSizes[2];
  for (const auto& candidate : kSizes) {
    if (natural * candidate.scale <= kTextWidth) {
      size = &candidate;
      break;
    }
  }
  const bool resize = natural * size->scale > kTextWidth;
  std::string out =
      resize ? "% elicit: needs \\usepackage{booktabs} and \\usepackage{graphicx} (scaled to fit)\n"
             : "% elicit: needs \\usepackage{booktabs}\n";
  out += "\\begin{table}[htbp]\n\\centering\n";
  out += std::string(size->command) + "\n\\setlength{\\tabcolsep}{4pt}\n";
  out += "\\caption{" + table.caption.latex + "}\n";
  if (!table.label.empty()) out += "\\label{" + table.label + "}\n";
  if (resize) out += "\\resizebox{\\textwidth}{!}{%\n";
  std::string spec;
  for (const auto& column : table.columns) spec += column.align;
  out += "\\begin{tabular}{" + spec + "}\n\\toprule\n";
  std::vector<std::string> headers;
  for (const auto& column : table.columns) headers.push_back(latex_header(column));
  out += fmt::format("{} \\\\\n\\midrule\n", fmt::join(headers, " & "));
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    cells.reserve(row.size());
    for (const auto& cell : row) cells.push_back(cell.latex);
    out += fmt::format("{} \\\\\n", fmt::join(cells, " & "));
  }
  out += "\\bottomrule\n\\end{tabular}";
  out += resize ? "}\n" : "\n";
  if (!table.notes.empty()) {
    out += "\\par\\smallskip\n\\parbox{\\linewidth}{\\footnotesize\\raggedright\n";
    for (std::size_t i = 0; i < table.notes.size(); ++i)
      out += table.notes[i].latex + (i + 1 < table.notes.size() ? "\\par\n" : "}\n");
  }
  return out + "\\end{table}\n";
}

std::string render_markdown(const PaperTable& table) {
  std::string out = "**" + replace_newlines(table.caption.plain, " ") + "**\n\n";
  std::vector<std::string> headers, rule;
  for (const auto& column : table.columns) {
    headers.push_back(markdown_cell(column.header.plain));
    rule.push_back(column.align == 'r' ? "--:" : column.align == 'c' ? ":-:" : "---");
  }
  out += fmt::format("| {} |\n|{}|\n", fmt::join(headers, " | "), fmt::join(rule, "|"));
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    cells.reserve(row.size());
    for (const auto& cell : row) cells.push_back(markdown_cell(cell.plain));
    out += fmt::format("| {} |\n", fmt::join(cells, " | "));
  }
  if (!table.notes.empty()) {
    out += "\n";
    for (const auto& note : table.notes) out += "- " + replace_newlines(note.plain, " ") + "\n";
  }
  return out;
}

std::string render_html(const PaperTable& table) {
  std::string out = fmt::format("<table class=\"results\" id=\"{}\">\n<caption>{}</caption>\n",
                                slug(table.label), table.caption.html);
  auto align = [](char a) {
    return a == 'r' ? " class=\"num\"" : a == 'c' ? " class=\"mid\"" : "";
  };
  out += "<thead><tr>";
  for (const auto& column : table.columns)
    out += fmt::format("<th{}>{}</th>", align(column.align),
                       replace_newlines(column.header.html, "<br>"));
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out +=
          fmt::format("<td{}>{}</td>",
                      align(c < table.columns.size() ? table.columns[c].align : 'l'), row[c].html);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (!table.notes.empty()) {
    out += "<ul class=\"table-notes\">\n";
    for (const auto& note : table.notes) out += "<li>" + note.html + "</li>\n";
    out += "</ul>\n";
  }
  return out;
}

}  // namespace elicit::report
