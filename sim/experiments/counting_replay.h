// The steps every text-generation experiment shares when it replays a trial through
// the counting transformer (docs/design.md principle 2): skip prompts above the token
// cap, turn the trial's count vectors back into a dataset in a random order, run
// the dataset prompt once for all queries, and compare with the fast path exactly.
//
//   const auto tokens = prompt_tokens([&] { return checked_add(checked_mul(3, n), 2); });
//   if (auto skipped = skip_if_longer(tokens, max_tokens)) return *skipped;
//   const auto data = examples_of(stream, {counts}, decode);
//   const auto outputs = counting_outputs(construction, data, queries);
//   require_replay_equal(outputs[0], empirical(counts), "trial 3");
#pragma once

#include "sim/engine/experiment.h"
#include "sim/exact/checked_int.h"
#include "sim/transformer/construction_counting.h"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace elicit::experiments {

// The length of a replay's prompt, computed by `count` with checked arithmetic
// (checked_int.h): it grows with n, which the user sets (a grid value, or the n*
// search up to n_max), so a product may pass int64. nullopt then: too long to
// replay, never a wrapped-around count.
//
//   const auto tokens = prompt_tokens([&] { return checked_add(checked_mul(3, n), 2); });
template <class Count>
std::optional<std::int64_t> prompt_tokens(Count count) {
  try {
    return count();
  } catch (const std::overflow_error&) {
    return std::nullopt;
  }
}

// nullopt when a prompt of `tokens` tokens may be replayed; else the outcome that
// says it was skipped and why (nullopt tokens: more than int64 holds).
std::optional<engine::ReplayOutcome> skip_if_longer(std::optional<std::int64_t> tokens,
                                                    std::int64_t max_tokens);

// The dataset a trial's counts stand for: counts[i][index] examples of context i
// whose outputs are decode(index), in a uniformly random order drawn from `stream`.
std::vector<transformer::CountingExample> examples_of(
    Stream& stream, const std::vector<std::vector<std::int64_t>>& counts,
    const std::function<std::vector<int>(std::int64_t)>& decode);

// The counting transformer's outputs for several queries on one dataset prompt:
// the dataset runs once through a PrefixSession, each query only its own rows.
std::vector<std::vector<Rational>> counting_outputs(
    const transformer::CountingConstruction& construction,
    const std::vector<transformer::CountingExample>& data,
    const std::vector<transformer::CountingQuery>& queries);

// The fast path's estimate for one context: counts / n.
std::vector<Rational> empirical(const std::vector<std::int64_t>& counts);

// Throws engine::ReplayMismatch unless the transformer's output equals the fast
// path's estimate exactly; `what` names the trial and query.
void require_replay_equal(const std::vector<Rational>& transformer,
                          const std::vector<Rational>& fast_path, const std::string& what);

}  // namespace elicit::experiments
