// The forward pass keeps the stream by its non-zeros; these properties pin it to the
// plain dense pass (tests/transformer/dense_reference.h) on random models — every
// scoring rule, causal or not, looped layers, MLP biases, matrices whose entries were
// set in any order — in all three number types, records included, and pin the
// sparse prompt (SparseStreamRows) to the dense one.
#include "sim/random/stream.h"
#include "sim/transformer/construction_counting.h"
#include "sim/transformer/forward.h"
#include "tests/random_instances.h"
#include "tests/transformer/dense_reference.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

using namespace elicit;
using namespace elicit::transformer;
using elicit::testing::draw;
namespace reference = elicit::testing::dense_reference;

namespace {

// Zero half the time, else a small fraction p/q with |p| <= 3, q <= 4: values
// that double rounds, so that the order of a sum shows in its bits.
Rational sparse_value(Stream& stream) {
  if (draw(stream, 2) == 0) return 0;
  return Rational(draw(stream, 7) - 3, 1 + draw(stream, 4));
}

// A matrix with a few entries set in random order (columns then receive their
// entries out of row order, as some hand-set matrices do).
SparseMatrix random_matrix(Stream& stream, int rows, int cols) {
  SparseMatrix m(rows, cols);
  const int entries = 1 + draw(stream, rows * cols / 2 + 1);
  for (int e = 0; e < entries; ++e) {
    const Rational value = sparse_value(stream);
    m.set(draw(stream, rows), draw(stream, cols), value == 0 ? Rational(1, 3) : value);
  }
  return m;
}

std::vector<Rational> random_bias(Stream& stream, int size) {
  std::vector<Rational> bias;
  for (int i = 0; i < size; ++i) bias.push_back(sparse_value(stream));
  return bias;
}

Model random_model(Stream& stream, bool causal_unlooped) {
  Model model;
  model.name = "random";
  const int width = 3 + draw(stream, 6);
  model.layout.add("a", width - 2);
  model.layout.add("out", 2);
  model.readout = "out";
  const int layers = 1 + draw(stream, 3);
  for (int l = 0; l < layers; ++l) {
    Layer layer;
    const int heads = draw(stream, 3);
    const int dim = 1 + draw(stream, 3);
    for (int h = 0; h < heads; ++h) {
      const auto scoring = static_cast<Scoring>(draw(stream, 3));
      Head head{"h" + std::to_string(h),
                scoring,
                causal_unlooped || draw(stream, 2) == 0,
                random_matrix(stream, width, dim),
                random_matrix(stream, width, dim),
                random_matrix(stream, width, dim),
                random_matrix(stream, dim, width),
                Rational(1, 1 + draw(stream, 3))};
      // Heads that share their keys and values, as the counting shift heads do.
      if (h > 0 && draw(stream, 2) == 0) {
        head.key = layer.heads.front().key;
        head.value = layer.heads.front().value;
        if (head.value.cols != dim) head.value = random_matrix(stream, width, dim);
        if (head.key.cols != dim) head.key = random_matrix(stream, width, dim);
      }
      layer.heads.push_back(std::move(head));
    }
    if (draw(stream, 2) == 0) {
      const int hidden = 1 + draw(stream, 4);
      layer.mlp =
          Mlp{"mlp", random_matrix(stream, width, hidden),
              random_bias(stream, draw(stream, hidden + 2)), random_matrix(stream, hidden, width),
              random_bias(stream, draw(stream, width + 2))};
    }
    layer.max_loops = causal_unlooped ? 1 : 1 + draw(stream, 3);
    model.layers.push_back(std::move(layer));
  }
  return model;
}

StreamRows random_rows(Stream& stream, int width, int count) {
  StreamRows rows(static_cast<std::size_t>(count));
  for (auto& row : rows) {
    for (int c = 0; c < width; ++c) row.push_back(sparse_value(stream));
  }
  return rows;
}

template <class S>
void require_same(const RunResult<S>& got, const RunResult<S>& expected) {
  REQUIRE(got.output == expected.output);
  REQUIRE(got.stream == expected.stream);
  REQUIRE(got.loops == expected.loops);
  REQUIRE(got.attention.size() == expected.attention.size());
  for (std::size_t k = 0; k < got.attention.size(); ++k) {
    const auto& a = got.attention[k];
    const auto& b = expected.attention[k];
    REQUIRE(std::tie(a.layer, a.loop, a.head, a.scoring, a.row) ==
            std::tie(b.layer, b.loop, b.head, b.scoring, b.row));
    REQUIRE(a.scores == b.scores);
    REQUIRE(a.weights == b.weights);
  }
  REQUIRE(got.mlp.size() == expected.mlp.size());
  for (std::size_t k = 0; k < got.mlp.size(); ++k) {
    REQUIRE(got.mlp[k].pre_activation == expected.mlp[k].pre_activation);
    REQUIRE(got.mlp[k].hidden == expected.mlp[k].hidden);
    REQUIRE(got.mlp[k].added == expected.mlp[k].added);
  }
  REQUIRE(got.streams.size() == expected.streams.size());
  for (std::size_t k = 0; k < got.streams.size(); ++k) {
    REQUIRE(got.streams[k].layer == expected.streams[k].layer);
    REQUIRE(got.streams[k].loop == expected.streams[k].loop);
    REQUIRE(got.streams[k].rows == expected.streams[k].rows);
  }
}

RunOptions random_options(Stream& stream) {
  RunOptions options;
  if (draw(stream, 2) == 0) {
    options.record_attention = true;
    options.record_attention_all_rows = draw(stream, 2) == 0;
    options.record_mlp = true;
    options.record_streams = true;
  }
  options.last_layer_at_readout_only = draw(stream, 2) == 0;
  return options;
}

}  // namespace

