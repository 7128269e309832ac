// The renderers: aligned text tables (by characters, not bytes), a head's key list,
// and HTML that escapes what it shows, marks the first difference and loads
// nothing from outside.
#include "sim/teaching/html_render.h"
#include "sim/teaching/text_render.h"

#include <catch2/catch.hpp>

#include <regex>

using namespace elicit;
using namespace elicit::teaching;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// One pass, one head over three keys, a difference at row 1, key 0.
Trace small_trace() {
  HeadTrace head{"p-layer0-h",
                 "h",
                 "averaging hard",
                 "role: <attends>",
                 {"BOS", "<a>"},
                 {"BOS", "<a>"},
                 {{0}, {1, 1}},
                 {{1}, {Rational(1, 2), Rational(1, 2)}},
                 1,
                 {"", "ties"},
                 {}};
  PassTrace pass;
  pass.id = "p";
  pass.title = "the pass";
  pass.tokens = {{"BOS", "boundary"}, {"<a>", "context"}};
  pass.query_row = 1;
  pass.layers.push_back({"layer 0", {head}, std::nullopt, {"a note"}, {}});
  pass.stream = {"the query row", 2, {"embedded"}, {{"tok", 0, 2, "the token", {"<a>"}}}};
  Trace trace;
  trace.construction = "test";
  trace.summary = {"a summary & more"};
  trace.passes.push_back(pass);
  trace.output = {"out"};
  trace.answers = {{1}};
  trace.checks = {"checked"};
  trace.float_comparison = FloatTrace{{"double"}, "row 1, key 0", true, "p-layer0-h", 1, 0};
  return trace;
}

}  // namespace

TEST_CASE("text tables align by characters, so η and ² take one column", "[teaching][render]") {
  const Table table{"", "", {"name", "value"}, {{"η²", "1"}, {"abcd", "2"}}};
  CHECK(render_text_table(table, "") == "name  value\nη²    1\nabcd  2\n");
}

TEST_CASE("a head lists the keys it weights and sums up the others", "[teaching][render]") {
  const std::string text = render_text(small_trace(), {});
  CHECK(text.find("  head h (averaging hard attention)\n    role: <attends>\n") !=
        std::string::npos);
  CHECK(text.find("    key   0 BOS    score 1        weight 1/2\n") != std::string::npos);
  CHECK(text.find("    key   1 <a>    score 1        weight 1/2       ties\n") !=
        std::string::npos);
  CHECK(text.find("first difference: row 1, key 0\n") != std::string::npos);
}

TEST_CASE("the HTML page escapes text, marks the difference, and is self-contained",
          "[teaching][render]") {
  const std::string html = render_html(small_trace());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<a>") == std::string::npos);  // every '<a>' token escaped
  CHECK(html.find("&lt;a&gt;") != std::string::npos);
  CHECK(html.find("a summary &amp; more") != std::string::npos);
  CHECK(count(html, "id=\"map-p-layer0-h\"") == 1);
  CHECK(count(html, "class=\"attention-map has-drift\"") == 1);
  CHECK(count(html, "<rect class=\"drift\"") == 1);
  CHECK(count(html, "<p class=\"first-difference departs\">first difference: row 1, key 0") == 1);
  CHECK(count(html, "<title>") == 1 + 3);  // the page's, then one per map cell
  for (const std::string tag : {"section", "figure", "svg", "table", "header", "ol"}) {
    INFO(tag);
    CHECK(count(html, "<" + tag + " ") + count(html, "<" + tag + ">") ==
          count(html, "</" + tag + ">"));
  }
  const std::regex external(R"(<(script|link|img|iframe)|(src|href)=|url\()");
  CHECK_FALSE(std::regex_search(html, external));
}
