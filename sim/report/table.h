// A plain table of strings and its renderings: Markdown, CSV, LaTeX (booktabs).
// One table model serves every report, so the formats cannot drift apart.
//
//   Table t{{"bound", "value"}, {{"T2/paper", "4.605e+09"}}};
//   std::string md = render_markdown(t);
#pragma once

#include <string>
#include <vector>

namespace elicit::report {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

std::string render_markdown(const Table& table);
std::string render_csv(const Table& table);    // RFC 4180 quoting
std::string render_latex(const Table& table);  // a tabular with \toprule ... \bottomrule

}  // namespace elicit::report
