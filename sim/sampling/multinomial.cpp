#include "sim/sampling/multinomial.h"

#include <boost/random/binomial_distribution.hpp>

#include <algorithm>
#include <stdexcept>

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

CategoricalSampler::CategoricalSampler(const std::vector<double>& probabilities) {
  double total = 0;
  for (double p : probabilities) cumulative_.push_back(total += p);
}

std::size_t CategoricalSampler::draw(Stream& stream) const {
  const double u = uniform_unit(stream) * cumulative_.back();
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
  if (it == cumulative_.end()) --it;
  return static_cast<std::size_t>(it - cumulative_.begin());
}

std::vector<std::int64_t> CategoricalSampler::counts(Stream& stream, std::int64_t n) const {
  std::vector<std::int64_t> out(cumulative_.size(), 0);
  for (std::int64_t i = 0; i < n; ++i) ++out[draw(stream)];
  return out;
}

std::vector<std::int64_t> token_by_token_counts(Stream& stream, std::int64_t n,
                                                const std::vector<double>& probabilities) {
  return CategoricalSampler(probabilities).counts(stream, n);
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
