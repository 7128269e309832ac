// Every trace states the answer of its construction's reference algorithm: the
// tests' rule for the transformers (tests/transformer/), applied to the trace path
// on random instances, plus known answers for what the traces explain.
#include "sim/random/stream.h"
#include "sim/teaching/counting_trace.h"
#include "sim/teaching/gradient_descent_trace.h"
#include "sim/teaching/label_averaging_trace.h"
#include "sim/teaching/perceptron_trace.h"
#include "sim/teaching/show.h"
#include "sim/transformer/construction_counting.h"
#include "sim/transformer/retrieval.h"
#include "tests/random_instances.h"

#include <catch2/catch.hpp>

using namespace elicit;
using namespace elicit::teaching;
using namespace elicit::transformer;
using elicit::testing::draw;

namespace {

Rational small_fraction(Stream& stream) {
  return Rational(draw(stream, 13) - 6, 1 + draw(stream, 7));
}

std::vector<Rational> random_vector(Stream& stream, int dimension) {
  std::vector<Rational> x;
  for (int i = 0; i < dimension; ++i) x.push_back(small_fraction(stream));
  return x;
}

// A random counting prompt written as a student would: "c0 o1 o0 ; c1 o0 o0 ; c0".
std::string random_counting_text(Stream& stream) {
  const int contexts = 1 + draw(stream, 3), outputs = 1 + draw(stream, 4),
            length = 1 + draw(stream, 3);
  const int examples = 1 + draw(stream, 12);
  std::string text;
  for (int e = 0; e < examples; ++e) {
    text += "c" + std::to_string(draw(stream, contexts));
    for (int t = 0; t < length; ++t) text += " o" + std::to_string(draw(stream, outputs));
    text += " ; ";
  }
  text += "c" + std::to_string(draw(stream, contexts + 1));  // sometimes an unseen context
  const int prefix = draw(stream, length);
  for (int t = 0; t < prefix; ++t) text += " o" + std::to_string(draw(stream, outputs));
  return text;
}

std::size_t greedy_pick(const std::vector<Rational>& p) {
  std::size_t pick = 0;
  for (std::size_t v = 1; v < p.size(); ++v) {
    if (p[v] > p[pick]) pick = v;
  }
  return pick;
}

bool all_zero(const std::vector<Rational>& p) {
  return std::all_of(p.begin(), p.end(), [](const Rational& x) { return x == 0; });
}

}  // namespace

TEST_CASE("counting trace: every generated step is empirical_next_token's estimate",
          "[teaching][counting]") {
  int steps = 0, unseen = 0;
  for (std::uint64_t trial = 0; trial < 120; ++trial) {
    Stream stream({2026, 21, trial});
    const std::string text = random_counting_text(stream);
    INFO("prompt: " << text);
    TextPrompt prompt;
    try {
      prompt = parse_text_prompt(text);
    } catch (const std::invalid_argument&) {
      continue;  // an output word drawn as the query's context is not a prompt
    }
    const Trace trace = trace_counting(prompt, {});
    // Greedy generation, step by step, from the reference alone.
    CountingQuery query = prompt.query;
    const std::size_t remaining =
        static_cast<std::size_t>(prompt.spec.length) - query.prefix.size();
    std::size_t expected_steps = 0;
    for (std::size_t t = 0; t < remaining; ++t) {
      const auto expected = empirical_next_token(prompt.spec, prompt.data, query);
      REQUIRE(trace.answers.size() > t);
      REQUIRE(trace.answers[t] == expected);
      ++expected_steps;
      if (all_zero(expected)) {
        ++unseen;
        break;
      }
      query.prefix.push_back(static_cast<int>(greedy_pick(expected)));
    }
    REQUIRE(trace.answers.size() == expected_steps);
    REQUIRE(trace.passes.size() == expected_steps);
    steps += static_cast<int>(expected_steps);
  }
  CHECK(steps > 100);
  CHECK(unseen > 0);  // the unseen path was traced too
}

