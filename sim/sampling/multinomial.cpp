#include "sim/sampling/multinomial.h"

#include <boost/random/binomial_distribution.hpp>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace elicit::sampling {

std::int64_t binomial(Stream& stream, std::int64_t trials, double p) {
  if (trials <= 0 || p <= 0) return 0;
  if (p >= 1) return trials;
  boost::random::binomial_distribution<std::int64_t, double> distribution(trials, p);
  return distribution(stream);
}

std::vector<std::int64_t> multinomial_counts(Stream& stream, std::int64_t n,
                                             const std::vector<double>& probabilities) {
  std::vector<std::int64_t> counts(probabilities.size(), 0);
  std::int64_t remaining = n;
  double remaining_mass = 1.0;
  for (std::size_t v = 0; v + 1 < probabilities.size() && remaining > 0; ++v) {
    // Given the earlier counts, c_v ~ Binomial(remaining, p_v / remaining mass).
    const double conditional =
        remaining_mass > 0 ? std::min(1.0, probabilities[v] / remaining_mass) : 1.0;
    counts[v] = binomial(stream, remaining, conditional);
    remaining -= counts[v];
    remaining_mass -= probabilities[v];
  }
  if (!counts.empty()) counts.back() += remaining;
  return counts;
}

MultinomialSampler::MultinomialSampler(std::vector<double> probabilities)
    : probabilities_(std::move(probabilities)),
      uniform_(std::all_of(probabilities_.begin(), probabilities_.end(),
                           [&](double p) { return p == probabilities_.front(); })),
      alias_(probabilities_.begin(), probabilities_.end()) {}

std::size_t MultinomialSampler::draw(Stream& stream) const {
  if (uniform_) return uniform_below(stream, probabilities_.size());
  return alias_(stream);
}

namespace {

__extension__ typedef unsigned __int128 Uint128;

// n uniform symbols among V, k at a time from one 64-bit word (Brackett-Rozinsky &
// Lemire 2024, "Batched ranged random integer generation"): multiplying the word by
// V k times yields the k base-V digits of floor(word·V^k / 2^64), and the final low
// word is (word·V^k) mod 2^64, so Lemire's rejection test for the bound V^k keeps
// the digits exactly uniform. One word and k multiplications per k symbols.
void uniform_counts(Stream& stream, std::int64_t n, std::uint64_t symbols,
                    std::vector<std::int64_t>& out) {
  if (symbols == 1) {
    out[0] = n;
    return;
  }
  int per_word = 0;
  std::uint64_t bound = 1;  // V^per_word < 2^64
  while (static_cast<Uint128>(bound) * symbols <= ~std::uint64_t{0}) {
    bound *= symbols;
    ++per_word;
  }
  const std::uint64_t threshold = (0 - bound) % bound;
  // The digits of one word, or false when Lemire's test rejects it.
  auto digits_of = [&](std::uint64_t low, std::uint64_t* digits) {
    for (int i = 0; i < per_word; ++i) {
      const Uint128 product = static_cast<Uint128>(low) * symbols;
      digits[i] = static_cast<std::uint64_t>(product >> 64);
      low = static_cast<std::uint64_t>(product);
    }
    return low >= threshold;
  };
  std::uint64_t a[64], b[64];
  // Two words at a time: their multiplication chains are independent, so the
  // processor overlaps them. A rejected word is replaced by the next word drawn.
  while (n >= 2 * std::int64_t{per_word}) {
    std::uint64_t low_a = stream.next_word(), low_b = stream.next_word();
    for (int i = 0; i < per_word; ++i) {
      const Uint128 pa = static_cast<Uint128>(low_a) * symbols;
      const Uint128 pb = static_cast<Uint128>(low_b) * symbols;
      a[i] = static_cast<std::uint64_t>(pa >> 64);
      b[i] = static_cast<std::uint64_t>(pb >> 64);
      low_a = static_cast<std::uint64_t>(pa);
      low_b = static_cast<std::uint64_t>(pb);
    }
    if (low_a < threshold) {
      while (!digits_of(stream.next_word(), a)) {
      }
    }
    if (low_b < threshold) {
      while (!digits_of(stream.next_word(), b)) {
      }
    }
    for (int i = 0; i < per_word; ++i) {
      ++out[a[i]];
      ++out[b[i]];
    }
    n -= 2 * std::int64_t{per_word};
  }
  while (n > 0) {
    while (!digits_of(stream.next_word(), a)) {
    }
    const int take = static_cast<int>(std::min<std::int64_t>(per_word, n));
    for (int i = 0; i < take; ++i) ++out[a[i]];
    n -= take;
  }
}

}  // namespace

void MultinomialSampler::counts_by_draws(Stream& stream, std::int64_t n,
                                         std::vector<std::int64_t>& out) const {
  out.assign(probabilities_.size(), 0);
  if (uniform_) {
    uniform_counts(stream, n, probabilities_.size(), out);
    return;
  }
  for (std::int64_t i = 0; i < n; ++i) ++out[alias_(stream)];
}

void MultinomialSampler::counts(Stream& stream, std::int64_t n,
                                std::vector<std::int64_t>& out) const {
  const std::int64_t per_symbol = uniform_ ? kUniformDrawsPerSymbol : kAliasDrawsPerSymbol;
  if (n <= per_symbol * static_cast<std::int64_t>(probabilities_.size())) {
    counts_by_draws(stream, n, out);
  } else {
    out = multinomial_counts(stream, n, probabilities_);
  }
}

std::vector<std::int64_t> MultinomialSampler::counts(Stream& stream, std::int64_t n) const {
  std::vector<std::int64_t> out;
  counts(stream, n, out);
  return out;
}

std::vector<std::int64_t> subsample_counts(Stream& stream, std::int64_t n,
                                           const std::vector<std::int64_t>& population) {
  std::int64_t left = 0;
  for (auto c : population) left += c;
  if (n > left) throw std::invalid_argument("subsample larger than the population");
  std::vector<std::int64_t> remaining = population, taken(population.size(), 0);
  for (std::int64_t i = 0; i < n; ++i, --left) {
    auto pick = static_cast<std::int64_t>(uniform_below(stream, static_cast<std::uint64_t>(left)));
    std::size_t v = 0;
    while (pick >= remaining[v]) pick -= remaining[v++];
    --remaining[v];
    ++taken[v];
  }
  return taken;
}

std::vector<int> shuffled_tokens(Stream& stream, const std::vector<std::int64_t>& counts) {
  std::vector<int> tokens;
  for (std::size_t v = 0; v < counts.size(); ++v)
    tokens.insert(tokens.end(), static_cast<std::size_t>(counts[v]), static_cast<int>(v));
  shuffle(stream, tokens);
  return tokens;
}

}  // namespace elicit::sampling
