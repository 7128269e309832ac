// docs/theory.md stands for every bound and reading elicit prints: each bound id
// and each reading id of the registries is documented there (as `id`), so a new
// row cannot ship without its explanation.
#include "sim/readings/reading.h"
#include "theory/bound.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace {

std::string theory_doc() {
  std::ifstream in(std::string(ELICIT_SOURCE_DIR) + "/docs/theory.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("docs/theory.md documents every bound and every reading", "[docs]") {
  const std::string doc = theory_doc();
  REQUIRE_FALSE(doc.empty());
  for (auto theorem :
       {elicit::theory::Theorem::T1, elicit::theory::Theorem::T2, elicit::theory::Theorem::T3,
        elicit::theory::Theorem::T4, elicit::theory::Theorem::T5}) {
    for (const auto& bound : elicit::theory::bounds_of(theorem)) {
      INFO("bound " << bound.id);
      CHECK(doc.find("`" + bound.id + "`") != std::string::npos);
      INFO("its reading " << bound.reading);
      CHECK(doc.find("`" + bound.reading + "`") != std::string::npos);
    }
  }
  for (const auto& reading : elicit::readings::all_readings()) {
    INFO("reading " << reading.id);
    CHECK(doc.find("`" + reading.id + "`") != std::string::npos);
  }
}

TEST_CASE("the bounds cite docs/theory.md sections that exist", "[docs]") {
  const std::string doc = theory_doc();
  for (auto theorem :
       {elicit::theory::Theorem::T1, elicit::theory::Theorem::T2, elicit::theory::Theorem::T3,
        elicit::theory::Theorem::T4, elicit::theory::Theorem::T5}) {
    for (const auto& bound : elicit::theory::bounds_of(theorem)) {
      const auto at = bound.source.find("docs/theory.md §");
      INFO("bound " << bound.id << ": " << bound.source);
      REQUIRE(at != std::string::npos);
      // "§3.5(b)" -> section "3.5", which has a heading "### 3.5 " (or "## 2." for §2).
      std::string section = bound.source.substr(at + std::string("docs/theory.md §").size());
      section = section.substr(0, section.find_first_not_of("0123456789."));
      const bool subsection = section.find('.') != std::string::npos;
      CHECK(doc.find(subsection ? "\n### " + section + " " : "\n## " + section + ". ") !=
            std::string::npos);
    }
  }
}
