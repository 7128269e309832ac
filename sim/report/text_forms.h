// One piece of text in the three forms the reports write: plain (Unicode, for
// Markdown and plot labels), LaTeX and HTML. Tables are built once from these, so
// the paper's table, the Markdown table and the HTML report cannot disagree.
//
//   Text t = prose("n* >= 5");   // t.latex == "n* \\ensuremath{\\geq} 5", t.html == "n* &gt;= 5"
//   Text e = symbol("eps");      // ε, $\varepsilon$, ε
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace elicit::report {

struct Text {
  std::string plain, latex, html;
};

// Prose: escaped for LaTeX (latex_text.h) and for HTML.
Text prose(std::string_view plain);

// A grid key as the symbol papers use: eps -> ε, delta -> δ, others in italics.
Text symbol(std::string_view key);

// The pieces one after another.
Text concat(const std::vector<Text>& pieces);

}  // namespace elicit::report
