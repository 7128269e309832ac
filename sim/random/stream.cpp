#include "sim/random/stream.h"

#include <stdexcept>

namespace elicit {
namespace {
// The 64x64 -> 128-bit product Lemire's method needs (a GCC/Clang extension).
__extension__ typedef unsigned __int128 Uint128;
}  // namespace

std::uint64_t uniform_below(Stream& stream, std::uint64_t bound) {
  if (bound == 0) throw std::invalid_argument("uniform_below: bound must be >= 1");
  // Lemire 2019, "Fast random integer generation in an interval".
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

double uniform_unit(Stream& stream) {
  return static_cast<double>(stream.next_word() >> 11) * 0x1.0p-53;
}

bool bernoulli(Stream& stream, const Rational& p) {
  if (p < 0 || p > 1)
    throw std::invalid_argument("bernoulli: p = " + to_string(p) + " not in [0,1]");
  if (p == 1) return true;
  // Invariant: U < p  <=>  U' < remainder/den, where U' is the not yet drawn tail of U.
  Integer remainder = numerator(p);
  const Integer den = denominator(p);
  const Integer word_base = Integer(1) << 64;
  while (remainder != 0) {
    const Integer scaled = remainder * word_base;
    const Integer digit = scaled / den;  // next 64 bits of p's expansion
    const Integer word(stream.next_word());
    if (word < digit) return true;
    if (word > digit) return false;
    remainder = scaled - digit * den;
  }
  return false;  // p's expansion ended: U >= p
}

}  // namespace elicit