TEST_CASE("the sparse forward pass equals the dense reference, bit for bit in double",
          "[transformer][sparse]") {
  int small_overflows = 0;
  for (std::uint64_t trial = 0; trial < 400; ++trial) {
    Stream stream({2026, 40, trial});
    const Model model = random_model(stream, false);
    const StreamRows rows = random_rows(stream, model.layout.width(), 1 + draw(stream, 7));
    const RunOptions options = random_options(stream);
    INFO("trial " << trial);
    require_same(run<double>(model, rows, options), reference::run<double>(model, rows, options));
    require_same(run<Rational>(model, rows, options),
                 reference::run<Rational>(model, rows, options));
    require_same(run_exact(model, rows, options), reference::run<Rational>(model, rows, options));
    // int64 fractions may overflow (then run_exact used GMP above); where neither
    // pass overflows they agree too.
    try {
      const auto expected = reference::run<SmallRational>(model, rows, options);
      require_same(run<SmallRational>(model, rows, options), expected);
    } catch (const std::overflow_error&) {
      ++small_overflows;
    }
  }
  CHECK(small_overflows < 200);  // most instances exercised the int64 path
}

TEST_CASE("a prefix session over sparse or dense rows answers as the dense reference does",
          "[transformer][sparse][session]") {
  for (std::uint64_t trial = 0; trial < 200; ++trial) {
    Stream stream({2026, 41, trial});
    const Model model = random_model(stream, true);
    const int width = model.layout.width();
    const StreamRows prefix = random_rows(stream, width, 1 + draw(stream, 6));
    const StreamRows suffix = random_rows(stream, width, 1 + draw(stream, 3));
    StreamRows whole = prefix;
    whole.insert(whole.end(), suffix.begin(), suffix.end());
    INFO("trial " << trial);
    const auto expected_double = reference::run<double>(model, whole).output;
    const auto expected = reference::run<Rational>(model, whole).output;
    CHECK(PrefixSession<double>(model, prefix).readout(suffix) == expected_double);
    CHECK(PrefixSession<double>(model, sparse_rows(prefix, width))
              .readout(sparse_rows(suffix, width)) == expected_double);
    CHECK(PrefixSession<Rational>(model, sparse_rows(prefix, width))
              .readout(sparse_rows(suffix, width)) == expected);
    CHECK(run_exact_with_prefix(model, sparse_rows(prefix, width), {sparse_rows(suffix, width)}) ==
          std::vector<std::vector<Rational>>{expected});
    CHECK(run_exact_with_prefix(model, prefix, {suffix}) ==
          std::vector<std::vector<Rational>>{expected});
  }
}

