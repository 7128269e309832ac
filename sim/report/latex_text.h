// Text for LaTeX and HTML from the strings elicit's tables hold: prose (notes,
// sources, captions), where the characters LaTeX treats specially are escaped and
// comparison signs, Greek letters and other Unicode become math that compiles
// under the default font encoding (a bare '>' prints as '¿' there); and HTML
// escaping. Formulas have their own converter (formula_text.h).
//
//   latex_prose("proven sufficient (>= T2/mcdiarmid)")
//       == "proven sufficient (\\ensuremath{\\geq} T2/mcdiarmid)"
//   html_escape("a < b & c") == "a &lt; b &amp; c"
#pragma once

#include <string>
#include <string_view>

namespace elicit::report {

// Prose as LaTeX text: specials escaped; >=, <=, !=, <, >, | and the words "eps"
// and "delta" as math; Unicode letters and symbols by their LaTeX commands, and
// "?" for a character with none (never a byte pdflatex would refuse).
std::string latex_prose(std::string_view text);

// A label, file stem or identifier made safe for \label and file names: lowercase
// letters, digits and '-' ("T2/L1 vocab" -> "t2-l1-vocab").
std::string slug(std::string_view text);

std::string html_escape(std::string_view text);

// The number of characters (Unicode code points) of UTF-8 text: widths are
// estimated from it.
std::size_t display_length(std::string_view text);

}  // namespace elicit::report
