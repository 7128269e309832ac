#include "sim/experiments/counting_replay.h"

#include "sim/sampling/multinomial.h"
#include "sim/transformer/forward.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <limits>
#include <numeric>

namespace elicit::experiments {

using transformer::CountingExample;

std::optional<engine::ReplayOutcome> skip_if_longer(std::optional<std::int64_t> tokens,
                                                    std::int64_t max_tokens) {
  if (tokens && *tokens <= max_tokens) return std::nullopt;
  const std::string length =
      tokens ? std::to_string(*tokens)
             : "more than " + std::to_string(std::numeric_limits<std::int64_t>::max());
  return engine::ReplayOutcome{
      false, fmt::format("skipped: prompt of {} tokens > {}", length, max_tokens)};
}

std::vector<CountingExample> examples_of(
    Stream& stream, const std::vector<std::vector<std::int64_t>>& counts,
    const std::function<std::vector<int>(std::int64_t)>& decode) {
  std::vector<CountingExample> data;
  for (std::size_t context = 0; context < counts.size(); ++context) {
    for (int index : sampling::shuffled_tokens(stream, counts[context]))
      data.push_back({static_cast<int>(context), decode(index)});
  }
  shuffle(stream, data);
  return data;
}

std::vector<std::vector<Rational>> counting_outputs(
    const transformer::CountingConstruction& construction, const std::vector<CountingExample>& data,
    const std::vector<transformer::CountingQuery>& queries) {
  const auto first = construction.prompt(data, queries.front());
  (void)construction.parse(first);  // the whole prompt's structure, once
  // The shared prefix ends before the query's SEP: BOS, examples, separators.
  const std::size_t prefix_end = first.size() - 2 - queries.front().prefix.size();
  std::vector<transformer::SparseStreamRows> suffixes;
  for (const auto& query : queries) {
    const auto tokens = construction.prompt(data, query);
    suffixes.push_back(construction.embed_sparse(tokens, prefix_end, tokens.size()));
  }
  return transformer::run_exact_with_prefix(
      construction.model(), construction.embed_sparse(first, 0, prefix_end), suffixes);
}

std::vector<Rational> empirical(const std::vector<std::int64_t>& counts) {
  const std::int64_t n = std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
  std::vector<Rational> out;
  out.reserve(counts.size());
  for (auto c : counts) out.push_back(Rational(c, n));
  return out;
}

void require_replay_equal(const std::vector<Rational>& transformer,
                          const std::vector<Rational>& fast_path, const std::string& what) {
  if (transformer == fast_path) return;
  auto show = [](const std::vector<Rational>& values) {
    std::vector<std::string> text;
    text.reserve(values.size());
    for (const auto& v : values) text.push_back(to_string(v));
    return fmt::format("{}", fmt::join(text, ","));
  };
  throw engine::ReplayMismatch(fmt::format("{}: transformer output [{}] != fast path [{}]", what,
                                           show(transformer), show(fast_path)));
}

}  // namespace elicit::experiments
