#include "sim/exact/rational.h"

#include <fmt/format.h>

#include <cmath>

#include <cctype>
#include <limits>

namespace elicit {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// GMP reads a leading 0 as octal ("0125" = 85), so leading zeros go first.
Integer parse_digits(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return Integer(std::string(digits));
}

Integer power_of_ten(std::uint64_t exponent) {
  Integer result = 1;
  for (std::uint64_t i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// "12.345e-2" without sign: integer part, fraction part, exponent, all exact.
Rational parse_unsigned_decimal(std::string_view text, std::string_view original) {
  std::string_view mantissa = text;
  long long exponent = 0;
  if (auto e = text.find_first_of("eE"); e != std::string_view::npos) {
    mantissa = text.substr(0, e);
    std::string_view exp_text = text.substr(e + 1);
    bool negative = false;
    if (!exp_text.empty() && (exp_text.front() == '+' || exp_text.front() == '-')) {
      negative = exp_text.front() == '-';
      exp_text.remove_prefix(1);
    }
    // A word with an 'e' in it ("three") is no number at all, not a bad exponent.
    std::string digits(mantissa);
    if (const auto dot = digits.find('.'); dot != std::string::npos) digits.erase(dot, 1);
    if (!all_digits(digits)) throw ParseError("'" + std::string(original) + "' is not a number");
    // An exponent beyond a few thousand is a typo, not a number anyone means.
    if (!all_digits(exp_text) || exp_text.size() > 4) {
      throw ParseError("'" + std::string(original) + "' has a bad exponent");
    }
    exponent = std::stoll(std::string(exp_text));
    if (negative) exponent = -exponent;
  }
  std::string_view whole = mantissa;
  std::string_view fraction;
  if (auto dot = mantissa.find('.'); dot != std::string_view::npos) {
    whole = mantissa.substr(0, dot);
    fraction = mantissa.substr(dot + 1);
  }
  if ((whole.empty() && fraction.empty()) || (!whole.empty() && !all_digits(whole)) ||
      (!fraction.empty() && !all_digits(fraction))) {
    throw ParseError("'" + std::string(original) + "' is not a number");
  }
  Integer digits = parse_digits(std::string(whole) + std::string(fraction));
  exponent -= static_cast<long long>(fraction.size());
  if (exponent >= 0) return Rational(digits * power_of_ten(static_cast<std::uint64_t>(exponent)));
  return Rational(digits, power_of_ten(static_cast<std::uint64_t>(-exponent)));
}

}  // namespace

Rational parse_rational(std::string_view text) {
  const std::string_view original = text;
  text = trim(text);
  if (text.empty()) throw ParseError("empty text is not a number");
  bool negative = false;
  if (text.front() == '+' || text.front() == '-') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  Rational value;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    std::string_view numerator = trim(text.substr(0, slash));
    std::string_view denominator = trim(text.substr(slash + 1));
    if (!all_digits(numerator) || !all_digits(denominator)) {
      throw ParseError("'" + std::string(original) + "' is not a fraction p/q of integers");
    }
    Integer q = parse_digits(denominator);
    if (q == 0) throw ParseError("'" + std::string(original) + "' divides by zero");
    value = Rational(parse_digits(numerator), q);
  } else {
    value = parse_unsigned_decimal(text, original);
  }
  return negative ? Rational(-value) : value;
}

std::string to_string(const Rational& value) {
  if (denominator(value) == 1) return numerator(value).str();
  return numerator(value).str() + "/" + denominator(value).str();
}

std::string to_string_brief(const Rational& value) {
  std::string exact = to_string(value);
  if (exact.size() <= 40) return exact;
  // log10 of |value| from the digit counts, so that values beyond a double still print.
  const Integer num = boost::multiprecision::abs(numerator(value));
  const Integer den = denominator(value);
  const double log10 = static_cast<double>(num.str().size()) -
                       static_cast<double>(den.str().size()) +
                       std::log10(std::stod("0." + num.str().substr(0, 15))) -
                       std::log10(std::stod("0." + den.str().substr(0, 15)));
  double exponent = std::floor(log10);
  double mantissa = std::pow(10.0, log10 - exponent);
  if (std::round(mantissa * 10) >= 100) {  // 9.96 prints as 10.0: say 1.0 and one more power
    mantissa /= 10;
    exponent += 1;
  }
  return fmt::format("about {}{:.1f}e{:+.0f} (an exact number of {} characters)",
                     value < 0 ? "-" : "", mantissa, exponent, exact.size());
}

double to_double(const Rational& value) { return value.convert_to<double>(); }

std::int64_t to_int64_exact(const Rational& value) {
  if (denominator(value) != 1) throw ParseError(to_string(value) + " is not an integer");
  const Integer n = numerator(value);
  if (n > std::numeric_limits<std::int64_t>::max() ||
      n < std::numeric_limits<std::int64_t>::min()) {
    throw ParseError(to_string(value) + " is out of the 64-bit integer range");
  }
  return n.convert_to<std::int64_t>();
}

}  // namespace elicit
