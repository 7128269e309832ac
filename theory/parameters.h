// The parameters a bound is evaluated at, read exactly and checked per theorem.
//
// Users type ε and δ as decimals or fractions; they are kept exact (Rational) so
// that range checks (ε ≤ 1/8 for EHKV, say) are decided exactly, and converted to
// double only to evaluate the formulas.
//
//   Parameters p;  p.V = 50000; p.m = 100; p.eps = parse_rational("0.1"); ...
//   Inputs in = validate(Theorem::T2, p);   // throws ParameterError naming the key
#pragma once

#include "sim/exact/rational.h"
#include "theory/theorem.h"

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace elicit::theory {

// Parameter names as the user types them (command-line options, case-file keys).
enum class Param { V, m, l, d, q, eps, delta };
inline constexpr std::array<Param, 7> kAllParams = {Param::V, Param::m,   Param::l,    Param::d,
                                                    Param::q, Param::eps, Param::delta};
std::string_view param_name(Param param);  // "V", "eps", ...
std::optional<Param> parse_param(std::string_view name);

struct Parameters {
  std::optional<std::int64_t> V, m, l, d, q;
  std::optional<Rational> eps, delta;

  std::optional<Rational> get(Param param) const;
  void set(Param param, const Rational& value);  // integers checked by validate()
  std::string describe() const;                  // "V=50000, m=100, eps=1/10, delta=1/100"
};

// Thrown when a parameter is missing, out of range or not used by the theorem.
class ParameterError : public std::invalid_argument {
 public:
  ParameterError(std::string key, const std::string& message)
      : std::invalid_argument(message), key_(std::move(key)) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

// A validated parameter set: doubles for the formulas, the exact values for
// range conditions. Parameters a theorem leaves optional take defaults (m = 1, q = 1).
struct Inputs {
  double V = 0, m = 1, l = 0, d = 0, q = 1, eps = 0, delta = 0;
  Rational eps_exact, delta_exact;
};

// Parameters that theorem must have, and those it may take.
std::vector<Param> required_params(Theorem theorem);
std::vector<Param> optional_params(Theorem theorem);

// Checks presence and ranges (ε > 0 and below the metric's maximum, 0 < δ < 1,
// V ≥ 2, m, l, d, q ≥ 1) and that no parameter is given that the theorem ignores.
Inputs validate(Theorem theorem, const Parameters& parameters);

}  // namespace elicit::theory
