// Text prompts for people: words, ';' between examples, roles by position.
#include "sim/transformer/text_prompt.h"

#include <catch2/catch.hpp>

using namespace elicit::transformer;

TEST_CASE("a text prompt gives its vocabulary, dataset and query", "[transformer][text]") {
  const TextPrompt p = parse_text_prompt("a x;b y ; a   x;a");  // ';' needs no spaces
  CHECK(p.spec.contexts == 2);
  CHECK(p.spec.outputs == 2);
  CHECK(p.spec.length == 1);
  CHECK(p.context_names == std::vector<std::string>{"a", "b"});
  CHECK(p.output_names == std::vector<std::string>{"x", "y"});
  REQUIRE(p.data.size() == 3);
  CHECK(p.data[1].context == 1);
  CHECK(p.data[1].outputs == std::vector<int>{1});
  CHECK(p.query.context == 0);
  CHECK(p.query.prefix.empty());
  std::string names;
  for (int t : p.tokens) names += p.token_name(t) + " ";
  CHECK(names == "BOS a x ; b y ; a x ; a ");
}

TEST_CASE("a text query may carry a prefix of a longer output", "[transformer][text]") {
  const TextPrompt p = parse_text_prompt("c x y ; c x z ; c x");
  CHECK(p.spec.length == 2);
  CHECK(p.query.prefix == std::vector<int>{0});
}

TEST_CASE("'|' splits context from outputs, the words before it are one context",
          "[transformer][text]") {
  const TextPrompt p = parse_text_prompt("the cat | sat ; the dog | ran ; the cat");
  CHECK(p.split_marked);
  CHECK(p.context_names == std::vector<std::string>{"the cat", "the dog"});
  CHECK(p.output_names == std::vector<std::string>{"sat", "ran"});
  CHECK(p.spec.length == 1);
  CHECK(p.query.context == 0);
  CHECK(p.query.prefix.empty());
  const TextPrompt unmarked = parse_text_prompt("the cat sat ; the dog sat ; the cat");
  CHECK_FALSE(unmarked.split_marked);
  CHECK(unmarked.context_names == std::vector<std::string>{"the"});
  CHECK(unmarked.spec.length == 2);
}

TEST_CASE("a '|' in some examples only, or twice, is refused", "[transformer][text]") {
  CHECK_THROWS_WITH(parse_text_prompt("a | x ; a y ; a"),
                    Catch::Contains("example 2 has no '|': mark the context in every example"));
  CHECK_THROWS_WITH(parse_text_prompt("a | x | y ; a"), Catch::Contains("more than one '|'"));
  CHECK_THROWS_WITH(parse_text_prompt("| x ; a"), Catch::Contains("no context before '|'"));
}

TEST_CASE("a long text prompt builds its construction (matrices set in O(1) per entry)",
          "[transformer][text]") {
  // Found by fuzz/text_prompt_fuzz (corpus: finding-long-example): one example of
  // 300 words asks for matrices of 10^5 entries, and SparseMatrix::set searched
  // every entry before adding one, so building the construction took minutes.
  std::string text = "a";
  for (int i = 1; i <= 300; ++i) text += " x" + std::to_string(i);
  const TextPrompt p = parse_text_prompt(text + " ; a");
  REQUIRE(p.spec.length == 300);
  REQUIRE(p.spec.outputs == 300);
  const CountingConstruction construction(p.spec);
  // The gated-prefix MLP: the current symbol (one weight per symbol), then for each
  // of the l places back three weights per symbol, then one per gate.
  const int symbols = 1 + p.spec.contexts + p.spec.outputs;
  CHECK(construction.model().layers.at(1).mlp->hidden.entries.size() ==
        static_cast<std::size_t>(symbols + 3 * 300 * symbols + 300));
}

TEST_CASE("parsing a prompt gives its tokens without building its model", "[transformer][text]") {
  // Found by fuzz/text_prompt_fuzz (slow units): parse_text_prompt built the whole
  // counting construction to number its tokens, so one example of 3000 words
  // (l = V = 3000) asked for about 6·10^7 weights. counting_prompt needs only the spec.
  std::string text = "a";
  for (int i = 1; i <= 3000; ++i) text += " x" + std::to_string(i);
  const TextPrompt p = parse_text_prompt(text + " ; a");
  CHECK(p.spec.length == 3000);
  CHECK(p.tokens.size() == 1 + 1 + 3000 + 1 + 1);  // BOS, the example, SEP, the query
  CHECK(p.tokens == counting_prompt(p.spec, p.data, p.query));
  const std::vector<CountingExample> data = {{0, {0, 1}}, {1, {1, 1}}};
  CHECK(CountingConstruction({2, 2, 2}).prompt(data, {1, {0}}) ==
        counting_prompt({2, 2, 2}, data, {1, {0}}));
}
