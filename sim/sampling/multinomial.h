// Drawing what a learner reads from n samples: a count vector.
//
// The counting head (and every estimator the theorems use) depends on the n
// samples of a context only through their counts, so a trial draws the counts
// directly — multinomial by conditional binomials, O(V) per context — instead of
// n tokens one by one (DESIGN.md principle 3). Binomials come from Boost.Random's
// BTRD/inversion sampler, fed by the trial's Stream.
//
// Sampling uses the probabilities rounded to double (a relative change of 1e-16 in
// the law of a draw); the error of the drawn counts is then computed exactly.
//
//   std::vector<std::int64_t> counts = multinomial_counts(stream, 1000, probabilities);
#pragma once

#include "sim/random/stream.h"

#include <cstdint>
#include <vector>

namespace elicit::sampling {

std::int64_t binomial(Stream& stream, std::int64_t trials, double p);

// Counts of `n` draws from `probabilities` (non-negative, summing to 1).
std::vector<std::int64_t> multinomial_counts(Stream& stream, std::int64_t n,
                                             const std::vector<double>& probabilities);

// Categorical draws by inversion of the cumulative distribution, O(log V) each.
class CategoricalSampler {
 public:
  explicit CategoricalSampler(const std::vector<double>& probabilities);
  std::size_t draw(Stream& stream) const;
  // Counts of n draws, token by token.
  std::vector<std::int64_t> counts(Stream& stream, std::int64_t n) const;

 private:
  std::vector<double> cumulative_;
};

// The same law as multinomial_counts, token by token: O(n log V). The slow path
// the sufficient statistic replaces, kept for the benchmark and to test that both
// paths agree in distribution.
std::vector<std::int64_t> token_by_token_counts(Stream& stream, std::int64_t n,
                                                const std::vector<double>& probabilities);

// n of the `population` counts drawn without replacement (multivariate
// hypergeometric), by sequential draws: O(n). Used for a subset D' of a dataset D.
std::vector<std::int64_t> subsample_counts(Stream& stream, std::int64_t n,
                                           const std::vector<std::int64_t>& population);

// The tokens of a count vector in a uniformly random order (Fisher–Yates): the real
// prompt for a transformer replay of a trial.
std::vector<int> shuffled_tokens(Stream& stream, const std::vector<std::int64_t>& counts);

}  // namespace elicit::sampling