TEST_CASE("label-averaging trace: the mean label of the k nearest", "[teaching][average]") {
  for (std::uint64_t trial = 0; trial < 150; ++trial) {
    Stream stream({2026, 22, trial});
    const int d = 1 + draw(stream, 3);
    VectorPrompt prompt{d, {}, random_vector(stream, d)};
    prompt.examples.resize(static_cast<std::size_t>(1 + draw(stream, 10)));
    for (auto& e : prompt.examples) e = {random_vector(stream, d), Rational(draw(stream, 2))};
    const bool retrieve = draw(stream, 2) == 1;
    const int k = retrieve ? 1 + draw(stream, static_cast<int>(prompt.examples.size()))
                           : static_cast<int>(prompt.examples.size());
    const Trace trace =
        trace_label_averaging(prompt, {retrieve ? std::optional<int>(k) : std::nullopt, true});
    std::vector<LabelledPoint> chosen;
    for (std::size_t j :
         nearest_examples(prompt.examples, *prompt.query, static_cast<std::size_t>(k))) {
      chosen.push_back(prompt.examples[j]);
    }
    REQUIRE(trace.answers.at(0) == std::vector<Rational>{mean_label(chosen)});
    REQUIRE(trace.tables.size() == (retrieve ? 1u : 0u));
  }
}

TEST_CASE("GD trace: w_t and the prediction after each layer are explicit GD's", "[teaching][gd]") {
  const Rational etas[] = {Rational(1, 10), Rational(1, 2), Rational(3, 7)};
  for (std::uint64_t trial = 0; trial < 100; ++trial) {
    Stream stream({2026, 23, trial});
    const int d = 1 + draw(stream, 3), n = 1 + draw(stream, 6), steps = 1 + draw(stream, 4);
    const Rational& eta = etas[draw(stream, 3)];
    VectorPrompt prompt{d, {}, random_vector(stream, d)};
    for (int j = 0; j < n; ++j)
      prompt.examples.push_back({random_vector(stream, d), small_fraction(stream)});
    const Trace trace = trace_gradient_descent(prompt, {steps, eta, true});
    REQUIRE(trace.answers.at(0) == std::vector<Rational>{gradient_descent_prediction(
                                       prompt.examples, *prompt.query, steps, eta)});
    // The step table lists the implicit and the explicit iterates, equal, layer by layer.
    const auto iterates = gradient_descent_weights(prompt.examples, d, steps, eta);
    const Table& table = trace.passes.at(0).tables.at(0);
    REQUIRE(table.rows.size() == static_cast<std::size_t>(steps));
    for (int t = 1; t <= steps; ++t) {
      const auto& row = table.rows[static_cast<std::size_t>(t - 1)];
      CHECK(row.at(1) == show_vector(iterates[static_cast<std::size_t>(t)]));
      CHECK(row.at(2) == row.at(1));
      CHECK(row.at(3) ==
            to_string(gradient_descent_prediction(prompt.examples, *prompt.query, t, eta)));
    }
  }
}

TEST_CASE("perceptron trace: the most-violated perceptron, loop by loop",
          "[teaching][perceptron]") {
  int converged = 0, capped = 0;
  for (std::uint64_t trial = 0; trial < 150; ++trial) {
    Stream stream({2026, 24, trial});
    const int d = 1 + draw(stream, 2);
    VectorPrompt prompt{d, {}, std::nullopt};
    // Random labels: separable or not, so both the fixed point and the cap occur.
    for (int j = 0; j < 1 + draw(stream, 6); ++j) {
      std::vector<Rational> x;
      for (int i = 0; i < d; ++i) x.push_back(draw(stream, 7) - 3);
      prompt.examples.push_back({x, draw(stream, 2) == 1 ? Rational(1) : Rational(-1)});
    }
    const int cap = 1 + draw(stream, 30);
    const Trace trace = trace_perceptron(prompt, {cap, false});
    const auto expected = perceptron_reference(prompt.examples, cap);
    REQUIRE(trace.answers.at(0) == expected.weights);
    const auto& loops = trace.passes.at(0).layers.at(0).tables.at(0).rows;
    // One row per update, and one more that finds nothing violated when converged.
    REQUIRE(loops.size() ==
            static_cast<std::size_t>(expected.updates + (expected.converged ? 1 : 0)));
    if (expected.converged) {
      CHECK(loops.back().at(3) == "the weight row (score 0): none violated");
      ++converged;
    } else {
      ++capped;
    }
  }
  CHECK(converged > 20);
  CHECK(capped > 5);
}

