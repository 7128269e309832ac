// Drawing what a learner reads from n samples: a count vector.
//
// The counting head (and every estimator the theorems use) depends on the n
// samples of a context only through their counts, so a trial draws the counts
// directly (docs/design.md principle 3), by whichever of two exact methods is cheaper:
//   - conditional binomials, c_v ~ Bin(n − c_<v, p_v / (1 − p_<v)): O(V) whatever n
//     (Boost.Random's BTRD/inversion binomial), for n large against V;
//   - n draws one by one, O(n): Lemire's unbiased integers for a uniform law (while
//     n <= 16 V), the alias method (Boost.Random's discrete_distribution) otherwise
//     (while n <= V): below these sizes n draws cost less than V binomials.
// Both draw from the same multinomial law, so a trial's cost is O(V) at any n.
//
// Sampling uses the probabilities rounded to double (a relative change of 1e-16 in
// the law of a draw); the error of the drawn counts is then computed exactly.
//
//   MultinomialSampler sampler(probabilities);
//   std::vector<std::int64_t> counts = sampler.counts(stream, 1000);
#pragma once

#include "sim/random/stream.h"

#include <boost/random/discrete_distribution.hpp>

#include <cstdint>
#include <vector>

namespace elicit::sampling {

std::int64_t binomial(Stream& stream, std::int64_t trials, double p);

// Counts of `n` draws from `probabilities` (non-negative, summing to 1) by
// conditional binomials: O(V).
std::vector<std::int64_t> multinomial_counts(Stream& stream, std::int64_t n,
                                             const std::vector<double>& probabilities);

class MultinomialSampler {
 public:
  // Draws one by one while n <= (draws per symbol) · V. Measured on this machine
  // (V = 4 … 256): a binomial costs about 57 ns, a uniform draw 2.5 ns, an alias
  // draw 13 ns, so draws win below about 16 V (uniform) and V (alias).
  static constexpr std::int64_t kUniformDrawsPerSymbol = 16;
  static constexpr std::int64_t kAliasDrawsPerSymbol = 1;

  explicit MultinomialSampler(std::vector<double> probabilities);
  std::size_t symbols() const { return probabilities_.size(); }
  // Counts of n draws, into `out` (resized to V).
  void counts(Stream& stream, std::int64_t n, std::vector<std::int64_t>& out) const;
  std::vector<std::int64_t> counts(Stream& stream, std::int64_t n) const;
  // One draw (a symbol index).
  std::size_t draw(Stream& stream) const;
  // Counts of n draws one by one, whatever n: the slow path the binomials replace
  // for large n, kept for the benchmark and the tests that both have one law.
  void counts_by_draws(Stream& stream, std::int64_t n, std::vector<std::int64_t>& out) const;

 private:
  std::vector<double> probabilities_;
  bool uniform_;
  boost::random::discrete_distribution<std::size_t, double> alias_;
};

// n of the `population` counts drawn without replacement (multivariate
// hypergeometric), by sequential draws: O(n·V). Used for a subset D' of a dataset D.
std::vector<std::int64_t> subsample_counts(Stream& stream, std::int64_t n,
                                           const std::vector<std::int64_t>& population);

// The tokens of a count vector in a uniformly random order (Fisher–Yates): the real
// prompt for a transformer replay of a trial.
std::vector<int> shuffled_tokens(Stream& stream, const std::vector<std::int64_t>& counts);

}  // namespace elicit::sampling
