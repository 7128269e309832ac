// A sample size that may exceed every machine number.
//
// V^l for V = 50,000 and l = 100 has 470 digits; a bound built on it must still
// print and compare. A SampleSize keeps the natural log always and the plain value
// whenever it fits a double.
//
//   SampleSize n = SampleSize::from_value(460.517);
//   SampleSize huge = SampleSize::from_log(100 * std::log(50000.0));  // value() is inf
#pragma once

#include <cmath>
#include <limits>

namespace elicit::theory {

class SampleSize {
 public:
  static SampleSize from_value(double value) { return SampleSize(value, std::log(value)); }
  static SampleSize from_log(double ln_value) {
    return SampleSize(ln_value < kMaxLog ? std::exp(ln_value) : kInf, ln_value);
  }
  // ⌈value⌉ when the value is small enough for integers to be exact in a double.
  static SampleSize ceil_of(double value) {
    return from_value(value < kExactIntegers ? std::ceil(value) : value);
  }

  double value() const { return value_; }  // +inf when beyond a double
  double ln() const { return ln_value_; }  // always finite for positive sizes
  double log10() const { return ln_value_ / std::log(10.0); }
  bool fits_double() const { return std::isfinite(value_); }

  friend bool operator<(const SampleSize& a, const SampleSize& b) {
    return a.ln_value_ < b.ln_value_;
  }
  friend bool operator<=(const SampleSize& a, const SampleSize& b) { return !(b < a); }

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  static constexpr double kMaxLog = 709.0;                      // exp(709) < DBL_MAX
  static constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  SampleSize(double value, double ln_value) : value_(value), ln_value_(ln_value) {}
  double value_;
  double ln_value_;
};

}  // namespace elicit::theory
