// The parameters a bound is evaluated at, read exactly and checked per theorem.
//
// Users type ε and δ as decimals or fractions; they are kept exact (Rational) so
// that range checks (ε ≤ 1/8 for EHKV, say) are decided exactly, and converted to
// double only to evaluate the formulas.
//
//   Parameters p;  p.set(Param::V, 50000); p.set(Param::eps, parse_rational("0.1")); ...
//   Inputs in = validate(Theorem::T2, p);   // throws ParameterError naming the key
#pragma once

#include "sim/exact/rational.h"
#include "sim/util/enum_names.h"
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
inline constexpr EnumNames<Param, 7> kParamNames = {{{Param::V, "V"},
                                                     {Param::m, "m"},
                                                     {Param::l, "l"},
                                                     {Param::d, "d"},
                                                     {Param::q, "q"},
                                                     {Param::eps, "eps"},
                                                     {Param::delta, "delta"}}};
inline std::string_view param_name(Param param) { return name_of(kParamNames, param); }
inline std::optional<Param> parse_param(std::string_view name) {
  return parse_name(kParamNames, name);
}
// V, m, l, d, q are integers; eps and delta exact rationals.
inline bool is_integer_param(Param param) { return param != Param::eps && param != Param::delta; }

// The parameters given, each exact, indexed by Param.
struct Parameters {
  std::array<std::optional<Rational>, kParamNames.size()> values;

  const std::optional<Rational>& get(Param param) const {
    return values[static_cast<std::size_t>(param)];
  }
  // Integers are checked here (an integer, below 2^53) so that a bad value names its key.
  void set(Param param, const Rational& value);
  std::string describe() const;  // "V=50000, m=100, eps=1/10, delta=1/100"
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
