#include "sim/random/stream.h"

#include <stdexcept>

namespace elicit {
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