TEST_CASE("the counting prompt's sparse rows are its dense rows without the zeros",
          "[transformer][sparse][counting]") {
  const CountingConstruction construction({2, 3, 2});
  const std::vector<CountingExample> data = {{0, {1, 2}}, {1, {0, 0}}, {0, {2, 1}}};
  const auto tokens = construction.prompt(data, {1, {0}});
  const StreamRows dense = construction.embed(tokens);
  const SparseStreamRows sparse = construction.embed_sparse(tokens, 0, tokens.size());
  REQUIRE(sparse.width == construction.model().layout.width());
  CHECK(dense_rows(sparse) == dense);
  const SparseStreamRows again = sparse_rows(dense, sparse.width);
  REQUIRE(again.rows.size() == sparse.rows.size());
  for (std::size_t i = 0; i < sparse.rows.size(); ++i) {
    REQUIRE(again.rows[i].size() == sparse.rows[i].size());
    for (std::size_t k = 0; k < sparse.rows[i].size(); ++k) {
      CHECK(again.rows[i][k].col == sparse.rows[i][k].col);
      CHECK(again.rows[i][k].value == sparse.rows[i][k].value);
    }
  }
  // Row 5 is the second example's context token at position 5: token, symbol, 5, 25, 1.
  const auto& layout = construction.model().layout;
  const auto& row = sparse.rows[5];
  REQUIRE(row.size() == 5);
  CHECK(row[0].col == layout["tok"].at(CountingTokens::context(1)));
  CHECK(row[2].value == 5);
  CHECK(row[3].value == 25);
  CHECK(sparse.rows[0].size() == 3);  // BOS at position 0: p = p² = 0 are left out
}

TEST_CASE("sparse prompts are checked: width, and columns increasing inside it",
          "[transformer][sparse]") {
  const CountingConstruction construction({1, 2, 1});
  const Model& model = construction.model();
  const int width = model.layout.width();
  SparseStreamRows narrow{width - 1, {{{0, Rational(1)}}}};
  CHECK_THROWS_WITH(PrefixSession<Rational>(model, narrow), Catch::Contains("width mismatch"));
  SparseStreamRows unordered{width, {{{3, Rational(1)}, {2, Rational(1)}}}};
  CHECK_THROWS_WITH(PrefixSession<Rational>(model, unordered),
                    Catch::Contains("columns must increase"));
  SparseStreamRows outside{width, {{{width, Rational(1)}}}};
  CHECK_THROWS_AS(PrefixSession<Rational>(model, outside), std::invalid_argument);
  CHECK_THROWS_AS(dense_rows(outside), std::invalid_argument);
  CHECK_THROWS_AS(sparse_rows({{Rational(1)}}, width), std::invalid_argument);
}

TEST_CASE("SparseMatrix::set adds entries in order and replaces one set twice",
          "[transformer][sparse]") {
  SparseMatrix m(3, 2);
  m.set(2, 1, Rational(1, 2));
  m.set(0, 0, 5);
  m.set(2, 1, 7);  // replaced where it stands
  REQUIRE(m.entries.size() == 2);
  CHECK((m.entries[0].row == 2 && m.entries[0].col == 1 && m.entries[0].value == 7));
  CHECK((m.entries[1].row == 0 && m.entries[1].col == 0 && m.entries[1].value == 5));
  CHECK_THROWS_AS(m.set(3, 0, 1), std::logic_error);
  CHECK_THROWS_AS(m.set(0, 2, 1), std::logic_error);
  SparseMatrix copy = m;  // a copy keeps replacing, not duplicating
  copy.set(0, 0, 6);
  CHECK(copy.entries.size() == 2);
  CHECK(copy.entries[1].value == 6);
  CHECK(m.entries[1].value == 5);
}
