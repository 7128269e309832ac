// Integer arithmetic that stops instead of wrapping.
//
// Counts, denominators and fixed-point attention scores are int64 for speed; an
// overflow there would silently corrupt a verdict, so every operation that could
// overflow goes through these and throws std::overflow_error instead.
//
//   std::int64_t total = checked_mul(m, n_per_context);   // throws if m*n > 2^63-1
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace elicit {

namespace detail {
// Out of line and cold: the message is built only when an overflow happens, and
// keeping it out of the callers lets the compiler inline their fast path.
[[noreturn]] [[gnu::noinline, gnu::cold]] inline void throw_overflow(std::int64_t a,
                                                                     const char* operation,
                                                                     std::int64_t b) {
  throw std::overflow_error("integer overflow in " + std::to_string(a) + operation +
                            std::to_string(b));
}
}  // namespace detail

inline std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t result;
  if (__builtin_add_overflow(a, b, &result)) [[unlikely]]
    detail::throw_overflow(a, " + ", b);
  return result;
}

inline std::int64_t checked_sub(std::int64_t a, std::int64_t b) {
  std::int64_t result;
  if (__builtin_sub_overflow(a, b, &result)) [[unlikely]]
    detail::throw_overflow(a, " - ", b);
  return result;
}

inline std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t result;
  if (__builtin_mul_overflow(a, b, &result)) [[unlikely]]
    detail::throw_overflow(a, " * ", b);
  return result;
}

// a^exponent for exponent >= 0, throwing on overflow (e.g. V^l sequence counts).
inline std::int64_t checked_pow(std::int64_t base, std::int64_t exponent) {
  if (exponent < 0) throw std::domain_error("checked_pow: negative exponent");
  std::int64_t result = 1;
  for (std::int64_t i = 0; i < exponent; ++i) result = checked_mul(result, base);
  return result;
}

}  // namespace elicit
