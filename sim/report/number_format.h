// Numbers as a paper prints them, in the three forms the reports need: plain text
// for Markdown (Unicode: "4.61×10⁹", "−0.5"), LaTeX ("$4.61\times10^{9}$") and
// HTML ("4.61×10<sup>9</sup>"). Significant digits follow what the number is:
// a ratio or a slope gets three, an exact count all of its digits, an exact
// parameter its decimal when it has a short one (0.05) and its fraction otherwise
// (1/3). Machines get full precision elsewhere (results.csv, results.json).
//
//   Number r = significant(2.4651);        // r.plain == "2.47"
//   Number s = sample_size(4.605170186e9); // s.latex == "$4.605\times10^{9}$"
//   Number p = exact_parameter(parse_rational("1/20"));   // p.plain == "0.05"
#pragma once

#include "sim/exact/rational.h"
#include "sim/report/text_forms.h"

#include <cstdint>
#include <string>

namespace elicit::report {

using Number = Text;

// `digits` significant digits; fixed notation for 0.001 <= |value| < 10^4
// ("0.0317", "1605" for 1605.3 at 3 digits: no false zeros), ×10^k otherwise.
Number significant(double value, int digits = 3);

// An exact count, in full; LaTeX groups digits from 10^4 on ("17\,745").
Number count(std::int64_t value);

// A sample size from a formula: below 10^6 an integer in full or one decimal
// ("460.5"), larger values with 4 significant digits and ×10^k.
Number sample_size(double value);

// A positive value given by its decimal logarithm (a size beyond a double, such as
// 10^470), with `digits` significant digits and ×10^k.
Number from_log10(double log10, int digits = 4);

// An exact parameter: its decimal when that has at most 6 digits after the point
// ("0.05", "3"), else its fraction ("1/3").
Number exact_parameter(const Rational& value);

// A fixed number of decimals, for quantities of order 1 such as slopes ("0.798",
// "−0.500"), so that a value that is 0 up to rounding prints as 0.000.
Number fixed(double value, int decimals);

// The shortest decimal that reads back to the same double, for exact constants
// such as a predicted slope ("1", "−0.5").
Number shortest(double value);

// "a [b, c]": a value and its interval, each formatted by the same rule.
Number with_interval(const Number& value, const Number& lower, const Number& upper);

}  // namespace elicit::report
