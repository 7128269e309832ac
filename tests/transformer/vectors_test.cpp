// Label averaging (T4), gradient descent in context (T1) and the looped perceptron
// (T3): each transformer equals its reference algorithm exactly on random instances.
#include "sim/random/stream.h"
#include "sim/transformer/construction_vectors.h"
#include "sim/transformer/forward.h"
#include "tests/random_instances.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace elicit;
using namespace elicit::transformer;
using elicit::testing::draw;

namespace {

// A small fraction p/q with |p| <= 6, 1 <= q <= 7: dense enough for rounding in double.
Rational small_fraction(Stream& stream) {
  return Rational(draw(stream, 13) - 6, 1 + draw(stream, 7));
}

std::vector<Rational> random_vector(Stream& stream, int dimension) {
  std::vector<Rational> x;
  for (int i = 0; i < dimension; ++i) x.push_back(small_fraction(stream));
  return x;
}

}  // namespace

TEST_CASE("label-averaging transformer output == mean label, exactly", "[transformer][average]") {
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    Stream stream({2026, 2, trial});
    const int d = 1 + draw(stream, 4);
    std::vector<LabelledPoint> examples(static_cast<std::size_t>(1 + draw(stream, 25)));
    for (auto& e : examples) e = {random_vector(stream, d), Rational(draw(stream, 2))};
    const auto result = run_exact(label_averaging_model(d),
                                  label_averaging_prompt(d, examples, random_vector(stream, d)));
    REQUIRE(result.output.at(0) == mean_label(examples));
  }
}

TEST_CASE("K linear-attention layers == K steps of gradient descent, exactly (T1)",
          "[transformer][gd]") {
  const Rational etas[] = {Rational(1, 10), Rational(1, 2), Rational(3, 7)};
  double largest_float_drift = 0;
  int drifting = 0;
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    Stream stream({2026, 3, trial});
    const int d = 1 + draw(stream, 4);
    const int n = 1 + draw(stream, 10);
    const int steps = 1 + draw(stream, 4);
    const Rational& eta = etas[draw(stream, 3)];
    std::vector<LabelledPoint> examples(static_cast<std::size_t>(n));
    for (auto& e : examples) e = {random_vector(stream, d), small_fraction(stream)};
    const auto query = random_vector(stream, d);
    const Model model = gradient_descent_model(d, steps, eta, n);
    const StreamRows prompt = gradient_descent_prompt(d, examples, query);
    const Rational expected = gradient_descent_prediction(examples, query, steps, eta);
    INFO("d=" << d << " N=" << n << " K=" << steps << " eta=" << to_string(eta));
    REQUIRE(run_exact(model, prompt).output.at(0) == expected);
    // The same weights in double precision drift from the exact prediction.
    const double drift = std::abs(run<double>(model, prompt).output.at(0) - to_double(expected));
    largest_float_drift = std::max(largest_float_drift, drift);
    drifting += drift > 0 ? 1 : 0;
  }
  // Recorded, not a tolerance: exact is 0 everywhere, double is not.
  WARN("double-precision GD transformer: "
       << drifting << "/200 predictions differ, largest |error| " << largest_float_drift);
  CHECK(drifting > 0);
}

