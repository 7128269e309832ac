// Exact numbers: text in, text out, and integer arithmetic that refuses to wrap.
#include "sim/exact/rational.h"
#include "sim/exact/checked_int.h"

#include <catch2/catch.hpp>

#include <limits>

using elicit::parse_rational;
using elicit::Rational;

TEST_CASE("decimals are read as the exact fraction they denote", "[exact]") {
  CHECK(parse_rational("0.1") == Rational(1, 10));
  CHECK(parse_rational("0.01") == Rational(1, 100));
  CHECK(parse_rational("2.5e-3") == Rational(1, 400));
  CHECK(parse_rational("1E3") == Rational(1000));
  CHECK(parse_rational(".5") == Rational(1, 2));
  CHECK(parse_rational("5.") == Rational(5));
  CHECK(parse_rational("-0.125") == Rational(-1, 8));
  CHECK(parse_rational(" 7 ") == Rational(7));
  // Leading zeros are decimal, not octal (GMP's default for a leading 0).
  CHECK(parse_rational("0125") == Rational(125));
  CHECK(parse_rational("0.0125") == Rational(1, 80));
  CHECK(parse_rational("010/08") == Rational(5, 4));
  // The double nearest 0.1 is not 1/10; the parsed value is.
  CHECK(parse_rational("0.1") != Rational(0.1));
}

TEST_CASE("fractions are read and reduced to lowest terms", "[exact]") {
  CHECK(parse_rational("1/3") == Rational(1, 3));
  CHECK(parse_rational("6/8") == Rational(3, 4));
  CHECK(parse_rational("-2/4") == Rational(-1, 2));
  CHECK(elicit::to_string(parse_rational("6/8")) == "3/4");
  CHECK(elicit::to_string(parse_rational("10/5")) == "2");
}

TEST_CASE("printing and parsing are inverse on random fractions", "[exact]") {
  for (long p = -40; p <= 40; p += 7) {
    for (long q = 1; q <= 50; q += 3) {
      const Rational value(p, q);
      CHECK(parse_rational(elicit::to_string(value)) == value);
    }
  }
}

TEST_CASE("text that is not an exact number is refused with a reason", "[exact]") {
  for (const char* bad : {"", " ", "abc", "1/0", "1/", "/2", "0x10", "1.2.3", "1e", "1e+", "nan",
                          "inf", "--1", "1/2/3", "1e99999", "1,5"}) {
    INFO("input: '" << bad << "'");
    CHECK_THROWS_AS(parse_rational(bad), elicit::ParseError);
  }
}

TEST_CASE("a word is not a number, whatever letters it has", "[exact]") {
  // "three" has an 'e': it was once refused for "a bad exponent".
  CHECK_THROWS_WITH(parse_rational("three"), "'three' is not a number");
  CHECK_THROWS_WITH(parse_rational("e5"), "'e5' is not a number");
  CHECK_THROWS_WITH(parse_rational("1e5x"), "'1e5x' has a bad exponent");
  CHECK_THROWS_WITH(parse_rational("1e99999"), "'1e99999' has a bad exponent");
  CHECK(parse_rational("2.5e-3") == Rational(1, 400));
}

TEST_CASE("a long value is shown briefly, its mantissa below 10", "[exact]") {
  CHECK(elicit::to_string_brief(parse_rational("1e-400")) ==
        "about 1.0e-400 (an exact number of 403 characters)");
  // 0.99999...: the mantissa rounds to 10.0, so it is 1.0 and one power more.
  CHECK(elicit::to_string_brief(parse_rational("0." + std::string(40, '9'))) ==
        "about 1.0e+0 (an exact number of 82 characters)");
  CHECK(elicit::to_string_brief(parse_rational("3/7")) == "3/7");
}

TEST_CASE("to_int64_exact accepts exactly the integers in range", "[exact]") {
  CHECK(elicit::to_int64_exact(parse_rational("50000")) == 50000);
  CHECK(elicit::to_int64_exact(parse_rational("5e4")) == 50000);
  CHECK_THROWS_AS(elicit::to_int64_exact(parse_rational("1/2")), elicit::ParseError);
  CHECK_THROWS_AS(elicit::to_int64_exact(parse_rational("1e19")), elicit::ParseError);
}

TEST_CASE("checked integer arithmetic throws instead of wrapping", "[exact]") {
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  constexpr auto min = std::numeric_limits<std::int64_t>::min();
  CHECK(elicit::checked_add(max - 1, 1) == max);
  CHECK_THROWS_AS(elicit::checked_add(max, 1), std::overflow_error);
  CHECK_THROWS_AS(elicit::checked_sub(min, 1), std::overflow_error);
  CHECK(elicit::checked_mul(3037000499, 3037000499) == 9223372030926249001);
  CHECK_THROWS_AS(elicit::checked_mul(3037000500, 3037000500), std::overflow_error);
  CHECK(elicit::checked_pow(50, 3) == 125000);
  CHECK_THROWS_AS(elicit::checked_pow(50000, 10), std::overflow_error);
}
