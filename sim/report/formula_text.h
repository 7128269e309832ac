// The bounds' formulas (theory/bound.h keeps them as ASCII, as a programmer would
// type them: "m * ceil((sqrt(V-1) + sqrt(2 ln(m/delta)))^2 / eps^2)") as a reader
// wants them: LaTeX math for papers and Unicode for Markdown and HTML. The
// conversion is token by token, so any formula converts; names it knows become
// symbols (eps -> ε, sqrt(x) -> √(x), ceil(x) -> ⌈x⌉, ^(…) -> a superscript).
//
//   formula_latex("ln(2/delta) / (2 eps^2)") == "$\\ln(2/\\delta)/(2\\varepsilon^{2})$"
//   formula_plain("ln(2/delta) / (2 eps^2)") == "ln(2/δ) / (2 ε²)"
#pragma once

#include <string>
#include <string_view>

namespace elicit::report {

std::string formula_latex(std::string_view formula);  // in $…$
std::string formula_plain(std::string_view formula);

}  // namespace elicit::report
