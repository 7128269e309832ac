// Table renderings quote what their format needs, and sizes print for people.
#include "sim/report/table.h"
#include "sim/report/bounds_report.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace elicit::report;
using elicit::theory::SampleSize;

TEST_CASE("CSV quotes commas, quotes and newlines (RFC 4180)", "[report]") {
  const Table table{{"a", "b"}, {{"x,y", "say \"hi\""}, {"plain", "two\nlines"}}};
  CHECK(render_csv(table) == "a,b\n\"x,y\",\"say \"\"hi\"\"\"\nplain,\"two\nlines\"\n");
}

TEST_CASE("Markdown escapes pipes and LaTeX escapes its specials", "[report]") {
  const Table table{{"id"}, {{"a|b"}}};
  CHECK(render_markdown(table) == "| id |\n|---|\n| a\\|b |\n");
  const Table tex{{"T2/paper"}, {{"m_i ^ 2 & 50%"}}};
  CHECK(render_latex(tex) ==
        "\\begin{tabular}{l}\n\\toprule\nT2/paper \\\\\n\\midrule\n"
        "m\\_i \\^{} 2 \\& 50\\% \\\\\n\\bottomrule\n\\end{tabular}\n");
}

TEST_CASE("sizes print in full, with one decimal, or with four significant digits", "[report]") {
  CHECK(format_size(SampleSize::from_value(2346)) == "2346");
  CHECK(format_size(SampleSize::from_value(460.517)) == "460.5");
  CHECK(format_size(SampleSize::from_value(4.60517e9)) == "4.605e+09");
  CHECK(format_size(SampleSize::from_value(9.99996e6)) == "1.000e+07");
  CHECK(format_size(SampleSize::from_log(470 * std::log(10.0) + std::log(2.5))) == "2.500e+470");
}

TEST_CASE("format names are parsed, and unknown ones refused", "[report]") {
  CHECK(parse_format("md") == Format::markdown);
  CHECK(parse_format("tex") == Format::latex);
  CHECK_FALSE(parse_format("xlsx").has_value());
}