TEST_CASE("the counting trace explains its scores: known answers", "[teaching][counting]") {
  const Trace trace = trace_counting(parse_text_prompt("a x ; a y ; a x ; a"), {true});
  const PassTrace& pass = trace.passes.at(0);
  const HeadTrace& shift1 = pass.layers.at(0).heads.at(0);
  CHECK(shift1.key_notes.at(9).rfind("81 = 9²", 0) == 0);  // a full prefix match: (i-1)²
  const HeadTrace& induction = pass.layers.at(2).heads.at(0);
  CHECK(induction.key_notes.at(2).rfind("4 = 2×2: all 2 symbols match", 0) == 0);
  CHECK(pass.layers.at(0).mlp->lines.at(1) == "gate1 = ReLU(1) - ReLU(0) = 1 - 0 = 1");
  CHECK(trace.answers.at(0) == std::vector<Rational>{Rational(2, 3), Rational(1, 3)});
  REQUIRE(trace.float_comparison);
  CHECK(trace.float_comparison->first_difference ==
        "layer 2, head induction, row 10 'a', key 2 'x': exact weight 1/3, double "
        "0.33333333333333331 (1/3 is not representable in binary)");
  CHECK(trace.float_comparison->head_id == "step1-layer2-induction");
  CHECK(trace.float_comparison->row == 10);
  CHECK(trace.float_comparison->key == 2);

  const Trace unseen = trace_counting(parse_text_prompt("a x ; b y ; c"), {});
  const HeadTrace& fallback = unseen.passes.at(0).layers.at(2).heads.at(0);
  CHECK(fallback.weights.back().at(0) == 1);  // BOS, whose value is zero
  CHECK(fallback.key_notes.at(0).rfind("3 = 2×1 + 1: BOS", 0) == 0);
  CHECK(unseen.passes.at(0).result.at(1).rfind("unseen: no example has context 'c'", 0) == 0);
}

TEST_CASE("double precision departs where the exact values have no binary form",
          "[teaching][float]") {
  // Integer data and η/N = 1/4: every value is dyadic, the runs are equal.
  const VectorPrompt dyadic = parse_vector_prompt("1 0 : 2 ; 0 1 : -1 ; 1 1 : ?");
  CHECK(trace_gradient_descent(dyadic, {2, Rational(1, 2), true})
            .float_comparison->first_difference == "none, every value of the run is equal");
  // 0.1 is already rounded when the prompt is embedded.
  const VectorPrompt decimal = parse_vector_prompt("0.1 0.3 : +1 ; 0.2 -0.1 : -1");
  CHECK(trace_perceptron(decimal, {100, true}).float_comparison->first_difference ==
        "the embedded prompt, row 1 'ex1', z[0]: exact value 1/10, double 0.10000000000000001 "
        "(1/10 is not representable in binary)");
}

TEST_CASE("trace builders refuse prompts their construction cannot read", "[teaching]") {
  const VectorPrompt no_query = parse_vector_prompt("1 : 1 ; 2 : 0");
  CHECK_THROWS_WITH(trace_label_averaging(no_query, {}), Catch::Contains("needs a query"));
  CHECK_THROWS_WITH(trace_gradient_descent(no_query, {}), Catch::Contains("needs a query"));
  CHECK_THROWS_WITH(trace_perceptron(no_query, {}),
                    Catch::Contains("item 2's label is 0: the perceptron's labels are -1 or +1"));
  const VectorPrompt with_query = parse_vector_prompt("1 : 1 ; 2 : 0 ; 0 : ?");
  CHECK_THROWS_WITH(trace_label_averaging(with_query, {3, false}),
                    Catch::Contains("k = 3 is out of range: the prompt has 2 examples"));
}

