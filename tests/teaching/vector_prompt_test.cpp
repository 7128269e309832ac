// Vector prompts: "x1 x2 : label ; … ; q1 q2 : ?", numbers exact, errors named.
#include "sim/teaching/vector_prompt.h"

#include <catch2/catch.hpp>

using namespace elicit;
using namespace elicit::teaching;

TEST_CASE("a vector prompt gives its examples, labels and query, exactly", "[teaching][prompt]") {
  const VectorPrompt p = parse_vector_prompt("1 2 : +1 ; 3 -1/2 : -1 ; 0.1 2 : ?");
  CHECK(p.dimension == 2);
  REQUIRE(p.examples.size() == 2);
  CHECK(p.examples[0].x == std::vector<Rational>{1, 2});
  CHECK(p.examples[0].y == 1);
  CHECK(p.examples[1].x == std::vector<Rational>{3, Rational(-1, 2)});
  CHECK(p.examples[1].y == -1);
  REQUIRE(p.query);
  CHECK(*p.query == std::vector<Rational>{Rational(1, 10), 2});  // 0.1 is exactly 1/10
}

TEST_CASE("the query may go without ': ?', or be absent", "[teaching][prompt]") {
  CHECK(*parse_vector_prompt("1 : 0 ; 2").query == std::vector<Rational>{2});
  const VectorPrompt labelled_only = parse_vector_prompt("1:0;2:1");  // spaces are optional
  CHECK_FALSE(labelled_only.query);
  CHECK(labelled_only.examples.size() == 2);
}

TEST_CASE("malformed vector prompts are refused with the item at fault", "[teaching][prompt]") {
  CHECK_THROWS_WITH(parse_vector_prompt(""), Catch::Contains("the prompt is empty"));
  CHECK_THROWS_WITH(parse_vector_prompt("1 2 : 1 ; 3 : 0"),
                    Catch::Contains("item 2 has 1 coordinates, item 1 has 2"));
  CHECK_THROWS_WITH(parse_vector_prompt("1 two : 1"),
                    Catch::Contains("item 1: 'two' is not a number"));
  CHECK_THROWS_WITH(parse_vector_prompt("1 : 1 : 2"), Catch::Contains("more than one ':'"));
  CHECK_THROWS_WITH(parse_vector_prompt("1 : ? ; 2 : 1"),
                    Catch::Contains("item 1 has label '?': only the last item"));
  CHECK_THROWS_WITH(parse_vector_prompt("1 ; 2 : 1"),
                    Catch::Contains("item 1 has no ': label': only the last item"));
  CHECK_THROWS_WITH(parse_vector_prompt("1 : 1 ; ; 2 : ?"),
                    Catch::Contains("item 2 is empty (two ';' in a row?)"));
  CHECK_THROWS_WITH(parse_vector_prompt(": 1"), Catch::Contains("no coordinates before ':'"));
  CHECK_THROWS_WITH(parse_vector_prompt("1 : 1 2"), Catch::Contains("more than one label"));
  CHECK_THROWS_WITH(parse_vector_prompt("1 : z"), Catch::Contains("item 1's label: 'z'"));
  CHECK_THROWS_WITH(parse_vector_prompt("2 : ?"), Catch::Contains("no labelled examples"));
}
