// The one exact number type of elicit, and its text form.
//
// Every probability that decides a verdict is a Rational: GMP's mpq through
// Boost.Multiprecision, with expression templates off so that `auto` and
// temporaries behave like plain values (docs/design.md principle 1).
//
//   Rational third = parse_rational("1/3");      // exactly 1/3
//   Rational tenth = parse_rational("0.1");      // exactly 1/10, not the double 0.1
//   to_string(third + tenth) == "13/30"
#pragma once

#include <boost/multiprecision/gmp.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace elicit {

using Rational = boost::multiprecision::number<boost::multiprecision::gmp_rational,
                                               boost::multiprecision::et_off>;
using Integer =
    boost::multiprecision::number<boost::multiprecision::gmp_int, boost::multiprecision::et_off>;

// Thrown for text that is not an exact number; what() says why, without context
// (the caller adds the file, line or option at fault).
class ParseError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Reads an exact number: an integer ("-7"), a fraction ("3/12", reduced), or a
// decimal with optional exponent ("0.1", "2.5e-3"), each read exactly.
// Surrounding white space is allowed; anything else (hex, "1/0", "nan", "") throws.
Rational parse_rational(std::string_view text);

// "p/q" in lowest terms, or "p" when the denominator is 1.
std::string to_string(const Rational& value);

// For messages: the exact form while it is short (at most 40 characters), else
// "about 1.0e-155 (an exact fraction of 402 characters)".
std::string to_string_brief(const Rational& value);

// Nearest double, for display and fits only — never for a verdict.
double to_double(const Rational& value);

// The value as an int64 when it is an integer in range; throws ParseError otherwise.
std::int64_t to_int64_exact(const Rational& value);

}  // namespace elicit
