// A fraction of two int64s that throws instead of overflowing: the cheapest exact
// number. The transformer runs in it first (integers stay on the fast
// denominator-1 path, so attention scores cost what int64 costs) and falls back to
// GMP's Rational only when a value outgrows 64 bits (docs/design.md principle 1).
//
//   SmallRational a(1, 3), b(1, 6);
//   a + b == SmallRational(1, 2);
//   SmallRational(INT64_MAX) + SmallRational(1);   // throws std::overflow_error
#pragma once

#include "sim/exact/checked_int.h"
#include "sim/exact/rational.h"

#include <cstdint>
#include <limits>
#include <numeric>
#include <string>

namespace elicit {

class SmallRational {
 public:
  SmallRational() = default;
  SmallRational(std::int64_t integer) : num_(integer) {}  // NOLINT: integers convert implicitly
  SmallRational(std::int64_t num, std::int64_t den) : num_(num), den_(den) { normalise(); }

  // Exact conversion; throws std::overflow_error when a part exceeds int64.
  static SmallRational from(const Rational& value) {
    const Integer& n = numerator(value);
    const Integer& d = denominator(value);
    if (!fits(n) || !fits(d))
      throw std::overflow_error("rational " + to_string(value) + " exceeds int64");
    return SmallRational(n.convert_to<std::int64_t>(), d.convert_to<std::int64_t>());
  }
  Rational to_rational() const { return Rational(num_, den_); }
  double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }

  std::int64_t num() const { return num_; }
  std::int64_t den() const { return den_; }
  bool is_zero() const { return num_ == 0; }

  // Integers (denominator 1) take a fast path small enough to inline; fractions
  // go out of line.
  friend SmallRational operator+(const SmallRational& a, const SmallRational& b) {
    if (a.den_ == 1 && b.den_ == 1) [[likely]]
      return SmallRational(checked_add(a.num_, b.num_));
    return add_fractions(a, b);
  }
  friend SmallRational operator-(const SmallRational& a) {
    return SmallRational(checked_sub(0, a.num_), a.den_, Raw{});
  }
  friend SmallRational operator-(const SmallRational& a, const SmallRational& b) {
    return a + (-b);
  }
  friend SmallRational operator*(const SmallRational& a, const SmallRational& b) {
    if (a.den_ == 1 && b.den_ == 1) [[likely]]
      return SmallRational(checked_mul(a.num_, b.num_));
    return multiply_fractions(a, b);
  }
  friend SmallRational operator/(const SmallRational& a, const SmallRational& b) {
    if (b.num_ == 0) throw std::domain_error("SmallRational: division by zero");
    return a * SmallRational(b.den_, b.num_);
  }
  SmallRational& operator+=(const SmallRational& b) { return *this = *this + b; }
  SmallRational& operator-=(const SmallRational& b) { return *this = *this - b; }

  friend bool operator==(const SmallRational& a, const SmallRational& b) {
    return a.num_ == b.num_ && a.den_ == b.den_;  // both normalised
  }
  friend bool operator<(const SmallRational& a, const SmallRational& b) {
    if (a.den_ == b.den_) return a.num_ < b.num_;
    // 128-bit cross products cannot overflow for int64 parts.
    __extension__ typedef __int128 Wide;
    return static_cast<Wide>(a.num_) * b.den_ < static_cast<Wide>(b.num_) * a.den_;
  }
  friend bool operator>(const SmallRational& a, const SmallRational& b) { return b < a; }

 private:
  struct Raw {};

  [[gnu::noinline]] static SmallRational add_fractions(const SmallRational& a,
                                                       const SmallRational& b) {
    const std::int64_t g = std::gcd(a.den_, b.den_);
    const std::int64_t left = checked_mul(a.num_, b.den_ / g);
    const std::int64_t right = checked_mul(b.num_, a.den_ / g);
    return SmallRational(checked_add(left, right), checked_mul(a.den_ / g, b.den_));
  }
  [[gnu::noinline]] static SmallRational multiply_fractions(const SmallRational& a,
                                                            const SmallRational& b) {
    if (a.num_ == 0 || b.num_ == 0) return SmallRational();
    // Cross-cancel first so that products stay small.
    const std::int64_t g1 = std::gcd(a.num_, b.den_);
    const std::int64_t g2 = std::gcd(b.num_, a.den_);
    return SmallRational(checked_mul(a.num_ / g1, b.num_ / g2),
                         checked_mul(a.den_ / g2, b.den_ / g1), Raw{});
  }
  // Already in lowest terms with a positive denominator.
  SmallRational(std::int64_t num, std::int64_t den, Raw) : num_(num), den_(den) {}

  static bool fits(const Integer& v) {
    return v <= std::numeric_limits<std::int64_t>::max() &&
           v >= std::numeric_limits<std::int64_t>::min();
  }
  void normalise() {
    if (den_ == 0) throw std::domain_error("SmallRational: zero denominator");
    if (den_ < 0) {
      num_ = checked_sub(0, num_);
      den_ = checked_sub(0, den_);
    }
    const std::int64_t g = std::gcd(num_, den_);
    if (g > 1) {
      num_ /= g;
      den_ /= g;
    }
  }

  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

inline std::string to_string(const SmallRational& value) {
  return value.den() == 1 ? std::to_string(value.num())
                          : std::to_string(value.num()) + "/" + std::to_string(value.den());
}

}  // namespace elicit
