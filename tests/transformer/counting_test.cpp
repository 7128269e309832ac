// The counting / induction-head transformer computes exactly the empirical
// next-token distribution, on random datasets, contexts, prefixes and lengths.
#include "sim/random/stream.h"
#include "sim/transformer/construction_counting.h"
#include "sim/transformer/forward.h"
#include "tests/random_instances.h"

#include <catch2/catch.hpp>

using namespace elicit;
using namespace elicit::transformer;
using elicit::testing::draw;

namespace {

// A random instance: small alphabets make repeated prefixes (and ties) common.
CountingSpec random_spec(Stream& stream) {
  return {1 + draw(stream, 3), 1 + draw(stream, 5), 1 + draw(stream, 3)};
}

std::vector<CountingExample> random_dataset(Stream& stream, const CountingSpec& spec,
                                            int max_examples) {
  std::vector<CountingExample> data(static_cast<std::size_t>(1 + draw(stream, max_examples)));
  for (auto& example : data) {
    example.context = draw(stream, spec.contexts);
    for (int t = 0; t < spec.length; ++t) example.outputs.push_back(draw(stream, spec.outputs));
  }
  return data;
}

CountingQuery random_query(Stream& stream, const CountingSpec& spec) {
  CountingQuery query{draw(stream, spec.contexts), {}};
  const int prefix_length = draw(stream, spec.length);
  for (int t = 0; t < prefix_length; ++t) query.prefix.push_back(draw(stream, spec.outputs));
  return query;
}

std::string show(const std::vector<Rational>& v) {
  std::string out;
  for (const auto& x : v) out += to_string(x) + " ";
  return out;
}

}  // namespace

TEST_CASE("counting transformer output == empirical next-token distribution, exactly",
          "[transformer][counting]") {
  int unseen = 0;
  for (std::uint64_t trial = 0; trial < 300; ++trial) {
    Stream stream({2026, 1, trial});
    const CountingSpec spec = random_spec(stream);
    const CountingConstruction construction(spec);
    const auto data = random_dataset(stream, spec, 30);
    const CountingQuery query = random_query(stream, spec);

    const auto expected = empirical_next_token(spec, data, query);
    const auto result =
        run_exact(construction.model(), construction.embed(construction.prompt(data, query)));
    INFO("m=" << spec.contexts << " V=" << spec.outputs << " l=" << spec.length
              << " n=" << data.size());
    INFO("expected " << show(expected) << " got " << show(result.output));
    REQUIRE(result.output == expected);
    unseen +=
        std::all_of(expected.begin(), expected.end(), [](const Rational& x) { return x == 0; });
  }
  CHECK(unseen > 0);  // the BOS fallback path was exercised
}

TEST_CASE("a prefix session answers every query exactly as a full run does",
          "[transformer][counting][session]") {
  for (std::uint64_t trial = 0; trial < 60; ++trial) {
    Stream stream({2026, 5, trial});
    const CountingSpec spec = random_spec(stream);
    const CountingConstruction construction(spec);
    const auto data = random_dataset(stream, spec, 25);
    // The shared prefix: everything before the query's SEP.
    const auto first_prompt = construction.prompt(data, {0, {}});
    const std::size_t prefix_end = first_prompt.size() - 2;
    const auto prefix = construction.embed_from(first_prompt, 0, prefix_end);
    std::vector<StreamRows> suffixes;
    std::vector<std::vector<Rational>> expected;
    for (int q = 0; q < 4; ++q) {
      const auto tokens = construction.prompt(data, random_query(stream, spec));
      suffixes.push_back(construction.embed_from(tokens, prefix_end, tokens.size()));
      expected.push_back(run_exact(construction.model(), construction.embed(tokens)).output);
    }
    REQUIRE(run_exact_with_prefix(construction.model(), prefix, suffixes) == expected);
    // The double-precision session agrees with the double-precision full run too.
    const PrefixSession<double> session(construction.model(), prefix);
    const auto tokens = construction.prompt(data, {0, {}});
    CHECK(session.readout(construction.embed_from(tokens, prefix_end, tokens.size())) ==
          run<double>(construction.model(), construction.embed(tokens)).output);
  }
}

TEST_CASE("the paper-style example: examples (a x) (a y) (a x), query a: x 2/3 and y 1/3",
          "[transformer][counting]") {
  const CountingSpec spec{1, 2, 1};
  const CountingConstruction construction(spec);
  const std::vector<CountingExample> data = {{0, {0}}, {0, {1}}, {0, {0}}};
  const auto result =
      run_exact(construction.model(), construction.embed(construction.prompt(data, {0, {}})));
  CHECK(result.output == std::vector<Rational>{Rational(2, 3), Rational(1, 3)});
}

TEST_CASE("malformed counting prompts are refused with the place at fault",
          "[transformer][counting]") {
  const CountingConstruction construction({2, 3, 2});
  CHECK_THROWS_WITH(construction.prompt({}, {0, {}}), Catch::Contains("dataset is empty"));
  CHECK_THROWS_WITH(construction.prompt({{0, {1}}}, {0, {}}),
                    Catch::Contains("example 1 has 1 output symbols, expected 2"));
  CHECK_THROWS_WITH(construction.prompt({{0, {1, 5}}}, {0, {}}),
                    Catch::Contains("output symbol 5 out of range"));
  CHECK_THROWS_WITH(construction.prompt({{0, {1, 2}}}, {3, {}}),
                    Catch::Contains("query: context 3"));
  const int c0 = CountingTokens::context(0), y0 = CountingTokens::output(construction.spec(), 0);
  // Missing SEP between two examples.
  CHECK_THROWS_WITH(construction.embed({0, c0, y0, y0, c0, y0, y0, 1, c0}),
                    Catch::Contains("missing SEP"));
  CHECK_THROWS_WITH(construction.embed({0, c0, y0, 99, 1, c0}),
                    Catch::Contains("token 99 at position 3"));
  CHECK_THROWS_WITH(construction.embed({0, c0}), Catch::Contains("no examples"));
}
