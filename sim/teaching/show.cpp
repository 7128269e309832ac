#include "sim/teaching/show.h"

#include <fmt/format.h>

#include <cmath>

namespace elicit::teaching {

std::string show_vector(const std::vector<Rational>& values) {
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i ? ", " : "") + to_string(values[i]);
  }
  return out + ")";
}

std::string show_double(double value) { return fmt::format("{:.17g}", value); }

std::string show_doubles(const std::vector<double>& values) {
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i ? ", " : "") + show_double(values[i]);
  }
  return out + ")";
}

std::string show_double_against(double approx, const Rational& exact) {
  if (!std::isfinite(approx)) {  // no exact value to compare (GMP would stop with SIGFPE)
    return fmt::format("{} (the double overflowed; the exact value is {})", show_double(approx),
                       to_string_brief(exact));
  }
  const double nearest = to_double(exact);
  const double error = std::abs(to_double(Rational(approx) - exact));
  if (approx == nearest) {
    return fmt::format(
        "{} ({})", show_double(approx),
        Rational(approx) == exact ? "exact" : "the nearest double to " + to_string(exact));
  }
  long ulps = 0;
  for (double x = nearest; x != approx && ulps < 1000000; ++ulps) {
    x = std::nextafter(x, approx);
  }
  return fmt::format("{} ({} ulp{} from the nearest double to {}, error {:.2g})",
                     show_double(approx), ulps, ulps == 1 ? "" : "s", to_string(exact), error);
}

std::string why_double_differs(const Rational& exact) {
  Integer denominator = boost::multiprecision::denominator(exact);
  while (denominator % 2 == 0) denominator /= 2;
  if (denominator != 1) return to_string(exact) + " is not representable in binary";
  return to_string(exact) + " is representable: a value it was computed from was rounded";
}

}  // namespace elicit::teaching
