#include "sim/report/number_format.h"

#include <fmt/format.h>

#include <cmath>
#include <string_view>

namespace elicit::report {
namespace {

// Unicode superscripts for a plain-text exponent ("⁻³").
std::string superscript(int exponent) {
  static constexpr std::string_view kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out = exponent < 0 ? "⁻" : "";
  for (char c : std::to_string(std::abs(exponent))) out += kDigits[c - '0'];
  return out;
}

// A leading '-' as the typographic minus of each form.
Number signed_form(const std::string& text) {
  if (text.empty() || text[0] != '-') return {text, text, text};
  const std::string magnitude = text.substr(1);
  return {"−" + magnitude, "$-" + magnitude + "$", "−" + magnitude};
}

Number scientific(const std::string& mantissa, int exponent) {
  Number base = signed_form(mantissa);
  std::string latex_mantissa = mantissa[0] == '-' ? "-" + mantissa.substr(1) : mantissa;
  return {base.plain + "×10" + superscript(exponent),
          fmt::format("${}\\times10^{{{}}}$", latex_mantissa, exponent),
          fmt::format("{}×10<sup>{}</sup>", base.html, exponent)};
}

// The decimal exponent of |value| once rounded to `digits` significant digits.
int rounded_exponent(double value, int digits) {
  const std::string text = fmt::format("{:.{}e}", value, digits - 1);
  return std::stoi(text.substr(text.find('e') + 1));
}

std::string group_digits_latex(const std::string& digits) {
  if (digits.size() < 5) return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\\,";
    out += digits[i];
  }
  return out;
}

}  // namespace

Number significant(double value, int digits) {
  if (std::isnan(value)) return {"n/a", "n/a", "n/a"};
  if (std::isinf(value))
    return value > 0 ? Number{"∞", "$\\infty$", "∞"} : Number{"−∞", "$-\\infty$", "−∞"};
  if (value == 0) return {"0", "0", "0"};
  const int exponent = rounded_exponent(value, digits);
  if (exponent >= -3 && exponent < 4) {
    return signed_form(fmt::format("{:.{}f}", value, std::max(digits - 1 - exponent, 0)));
  }
  const double mantissa = value / std::pow(10.0, exponent);
  return scientific(fmt::format("{:.{}f}", mantissa, digits - 1), exponent);
}

Number count(std::int64_t value) {
  const std::string digits = std::to_string(value < 0 ? -value : value);
  const std::string sign = value < 0 ? "-" : "";
  Number out = signed_form(sign + digits);
  out.latex = value < 0 ? "$-" + group_digits_latex(digits) + "$" : group_digits_latex(digits);
  return out;
}

Number sample_size(double value) {
  if (std::isfinite(value) && std::abs(value) < 1e6) {
    if (value == std::floor(value)) return count(static_cast<std::int64_t>(value));
    return signed_form(fmt::format("{:.1f}", value));
  }
  return significant(value, 4);
}

Number from_log10(double log10, int digits) {
  int exponent = static_cast<int>(std::floor(log10));
  double mantissa = std::pow(10.0, log10 - exponent);
  if (std::stod(fmt::format("{:.{}f}", mantissa, digits - 1)) >= 10.0) {  // 9.9996 -> 10.000
    mantissa /= 10;
    exponent += 1;
  }
  if (exponent >= -3 && exponent < 4) return significant(std::pow(10.0, log10), digits);
  return scientific(fmt::format("{:.{}f}", mantissa, digits - 1), exponent);
}

Number exact_parameter(const Rational& value) {
  // A denominator 2^a 5^b has a decimal of max(a, b) digits after the point.
  Integer denominator = boost::multiprecision::denominator(value);
  int twos = 0, fives = 0;
  while (denominator % 2 == 0) denominator /= 2, ++twos;
  while (denominator % 5 == 0) denominator /= 5, ++fives;
  const int places = std::max(twos, fives);
  if (denominator != 1 || places > 6) {
    const std::string fraction = to_string(value);
    return {fraction, "$" + fraction + "$", fraction};
  }
  Integer scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  const Integer scaled = boost::multiprecision::numerator(value * scale);
  const bool negative = scaled < 0;
  std::string digits = (negative ? Integer(-scaled) : scaled).str();
  if (places > 0) {
    if (static_cast<int>(digits.size()) <= places)
      digits.insert(0, std::string(places + 1 - digits.size(), '0'));
    digits.insert(digits.size() - places, ".");
  }
  return signed_form((negative ? "-" : "") + digits);
}

Number fixed(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
  return signed_form(text);
}

Number shortest(double value) { return signed_form(fmt::format("{}", value)); }

Number with_interval(const Number& value, const Number& lower, const Number& upper) {
  return {fmt::format("{} [{}, {}]", value.plain, lower.plain, upper.plain),
          fmt::format("{} [{}, {}]", value.latex, lower.latex, upper.latex),
          fmt::format("{} [{}, {}]", value.html, lower.html, upper.html)};
}

}  // namespace elicit::report
