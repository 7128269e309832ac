// Numbers in the paper's tables: significant digits by what the number is, ×10^k
// in math mode, exact parameters as short decimals or fractions.
#include "sim/report/number_format.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace elicit;
using namespace elicit::report;

TEST_CASE("ratios get three significant digits, without false zeros", "[report]") {
  CHECK(significant(2.4651).plain == "2.47");
  CHECK(significant(0.031666).plain == "0.0317");
  CHECK(significant(2.5).plain == "2.50");
  CHECK(significant(1605.3).plain == "1605");  // not "1610": no digit is invented
  CHECK(significant(0).plain == "0");
}

TEST_CASE("large and small numbers are written with x10^k, in math mode for LaTeX", "[report]") {
  const Number big = significant(4.605170186e9, 4);
  CHECK(big.plain == "4.605×10⁹");
  CHECK(big.latex == "$4.605\\times10^{9}$");
  CHECK(big.html == "4.605×10<sup>9</sup>");
  CHECK(significant(4.17e-5).latex == "$4.17\\times10^{-5}$");
  CHECK(significant(9999.7).plain == "1.00×10⁴");  // rounding carries into the exponent
  CHECK(significant(-0.498).latex == "$-0.498$");
  CHECK(significant(-0.498).plain == "−0.498");
}

TEST_CASE("counts are exact, and LaTeX groups their digits from 10^4 on", "[report]") {
  CHECK(count(3052).latex == "3052");
  CHECK(count(17745).latex == "17\\,745");
  CHECK(count(17745).plain == "17745");
  CHECK(count(1234567).latex == "1\\,234\\,567");
}

TEST_CASE("sample sizes: integers in full, one decimal, or four digits beyond 10^6", "[report]") {
  CHECK(sample_size(2346).plain == "2346");
  CHECK(sample_size(460.517).plain == "460.5");
  CHECK(sample_size(5.194e8).latex == "$5.194\\times10^{8}$");
  CHECK(from_log10(470 + std::log10(2.5)).latex == "$2.500\\times10^{470}$");
  CHECK(from_log10(std::log10(9.99996e6)).plain == "1.000×10⁷");
}

TEST_CASE("exact parameters print as their short decimal, or else as a fraction", "[report]") {
  CHECK(exact_parameter(parse_rational("1/20")).plain == "0.05");
  CHECK(exact_parameter(parse_rational("3")).plain == "3");
  CHECK(exact_parameter(parse_rational("1/3")).plain == "1/3");
  CHECK(exact_parameter(parse_rational("1/3")).latex == "$1/3$");
  CHECK(exact_parameter(parse_rational("4/7")).plain == "4/7");
  CHECK(exact_parameter(parse_rational("-1/8")).plain == "−0.125");
  CHECK(exact_parameter(parse_rational("1/1024")).plain == "1/1024");  // 10 decimals: too long
}

TEST_CASE("slopes have fixed decimals, and rounding noise prints as zero", "[report]") {
  CHECK(fixed(0.7983, 3).plain == "0.798");
  CHECK(fixed(-3.55e-15, 3).plain == "0.000");
  CHECK(fixed(-0.5152, 3).latex == "$-0.515$");
  CHECK(shortest(-0.5).plain == "−0.5");
  CHECK(shortest(1).plain == "1");
}
