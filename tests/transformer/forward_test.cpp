// The forward pass in its three number types: int64 fractions fall back to GMP when a
// value outgrows 64 bits, and the result is the same exact numbers.
#include "sim/transformer/forward.h"
#include "sim/transformer/construction_vectors.h"

#include <catch2/catch.hpp>

using namespace elicit;
using namespace elicit::transformer;

TEST_CASE("a forward pass whose values outgrow int64 falls back to GMP, exactly",
          "[transformer][exact]") {
  // Gradient descent on inputs of size 2^40: the attention scores x_i·x_j alone are
  // 2^80, beyond int64.
  const Integer big = Integer(1) << 40;
  const std::vector<LabelledPoint> examples = {{{Rational(big), Rational(3)}, Rational(1)},
                                               {{Rational(-5), Rational(big + 1)}, Rational(-2)}};
  const std::vector<Rational> query = {Rational(big - 7), Rational(2)};
  const Model model = gradient_descent_model(2, 2, Rational(1, 10), 2);
  const StreamRows rows = gradient_descent_prompt(2, examples, query);
  CHECK_THROWS_AS(run<SmallRational>(model, rows), std::overflow_error);
  const auto exact = run_exact(model, rows);
  const auto gmp = run<Rational>(model, rows);
  CHECK(exact.output == gmp.output);
  CHECK(exact.output.front() == gradient_descent_prediction(examples, query, 2, Rational(1, 10)));
}

TEST_CASE("the reference perceptron refuses an empty dataset instead of reading past it",
          "[transformer][perceptron]") {
  CHECK_THROWS_AS(perceptron_reference({}, 10), std::invalid_argument);
}
