// The counting / induction-head construction (T2, T5; docs/theory.md §3.1, §3.5).
//
// Prompt: [BOS, c, y_1..y_l, SEP, c, y_1..y_l, SEP, …, c, y_1..y_{t}] — the paper's
// [x₁ y₁ SEP … x] with a BOS in front. Reading it, the model outputs the empirical
// distribution of the token that followed the same (context, prefix) in the
// examples: exactly the count-based estimate p̂(y_{t+1} | c, y_1..y_t).
//
// Three layers, all integer until the final average:
//   0  shift heads copy the symbol k = 1..l+1 places back (unique hard attention,
//      score 2(i−k)j − j², maximal at j = i−k); a boundary head finds the latest
//      SEP/BOS; the MLP turns the offset from it into gates [offset ≥ k]
//   1  MLP: the query's gated prefix (symbol k back, if still inside its example)
//   2  induction head (averaging hard attention): score 2 · #(matching prefix
//      symbols); a full match scores 2·offset + 2, BOS scores 2·offset + 1, so an
//      unseen prefix reads BOS and outputs all zeros rather than a partial match
#pragma once

#include "sim/transformer/model.h"

#include <optional>
#include <string>
#include <vector>

namespace elicit::transformer {

struct CountingSpec {
  int contexts = 1;  // m
  int outputs = 2;   // V
  int length = 1;    // l
};

struct CountingExample {
  int context = 0;
  std::vector<int> outputs;  // exactly `length` symbols in [0, V)
};

struct CountingQuery {
  int context = 0;
  std::vector<int> prefix;  // fewer than `length` symbols
};

// Token ids: 0 BOS, 1 SEP, then contexts, then outputs.
struct CountingTokens {
  static constexpr int bos = 0;
  static constexpr int sep = 1;
  static int context(int c) { return 2 + c; }
  static int output(const CountingSpec& spec, int v) { return 2 + spec.contexts + v; }
};

class CountingConstruction {
 public:
  explicit CountingConstruction(CountingSpec spec);

  const Model& model() const { return model_; }
  const CountingSpec& spec() const { return spec_; }

  // The token prompt; throws std::invalid_argument on a malformed dataset/query.
  std::vector<int> prompt(const std::vector<CountingExample>& data,
                          const CountingQuery& query) const;
  // Checks a token prompt's structure (BOS, examples of l outputs separated by SEP,
  // a query) and returns its dataset and query; errors say where it breaks.
  std::pair<std::vector<CountingExample>, CountingQuery> parse(
      const std::vector<int>& tokens) const;
  StreamRows embed(const std::vector<int>& tokens) const;
  // Rows of tokens[first..] at their absolute positions, without the structure
  // check: the suffix of a prompt for a PrefixSession (check the whole with parse).
  StreamRows embed_from(const std::vector<int>& tokens, std::size_t first, std::size_t end) const;
  // The same rows by their non-zeros (five a row: token, symbol, p, p², 1), for long
  // prompts: memory per token instead of per token × width.
  SparseStreamRows embed_sparse(const std::vector<int>& tokens, std::size_t first,
                                std::size_t end) const;

 private:
  CountingSpec spec_;
  Model model_;
};

// The token prompt of `data` and `query` under `spec` (what CountingConstruction::
// prompt returns), without building the model: a parser needs only the tokens, and
// a long prompt's model has (l+1)(m+V) weights per head.
std::vector<int> counting_prompt(const CountingSpec& spec, const std::vector<CountingExample>& data,
                                 const CountingQuery& query);

// The reference (fast path): count the examples with this context and prefix and
// return the distribution of their next symbol; all zeros when there are none.
std::vector<Rational> empirical_next_token(const CountingSpec& spec,
                                           const std::vector<CountingExample>& data,
                                           const CountingQuery& query);

}  // namespace elicit::transformer
