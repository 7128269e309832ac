// Numbers as a trace prints them: exact fractions, vectors of them, and doubles
// with every digit needed to tell two apart.
//
//   show_vector({Rational(1, 2), Rational(-3)}) == "(1/2, -3)"
//   show_double(1.0 / 3) == "0.33333333333333331"
#pragma once

#include "sim/exact/rational.h"

#include <string>
#include <vector>

namespace elicit::teaching {

std::string show_vector(const std::vector<Rational>& values);
std::string show_double(double value);
std::string show_doubles(const std::vector<double>& values);
// A double beside the exact value it approximates: "0.80555555555555558 (the nearest
// double to 29/36)" or "… (2 ulps from the nearest double to 29/36, error 1.1e-16)".
// Rounding the exact value once is unavoidable; ulps beyond it are accumulated.
std::string show_double_against(double approx, const Rational& exact);
// Why a double differs from an exact value: a fraction whose denominator is not a
// power of two has no binary representation; a dyadic one was rounded on the way.
std::string why_double_differs(const Rational& exact);

}  // namespace elicit::teaching
