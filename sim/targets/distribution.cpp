#include "sim/targets/distribution.h"

#include "sim/exact/checked_int.h"

#include <fmt/format.h>
#include <boost/random/gamma_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace elicit::targets {

std::vector<double> Distribution::probabilities() const {
  std::vector<double> out;
  out.reserve(weights.size());
  for (auto w : weights) out.push_back(static_cast<double>(w) / static_cast<double>(total));
  return out;
}

std::string TargetSpec::describe() const {
  switch (kind) {
    case TargetKind::uniform:
      return "uniform";
    case TargetKind::dirichlet:
      return fmt::format("dirichlet(alpha={})", alpha);
    case TargetKind::zipf:
      return fmt::format("zipf(s={})", exponent);
    case TargetKind::sparse:
      return fmt::format("sparse(support={})", support);
    case TargetKind::product: {
      TargetSpec each = *this;
      each.kind = step;
      return "product of per-step " + each.describe();
    }
  }
  return "?";
}

std::string laws_digest(const std::vector<Distribution>& laws) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&](std::int64_t value) {
    for (int byte = 0; byte < 8; ++byte)
      h = (h ^ ((static_cast<std::uint64_t>(value) >> (8 * byte)) & 0xff)) * 0x100000001b3ULL;
  };
  for (const auto& law : laws) {
    mix(law.total);
    mix(static_cast<std::int64_t>(law.size()));
    for (auto w : law.weights) mix(w);
  }
  return fmt::format("{:016x}", h);
}

std::vector<std::vector<Rational>> listed_probabilities(const std::vector<Distribution>& laws,
                                                        std::size_t max_listed) {
  std::size_t count = 0;
  for (const auto& law : laws) count += law.size();
  if (count > max_listed) return {};
  std::vector<std::vector<Rational>> out;
  for (const auto& law : laws) {
    out.emplace_back();
    for (std::size_t v = 0; v < law.size(); ++v) out.back().push_back(law.probability(v));
  }
  return out;
}

Distribution round_to_resolution(const std::vector<double>& reals, std::int64_t resolution) {
  const double sum = std::accumulate(reals.begin(), reals.end(), 0.0);
  Distribution d{std::vector<std::int64_t>(reals.size(), 0), resolution};
  std::vector<std::pair<double, std::size_t>> remainders;
  std::int64_t assigned = 0;
  for (std::size_t v = 0; v < reals.size(); ++v) {
    const double scaled = reals[v] / sum * static_cast<double>(resolution);
    d.weights[v] = static_cast<std::int64_t>(std::floor(scaled));
    assigned += d.weights[v];
    remainders.emplace_back(scaled - std::floor(scaled), v);
  }
  // Largest remainder first; ties to the smaller index, so the result is unique.
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (std::size_t i = 0; assigned < resolution; ++i, ++assigned)
    ++d.weights[remainders[i % remainders.size()].second];
  return d;
}

Distribution make_distribution(const TargetSpec& spec, std::size_t symbols, Stream& stream) {
  if (symbols < 1) throw std::invalid_argument("a distribution needs at least one symbol");
  switch (spec.kind) {
    case TargetKind::uniform:
      return Distribution{std::vector<std::int64_t>(symbols, 1),
                          static_cast<std::int64_t>(symbols)};
    case TargetKind::dirichlet: {
      boost::random::gamma_distribution<double> gamma(spec.alpha, 1.0);
      std::vector<double> draws;
      for (std::size_t v = 0; v < symbols; ++v) draws.push_back(gamma(stream));
      return round_to_resolution(draws, spec.resolution);
    }
    case TargetKind::zipf: {
      std::vector<double> masses;
      for (std::size_t v = 0; v < symbols; ++v)
        masses.push_back(std::pow(static_cast<double>(v + 1), -spec.exponent));
      return round_to_resolution(masses, spec.resolution);
    }
    case TargetKind::sparse: {
      if (spec.support < 1 || static_cast<std::size_t>(spec.support) > symbols) {
        throw std::invalid_argument(
            fmt::format("sparse support {} must be in [1, {}]", spec.support, symbols));
      }
      std::vector<std::size_t> order(symbols);
      std::iota(order.begin(), order.end(), 0);
      shuffle(stream, order);
      Distribution d{std::vector<std::int64_t>(symbols, 0), spec.support};
      for (int i = 0; i < spec.support; ++i) d.weights[order[static_cast<std::size_t>(i)]] = 1;
      return d;
    }
    case TargetKind::product:
      throw std::invalid_argument("a product target is a law over sequences (T5 only)");
  }
  throw std::logic_error("unknown target kind");
}

Distribution make_sequence_distribution(const TargetSpec& spec, int symbols, int length,
                                        Stream& stream) {
  std::int64_t sequences = 1;
  for (int t = 0; t < length; ++t) sequences = checked_mul(sequences, symbols);
  if (spec.kind != TargetKind::product)
    return make_distribution(spec, static_cast<std::size_t>(sequences), stream);
  if (spec.step == TargetKind::product)
    throw std::invalid_argument("the step of a product cannot be a product");
  TargetSpec step = spec;
  step.kind = spec.step;
  step.resolution = std::int64_t{1} << (60 / length);
  std::vector<Distribution> steps;
  steps.reserve(static_cast<std::size_t>(length));
  for (int t = 0; t < length; ++t)
    steps.push_back(make_distribution(step, static_cast<std::size_t>(symbols), stream));
  Distribution law{std::vector<std::int64_t>(static_cast<std::size_t>(sequences), 1), 1};
  for (const auto& q : steps) law.total = checked_mul(law.total, q.total);
  for (std::int64_t index = 0; index < sequences; ++index) {
    std::int64_t code = index;
    for (int t = length - 1; t >= 0; --t, code /= symbols) {
      law.weights[static_cast<std::size_t>(index)] = checked_mul(
          law.weights[static_cast<std::size_t>(index)],
          steps[static_cast<std::size_t>(t)].weights[static_cast<std::size_t>(code % symbols)]);
    }
  }
  return law;
}

}  // namespace elicit::targets