TEST_CASE("a trace too large to record is refused before it runs", "[teaching]") {
  // The size estimate reads the counting layout without building the model: check
  // it against the model's width on a few prompts.
  for (const char* text :
       {"a x ; a y ; a", "c x y ; c x z ; d y y ; c", "a x y z ; b x x x ; a x"}) {
    INFO(text);
    const TextPrompt prompt = parse_text_prompt(text);
    CHECK(counting_trace_size(prompt).width ==
          CountingConstruction(prompt.spec).model().layout.width());
  }
  // 1000 outputs per example once ran out of memory after seconds (std::bad_alloc, exit 1).
  std::string thousand = "a";
  for (int i = 0; i < 1000; ++i) thousand += " x";
  thousand += " ; a";
  for (int i = 0; i < 1000; ++i) thousand += " y";
  thousand += " ; a";
  CHECK_THROWS_WITH(trace_counting(parse_text_prompt(thousand), {}),
                    Catch::StartsWith("the trace would record about 1.8e+13 numbers (1000 passes "
                                      "x 1003 attention maps of 3005 rows") &&
                        Catch::EndsWith("above the limit of 3e+06: fewer examples or fewer outputs "
                                        "per example"));
  std::string many = "1 : 1";
  for (int i = 0; i < 1500; ++i) many += " ; " + std::to_string(i) + " : 1";
  many += " ; 0 : ?";
  const VectorPrompt big = parse_vector_prompt(many);
  CHECK_THROWS_WITH(trace_label_averaging(big, {}), Catch::Contains("above the limit of 3e+06"));
  CHECK_THROWS_WITH(trace_gradient_descent(big, {}),
                    Catch::EndsWith("fewer examples or fewer --steps"));
  std::string sixty = "1 : 1";
  for (int i = 0; i < 60; ++i) sixty += " ; " + std::to_string(i % 7) + " : 1";
  sixty += " ; 0 : ?";
  CHECK_THROWS_WITH(
      trace_gradient_descent(parse_vector_prompt(sixty), {1000, Rational(1, 2), false}),
      Catch::Contains("2000 attention maps of 62 rows"));
  const VectorPrompt small = parse_vector_prompt("1 : 1 ; 2 : 0 ; 0 : ?");
  CHECK_NOTHROW(trace_gradient_descent(small, {1000, Rational(1, 2), false}));
}

TEST_CASE("double precision that overflows is shown, never converted to a fraction", "[teaching]") {
  // 1e400 has no double: comparing the double run with the exact one once asked GMP
  // for the exact value of inf, which stops the process (SIGFPE, exit 136).
  const VectorPrompt big = parse_vector_prompt("1e400 0 : 2 ; 0 1 : -1 ; 1 1 : ?");
  for (const Trace& trace : {trace_label_averaging(big, {std::nullopt, true}),
                             trace_gradient_descent(big, {2, Rational(1, 2), true})}) {
    REQUIRE(trace.float_comparison);
    CHECK(trace.float_comparison->departs);
    CHECK_THAT(trace.float_comparison->first_difference, Catch::Contains("overflowed"));
  }
  const VectorPrompt perceptron = parse_vector_prompt("1e400 0 : 1 ; 0 1 : -1");
  CHECK_NOTHROW(trace_perceptron(perceptron, {100, true}));
  CHECK_NOTHROW(trace_gradient_descent(parse_vector_prompt("1 0 : 2 ; 0 1 : -1 ; 1 1 : ?"),
                                       {3, parse_rational("1e400"), true}));
}