TEST_CASE("looped-perceptron transformer == most-violated perceptron, exactly (T3)",
          "[transformer][perceptron]") {
  int updates_seen = 0;
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    Stream stream({2026, 4, trial});
    const int d = 1 + draw(stream, 3);
    std::vector<Rational> w_true;
    for (int i = 0; i < d; ++i) w_true.push_back(draw(stream, 7) - 3);
    Rational b_true = draw(stream, 5) - 2;
    if (b_true == 0) b_true = 1;  // w_true may be 0; then the bias still separates
    const auto n = static_cast<std::size_t>(1 + draw(stream, 15));
    std::vector<LabelledPoint> examples;
    while (examples.size() < n) {
      std::vector<Rational> x;
      for (int i = 0; i < d; ++i) x.push_back(draw(stream, 11) - 5);
      Rational margin = b_true;
      for (int i = 0; i < d; ++i)
        margin += w_true[static_cast<std::size_t>(i)] * x[static_cast<std::size_t>(i)];
      if (margin == 0) continue;  // keep the data strictly separable
      examples.push_back({x, margin > 0 ? Rational(1) : Rational(-1)});
    }
    constexpr int kMaxUpdates = 500;
    const auto expected = perceptron_reference(examples, kMaxUpdates);
    const auto result = run_exact(perceptron_model(d, kMaxUpdates), perceptron_prompt(d, examples));
    INFO("d=" << d << " n=" << examples.size() << " updates=" << expected.updates);
    REQUIRE(result.output == expected.weights);
    REQUIRE(expected.converged);
    CHECK(result.loops.at(0) == expected.updates + 1);  // the last run confirms the fixed point
    for (const auto& e : examples) {                    // a consistent halfspace
      Rational margin = expected.weights.back();
      for (int i = 0; i < d; ++i)
        margin += expected.weights[static_cast<std::size_t>(i)] * e.x[static_cast<std::size_t>(i)];
      REQUIRE(e.y * margin > 0);
    }
    updates_seen += expected.updates;
  }
  CHECK(updates_seen > 200);
}

TEST_CASE("vector prompts with an empty dataset or a wrong dimension are refused",
          "[transformer]") {
  const std::vector<Rational> x2 = {Rational(1), Rational(2)};
  CHECK_THROWS_WITH(label_averaging_prompt(2, {}, x2), Catch::Contains("dataset is empty"));
  CHECK_THROWS_WITH(gradient_descent_prompt(2, {{{Rational(1)}, Rational(0)}}, x2),
                    Catch::Contains("example 1 has 1 coordinates, expected 2"));
  CHECK_THROWS_WITH(perceptron_prompt(2, {{x2, Rational(0)}}),
                    Catch::Contains("labels are -1 or +1"));
}

TEST_CASE("a prefix session refuses models whose prefix rows depend on the future",
          "[transformer][session]") {
  // Gradient descent in context attends both ways; the perceptron loops.
  const std::vector<LabelledPoint> examples = {{{Rational(1)}, Rational(1)}};
  CHECK_THROWS_WITH(PrefixSession<Rational>(gradient_descent_model(1, 1, Rational(1, 2), 1),
                                            gradient_descent_prompt(1, examples, {Rational(1)})),
                    Catch::Contains("causal attention"));
  CHECK_THROWS_AS(PrefixSession<Rational>(perceptron_model(1, 5), perceptron_prompt(1, examples)),
                  std::invalid_argument);
  CHECK_NOTHROW(PrefixSession<Rational>(label_averaging_model(1),
                                        label_averaging_prompt(1, examples, {Rational(1)})));
}

TEST_CASE("gradient descent iterates: a known answer", "[transformer][gd]") {
  // N = 2, eta = 1/2: w_1 = (1/4)(2·(1, 0) − 1·(0, 1)) = (1/2, −1/4); the residuals are
  // then 3/2 and −3/4, so w_2 = w_1 + (1/4)(3/2·(1, 0) − 3/4·(0, 1)) = (7/8, −7/16).
  const std::vector<LabelledPoint> examples = {{{Rational(1), Rational(0)}, Rational(2)},
                                               {{Rational(0), Rational(1)}, Rational(-1)}};
  const auto iterates = gradient_descent_weights(examples, 2, 2, Rational(1, 2));
  REQUIRE(iterates.size() == 3);
  CHECK(iterates[0] == std::vector<Rational>{Rational(0), Rational(0)});
  CHECK(iterates[1] == std::vector<Rational>{Rational(1, 2), Rational(-1, 4)});
  CHECK(iterates[2] == std::vector<Rational>{Rational(7, 8), Rational(-7, 16)});
  CHECK(gradient_descent_prediction(examples, {Rational(1), Rational(1)}, 2, Rational(1, 2)) ==
        Rational(7, 16));
}
