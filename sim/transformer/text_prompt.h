// A counting prompt written as text, for people: "a x ; a y ; a x ; a".
// Words are separated by spaces and ';' separates examples. The first word of each
// example names its context, the rest its outputs; contexts and outputs are
// numbered in order of first appearance. A '|' sets the split instead: the words
// before it are one context ("the cat | sat ; the dog | sat ; the cat |"), used in
// every example or in none.
//
//   TextPrompt p = parse_text_prompt("a x ; a y ; a x ; a");
//   p.spec == {1 context, 2 outputs, length 1};  p.tokens = BOS a x ; a y ; a x ; a
#pragma once

#include "sim/transformer/construction_counting.h"

#include <string>
#include <string_view>
#include <vector>

namespace elicit::transformer {

struct TextPrompt {
  CountingSpec spec;
  std::vector<std::string> context_names;
  std::vector<std::string> output_names;
  std::vector<CountingExample> data;
  CountingQuery query;
  std::vector<int> tokens;    // with BOS, as CountingConstruction::prompt builds them
  bool split_marked = false;  // contexts and outputs split by '|', not at the first word

  std::string token_name(int token) const;  // "BOS", ";", "a", "x"
};

// Throws std::invalid_argument naming the example at fault (empty prompt, missing
// ';', examples of different lengths, a word used as both context and output, a
// '|' missing or doubled).
TextPrompt parse_text_prompt(std::string_view text);

}  // namespace elicit::transformer
