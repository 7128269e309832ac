// A table as it goes into a paper: a caption, columns with headers and alignment,
// rows of text in all three forms (text_forms.h), and notes below it. Rendered as
// a LaTeX table environment that compiles in a standard article with booktabs and
// fits \textwidth, as Markdown, and as HTML.
//
// Width: the natural width of the tabular is estimated from its longest entries
// (a generous 5.4 pt per character at 10 pt); the first of \small, \footnotesize,
// \scriptsize that fits the standard article's 345 pt is used, and only a table
// too wide even then is scaled down with \resizebox (graphicx), which the file's
// first line then says. A header line break is written as '\n'.
//
//   PaperTable t;  t.caption = prose("n* against V");  t.label = "tab:t2-vocab";
//   t.columns = {{symbol("V"), 'r'}, {prose("n*"), 'r'}};
//   t.rows = {{count(4), count(91)}};
//   std::string tex = render_latex(t);
#pragma once

#include "sim/report/text_forms.h"

#include <string>
#include <string_view>
#include <vector>

namespace elicit::report {

struct PaperColumn {
  Text header;
  char align = 'r';  // 'l', 'c' or 'r'
};

struct PaperTable {
  std::string label;  // for \label; also the HTML id
  Text caption;
  std::vector<PaperColumn> columns;
  std::vector<std::vector<Text>> rows;
  std::vector<Text> notes;  // below the table, in small type
};

std::string render_latex(const PaperTable& table);
std::string render_markdown(const PaperTable& table);
std::string render_html(const PaperTable& table);

// The estimated natural width in pt of the tabular at 10 pt type (for the tests
// and for choosing the type size).
double estimated_width_pt(const PaperTable& table);

}  // namespace elicit::report
