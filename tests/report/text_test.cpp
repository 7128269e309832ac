// Text for LaTeX, HTML and SVG: what pdflatex would refuse or misprint never gets
// through, formulas read as mathematics, and inlined figures keep their ids apart.
#include "sim/report/formula_text.h"
#include "sim/report/latex_text.h"
#include "sim/report/paper_table.h"
#include "sim/report/svg_inline.h"

#include <catch2/catch.hpp>

using namespace elicit::report;

TEST_CASE("prose: comparison signs and Greek letters become math, specials are escaped",
          "[report]") {
  // A bare '>' prints as '¿' under LaTeX's default font encoding, '|' as an em dash.
  CHECK(latex_prose("proven sufficient (>= T2/mcdiarmid)") ==
        "proven sufficient (\\ensuremath{\\geq} T2/mcdiarmid)");
  CHECK(latex_prose("a < b | c") == "a \\ensuremath{<} b \\ensuremath{|} c");
  CHECK(latex_prose("eps and delta, not epsilon") ==
        "\\ensuremath{\\varepsilon} and \\ensuremath{\\delta}, not epsilon");
  CHECK(latex_prose("50% of n_i & #1 {x} ^ ~") ==
        "50\\% of n\\_i \\& \\#1 \\{x\\} \\^{} \\textasciitilde{}");
  CHECK(latex_prose("ε ≤ δ · §5.4 — ‖p̂‖") ==
        "\\ensuremath{\\varepsilon} \\ensuremath{\\leq} \\ensuremath{\\delta} "
        "\\ensuremath{\\cdot} \\S{}5.4 --- \\ensuremath{\\|}\\ensuremath{\\hat{p}}"
        "\\ensuremath{\\|}");
  CHECK(latex_prose("\xe2\x98\x83 snow") == "? snow");  // no LaTeX for it: never raw bytes
}

TEST_CASE("formulas become LaTeX math and readable Unicode", "[report]") {
  CHECK(formula_latex("m * V/eps^2 * ln(m/delta)") ==
        "$m\\cdot V/\\varepsilon ^{2}\\cdot \\ln (m/\\delta )$");
  CHECK(formula_plain("m * V/eps^2 * ln(m/delta)") == "m · V/ε² · ln(m/δ)");
  CHECK(formula_latex("ceil((sqrt(V-1) + sqrt(2 ln(m/delta)))^2 / eps^2)") ==
        "$\\lceil (\\sqrt{V-1}+\\sqrt{2\\ln (m/\\delta )})^{2}/\\varepsilon ^{2}\\rceil$");
  CHECK(formula_plain("ceil(ln(2/delta) / (2 eps^2))  [V = 2]") == "⌈ln(2/δ) / (2 ε²)⌉ [V = 2]");
  CHECK(formula_latex("z_{1-delta/2}^2/(4 eps^2)") ==
        "$z_{1-\\delta /2}^{2}/(4\\varepsilon ^{2})$");
  CHECK(formula_latex("2^(-eps n/2) <= delta") == "$2^{-\\varepsilon n/2}\\le \\delta$");
}

TEST_CASE("slugs, HTML escapes and display lengths", "[report]") {
  CHECK(slug("T2/L1 vocab") == "t2-l1-vocab");
  CHECK(slug("small_case") == "small-case");
  CHECK(html_escape("a < b & \"c\"") == "a &lt; b &amp; &quot;c&quot;");
  CHECK(display_length("ε ≤ δ") == 5);
}

TEST_CASE("an inlined SVG loses its XML declaration and its ids get a prefix", "[report]") {
  const std::string svg =
      "<?xml version=\"1.0\"?>\n<svg>\n<g id=\"gnuplot_plot_1\"><use xlink:href='#gpPt6'/>"
      "<path id='gpPt6' clip-path=\"url(#clip1)\"/></g></svg>";
  CHECK(inline_svg(svg, "a-") ==
        "<svg>\n<g id=\"a-gnuplot_plot_1\"><use xlink:href='#a-gpPt6'/>"
        "<path id='a-gpPt6' clip-path=\"url(#a-clip1)\"/></g></svg>");
}

TEST_CASE("a paper table takes the largest type size that fits the text width", "[report]") {
  PaperTable table;
  table.caption = prose("A table");
  table.columns = {{prose("x"), 'r'}, {prose("y"), 'r'}};
  table.rows = {{prose("1"), prose("2")}};
  CHECK(render_latex(table).find("\\small\n") != std::string::npos);
  CHECK(render_latex(table).find("resizebox") == std::string::npos);
  // Ten columns of 10 characters: ~620 pt at 10 pt type, too wide even for \scriptsize.
  PaperTable wide;
  for (int i = 0; i < 10; ++i) wide.columns.push_back({prose("header " + std::to_string(i)), 'r'});
  wide.rows.push_back(std::vector<Text>(10, prose("0123456789")));
  const std::string tex = render_latex(wide);
  CHECK(tex.find("\\resizebox{\\textwidth}{!}") != std::string::npos);
  CHECK(tex.rfind("% elicit: needs \\usepackage{booktabs} and \\usepackage{graphicx}", 0) == 0);
  // Seven columns of 9 characters (~396 pt) fit in \footnotesize (× 0.8), not \small (× 0.9).
  wide.columns.resize(7);
  wide.rows = {std::vector<Text>(7, prose("012345678"))};
  CHECK(render_latex(wide).find("\\footnotesize\n\\setlength") != std::string::npos);
}

TEST_CASE("a header's line break is not taken for an optional argument", "[report]") {
  PaperTable table;
  table.columns = {{prose("n*\n[interval]"), 'r'}};
  table.rows = {{prose("1")}};
  CHECK(render_latex(table).find("n*\\\\\\relax [interval]") != std::string::npos);
  CHECK(render_markdown(table).find("| n* [interval] |") != std::string::npos);
  CHECK(render_html(table).find("<th class=\"num\">n*<br>[interval]</th>") != std::string::npos);
}
