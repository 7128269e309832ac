// Random streams that are pure functions of (seed, cell, trial).
//
// A trial's randomness must not depend on thread count, MPI rank, shard or resume
// (docs/design.md principle 4), so no stream is ever shared or advanced across trials:
// each trial builds its own from its key. The key goes through a stateless
// SplitMix64 mixer into the starting state of a SplitMix64 generator (Steele, Lea &
// Flood 2014, the generator of Java's SplittableRandom; it passes BigCrush): one
// 64-bit word of state, so a stream costs nothing to create. Boost's mt19937_64,
// used before, spent about 1 µs filling its 312 words for every trial, as much as
// the rest of a small trial. The distributions below are written here from raw
// 64-bit words, because std:: distributions differ between standard libraries.
//
//   Stream stream({.seed = 7, .cell = 3, .trial = 41});
//   std::uint64_t die = uniform_below(stream, 6);          // 0..5, unbiased
//   bool heads = bernoulli(stream, parse_rational("1/3"));  // exactly P = 1/3
#pragma once

#include "sim/exact/rational.h"

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace elicit {

struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t cell = 0;
  std::uint64_t trial = 0;
};

// SplitMix64's finaliser: a bijection on 64-bit words with full avalanche.
constexpr std::uint64_t splitmix64_mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The starting state for a key. Each field is mixed with its own odd constant
// before chaining, so (seed, cell, trial) = (a, b, c) and (b, a, c) give unrelated
// states.
constexpr std::uint64_t stream_seed(StreamKey key) {
  std::uint64_t h = splitmix64_mix(key.seed + 0x9e3779b97f4a7c15ULL);
  h = splitmix64_mix(h ^ splitmix64_mix(key.cell + 0xd1b54a32d192ed03ULL));
  h = splitmix64_mix(h ^ splitmix64_mix(key.trial + 0x8cb92ba72f3d8dd7ULL));
  return h;
}

// SplitMix64: the state advances by the golden-ratio increment (a Weyl sequence)
// and each output is the finaliser of the state.
class SplitMix64 {
 public:
  using result_type = std::uint64_t;
  explicit constexpr SplitMix64(std::uint64_t state) : state_(state) {}
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  constexpr result_type operator()() { return splitmix64_mix(state_ += 0x9e3779b97f4a7c15ULL); }

 private:
  std::uint64_t state_;
};

class Stream {
 public:
  explicit constexpr Stream(StreamKey key) : engine_(stream_seed(key)) {}

  // The next raw 64-bit word.
  std::uint64_t next_word() { return engine_(); }

  // A UniformRandomBitGenerator, so that Boost.Random's distributions (written in
  // Boost itself, the same on every standard library) can draw from a Stream.
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return engine_(); }

 private:
  SplitMix64 engine_;
};

// Uniform on {0, …, bound-1}, bound >= 1, without bias. Lemire's multiply-and-reject
// method (Lemire 2019, "Fast random integer generation in an interval"): one
// multiplication per draw and a rejection only in the rare low band, cheaper than
// modulo with rejection. Inline: a trial may draw thousands.
inline std::uint64_t uniform_below(Stream& stream, std::uint64_t bound) {
  __extension__ typedef unsigned __int128 Uint128;  // the 64x64 -> 128-bit product
  if (bound == 0) throw std::invalid_argument("uniform_below: bound must be >= 1");
  Uint128 product = static_cast<Uint128>(stream.next_word()) * bound;
  auto low = static_cast<std::uint64_t>(product);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) {
      product = static_cast<Uint128>(stream.next_word()) * bound;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

// Puts `items` in a uniformly random order (Fisher–Yates with unbiased indices): the
// one shuffle of elicit, so that every random order comes from the same draws.
template <class T>
void shuffle(Stream& stream, std::vector<T>& items) {
  for (std::size_t i = items.size(); i > 1; --i)
    std::swap(items[i - 1], items[uniform_below(stream, i)]);
}

// Uniform on [0, 1) with 53 random bits: for display and float comparisons only.
double uniform_unit(Stream& stream);

// True with probability exactly p, 0 <= p <= 1, for any rational p: the uniform
// variate U is generated 64 bits at a time and compared with p's binary expansion
// until the comparison is decided, so no rounding ever enters.
bool bernoulli(Stream& stream, const Rational& p);

}  // namespace elicit
