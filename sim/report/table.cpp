#include "sim/report/table.h"

#include <algorithm>

namespace elicit::report {
namespace {

std::string csv_field(const std::string& field) {
  if (field.find_first_of(",\"\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string markdown_cell(const std::string& cell) {
  std::string out;
  for (char c : cell) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string latex_cell(const std::string& cell) {
  std::string out;
  for (char c : cell) {
    switch (c) {
      case '_':
      case '%':
      case '&':
      case '#':
      case '$':
      case '{':
      case '}':
        out += '\\';
        out += c;
        break;
      case '^':
        out += "\\^{}";
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '\\':
        out += "\\textbackslash{}";
        break;
      default:
        out += c;
    }
  }
  return out;
}

template <typename Cell>
std::string join(const std::vector<std::string>& cells, const std::string& separator, Cell cell) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += separator;
    out += cell(cells[i]);
  }
  return out;
}

}  // namespace

std::string render_markdown(const Table& table) {
  std::string out = "| " + join(table.header, " | ", markdown_cell) + " |\n|";
  for (std::size_t i = 0; i < table.header.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : table.rows) out += "| " + join(row, " | ", markdown_cell) + " |\n";
  return out;
}

std::string render_csv(const Table& table) {
  std::string out = join(table.header, ",", csv_field) + "\n";
  for (const auto& row : table.rows) out += join(row, ",", csv_field) + "\n";
  return out;
}

std::string render_latex(const Table& table) {
  std::string out = "\\begin{tabular}{" + std::string(table.header.size(), 'l') + "}\n\\toprule\n";
  out += join(table.header, " & ", latex_cell) + " \\\\\n\\midrule\n";
  for (const auto& row : table.rows) out += join(row, " & ", latex_cell) + " \\\\\n";
  return out + "\\bottomrule\n\\end{tabular}\n";
}

}  // namespace elicit::report
