// Random streams: pure functions of (seed, cell, trial), the same numbers on every
// platform, and distributions that are exactly what they claim.
#include "sim/random/stream.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <set>

using elicit::Stream;
using elicit::StreamKey;

TEST_CASE("the mixer is SplitMix64's finaliser (known answer)", "[random]") {
  // SplitMix64 from state 0 first outputs mix(0x9e3779b97f4a7c15) = 0xe220a8397b1dcdaf
  // (Vigna's reference implementation).
  CHECK(elicit::splitmix64_mix(0x9e3779b97f4a7c15ULL) == 0xe220a8397b1dcdafULL);
}

TEST_CASE("the generator is SplitMix64 (the reference outputs for state 1234567)", "[random]") {
  // The first outputs of Vigna's reference splitmix64.c from state 1234567, as other
  // implementations (e.g. Rust's rand_xoshiro) pin them.
  elicit::SplitMix64 engine(1234567);
  CHECK(engine() == 6457827717110365317ULL);
  CHECK(engine() == 3203168211198807973ULL);
  CHECK(engine() == 9817491932198370423ULL);
  CHECK(engine() == 4593380528125082431ULL);
  CHECK(engine() == 16408922859458223821ULL);
}

TEST_CASE("test vectors pin the first words of fixed streams", "[random]") {
  // If these change, every stored result changes: a platform or library change
  // must be noticed here first.
  Stream stream(StreamKey{1, 0, 0});
  CHECK(elicit::stream_seed(StreamKey{1, 0, 0}) == 0xa54297a44671ac3dULL);
  CHECK(stream.next_word() == 0x0ec4955efc6fb219ULL);
  CHECK(stream.next_word() == 0xa73b868c8b6e8c50ULL);
  Stream other(StreamKey{20261127, 3, 41});
  CHECK(other.next_word() == 0xb9a6a72c376c90c5ULL);
}

TEST_CASE("a stream depends on its key only, and different keys give different streams",
          "[random]") {
  const StreamKey key{7, 3, 41};
  Stream a(key), b(key);
  for (int i = 0; i < 100; ++i) REQUIRE(a.next_word() == b.next_word());

  std::set<std::uint64_t> first_words;
  int streams = 0;
  for (std::uint64_t seed : {0ULL, 1ULL, 2ULL}) {
    for (std::uint64_t cell = 0; cell < 20; ++cell) {
      for (std::uint64_t trial = 0; trial < 20; ++trial) {
        Stream stream({seed, cell, trial});
        first_words.insert(stream.next_word());
        ++streams;
      }
    }
  }
  CHECK(first_words.size() == static_cast<std::size_t>(streams));
  // Swapping fields must not give the same stream.
  CHECK(elicit::stream_seed({1, 2, 3}) != elicit::stream_seed({2, 1, 3}));
  CHECK(elicit::stream_seed({1, 2, 3}) != elicit::stream_seed({1, 3, 2}));
}

TEST_CASE("uniform_below stays in range and is unbiased (chi-square)", "[random]") {
  Stream stream({5, 0, 0});
  for (std::uint64_t bound : {1ULL, 2ULL, 3ULL, 7ULL, 1000ULL, (1ULL << 63) + 1}) {
    for (int i = 0; i < 1000; ++i) REQUIRE(elicit::uniform_below(stream, bound) < bound);
  }
  constexpr int kBins = 6;
  constexpr int kDraws = 60000;
  int counts[kBins] = {};
  for (int i = 0; i < kDraws; ++i) ++counts[elicit::uniform_below(stream, kBins)];
  double chi_square = 0;
  for (int count : counts) {
    const double expected = static_cast<double>(kDraws) / kBins;
    chi_square += (count - expected) * (count - expected) / expected;
  }
  // 5 degrees of freedom: P(chi^2 > 20.5) = 0.001 for a fair die.
  CHECK(chi_square < 20.5);
  CHECK_THROWS(elicit::uniform_below(stream, 0));
}

TEST_CASE("uniform_below is unbiased where the bound is near 2^64 (the rejection step)",
          "[random]") {
  // bound = 3 * 2^62. Multiplying a uniform 64-bit word by 3/4 and rounding down, without
  // Lemire's rejection, hits every multiple of 3 from two words and every other value from
  // one: P(draw % 3 == 0) would be 1/2. Unbiased, it is exactly 1/3 (3 divides the bound).
  Stream stream({21, 0, 0});
  constexpr std::uint64_t kBound = 3ULL << 62;
  constexpr int kDraws = 3000;
  int multiples = 0;
  for (int i = 0; i < kDraws; ++i) multiples += elicit::uniform_below(stream, kBound) % 3 == 0;
  // 1000 expected, standard deviation 25.8; biased: 1500.
  CHECK(multiples > 850);
  CHECK(multiples < 1150);
}

TEST_CASE("bernoulli draws with exactly the rational probability asked", "[random]") {
  Stream stream({9, 1, 2});
  for (int i = 0; i < 200; ++i) {
    REQUIRE_FALSE(elicit::bernoulli(stream, elicit::Rational(0)));
    REQUIRE(elicit::bernoulli(stream, elicit::Rational(1)));
  }
  // A probability whose denominator needs more than 64 bits.
  const elicit::Rational p =
      elicit::parse_rational("1/3") + elicit::Rational(1, elicit::Integer(1) << 100);
  constexpr int kDraws = 30000;
  int successes = 0;
  for (int i = 0; i < kDraws; ++i) successes += elicit::bernoulli(stream, p) ? 1 : 0;
  // 5 standard deviations of a Binomial(30000, 1/3).
  const double sd = std::sqrt(kDraws * (1.0 / 3) * (2.0 / 3));
  CHECK(std::abs(successes - kDraws / 3.0) < 5 * sd);
  CHECK_THROWS(elicit::bernoulli(stream, elicit::Rational(3, 2)));
}

TEST_CASE("bernoulli compares with p exactly: a dyadic p is decided by one word", "[random]") {
  // With p = 1/2 the outcome is exactly "top bit of the first word is 0".
  for (std::uint64_t trial = 0; trial < 64; ++trial) {
    Stream a({3, 0, trial}), b({3, 0, trial});
    const bool heads = elicit::bernoulli(a, elicit::Rational(1, 2));
    CHECK(heads == (b.next_word() < (1ULL << 63)));
  }
}
