// A prompt of vectors and labels written as text, for the constructions that read
// numbers (label averaging, gradient descent in context, the perceptron):
//
//   "1 2 : +1 ; 3 -1 : -1 ; 2 2 : ?"
//
// ';' separates items; in each, the coordinates come before ':' and the label after
// it. The last item may be the query: its label is '?' (or it has no ':'). Every
// number is exact: integers, fractions ("1/3"), decimals ("0.1" is 1/10), with an
// optional sign.
//
//   VectorPrompt p = parse_vector_prompt("1 2 : +1 ; 3 -1 : -1 ; 2 2 : ?");
//   p.dimension == 2;  p.examples.size() == 2;  *p.query == {2, 2}
#pragma once

#include "sim/exact/rational.h"
#include "sim/transformer/construction_vectors.h"

#include <optional>
#include <string_view>
#include <vector>

namespace elicit::teaching {

struct VectorPrompt {
  int dimension = 0;
  std::vector<transformer::LabelledPoint> examples;
  std::optional<std::vector<Rational>> query;
};

// Throws std::invalid_argument naming the item at fault ("example 2: '3x' is not a
// number", "example 3 has 1 coordinates, example 1 has 2", a '?' before the end).
VectorPrompt parse_vector_prompt(std::string_view text);

}  // namespace elicit::teaching
