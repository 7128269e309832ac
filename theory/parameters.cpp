#include "theory/parameters.h"

#include <fmt/format.h>
#include <algorithm>

namespace elicit::theory {
namespace {

constexpr std::int64_t kMaxInteger = std::int64_t{1} << 53;  // exact as a double

bool contains(const std::vector<Param>& params, Param param) {
  return std::find(params.begin(), params.end(), param) != params.end();
}

}  // namespace

void Parameters::set(Param param, const Rational& value) {
  const std::string key(param_name(param));
  if (is_integer_param(param)) {
    if (denominator(value) != 1) {
      throw ParameterError(
          key, fmt::format("{} must be an integer (got {})", key, to_string_brief(value)));
    }
    if (value > kMaxInteger || value < -kMaxInteger) {
      throw ParameterError(
          key, fmt::format("{} = {} is too large (limit 2^53)", key, to_string_brief(value)));
    }
  }
  values[static_cast<std::size_t>(param)] = value;
}

std::string Parameters::describe() const {
  std::string out;
  for (const auto& [param, name] : kParamNames) {
    if (const auto& value = get(param)) {
      if (!out.empty()) out += ", ";
      out += fmt::format("{}={}", name, to_string(*value));
    }
  }
  return out;
}

std::vector<Param> required_params(Theorem theorem) {
  switch (theorem) {
    case Theorem::T1:
      return {Param::V, Param::eps, Param::delta};
    case Theorem::T2:
      return {Param::V, Param::m, Param::eps, Param::delta};
    case Theorem::T3:
      return {Param::d, Param::eps, Param::delta};
    case Theorem::T4:
      return {Param::eps, Param::delta};
    case Theorem::T5:
      return {Param::V, Param::l, Param::eps, Param::delta};
  }
  return {};
}

std::vector<Param> optional_params(Theorem theorem) {
  switch (theorem) {
    case Theorem::T4:
      return {Param::q};
    case Theorem::T5:
      return {Param::m};
    default:
      return {};
  }
}

Inputs validate(Theorem theorem, const Parameters& parameters) {
  const auto required = required_params(theorem);
  const auto optional = optional_params(theorem);
  const std::string theorem_id(theorem_name(theorem));
  for (const auto& [param, name] : kParamNames) {
    const std::string key(name);
    const bool given = parameters.get(param).has_value();
    if (contains(required, param) && !given) {
      throw ParameterError(key, fmt::format("{} needs {}", theorem_id, key));
    }
    if (given && !contains(required, param) && !contains(optional, param)) {
      throw ParameterError(key, fmt::format("{} does not use {}", theorem_id, key));
    }
  }

  Inputs in;
  auto at_least = [&](Param param, std::int64_t minimum, double& target) {
    const auto& value = parameters.get(param);
    if (!value) return;
    if (*value < minimum) {
      throw ParameterError(
          std::string(param_name(param)),
          fmt::format("{} must be >= {} (got {})", param_name(param), minimum, to_string(*value)));
    }
    target = to_double(*value);
  };
  at_least(Param::V, 2, in.V);  // one symbol leaves nothing to learn
  at_least(Param::m, 1, in.m);
  at_least(Param::l, 1, in.l);
  at_least(Param::d, 1, in.d);
  at_least(Param::q, 1, in.q);

  const Rational& eps = *parameters.get(Param::eps);
  const Rational ceiling = metric_maximum(statement_metric(theorem));
  if (eps <= 0 || eps >= ceiling) {
    throw ParameterError("eps", fmt::format("eps must satisfy 0 < eps < {} for {} (got {})",
                                            to_string(ceiling), theorem_id, to_string_brief(eps)));
  }
  const Rational& delta = *parameters.get(Param::delta);
  if (delta <= 0 || delta >= 1) {
    throw ParameterError(
        "delta", fmt::format("delta must satisfy 0 < delta < 1 (got {})", to_string_brief(delta)));
  }
  // Below this every formula still evaluates to a finite double (1/eps^2 <= 1e200).
  const Rational smallest = Rational(1, Integer(10) * boost::multiprecision::pow(Integer(10), 99));
  for (const auto& [key, value] : {std::pair{"eps", eps}, std::pair{"delta", delta}}) {
    if (value < smallest) {
      throw ParameterError(key, fmt::format("{} must be >= 1e-100, where the bounds stay finite "
                                            "(got {})",
                                            key, to_string_brief(value)));
    }
  }
  in.eps_exact = eps;
  in.delta_exact = delta;
  in.eps = to_double(eps);
  in.delta = to_double(delta);
  // The formulas run in double: a value within rounding of its ceiling would be evaluated
  // at the ceiling itself (delta = 1 - 1e-21 as 1, where z_{1-delta/2} is 0).
  if (!(in.eps < to_double(ceiling))) {
    throw ParameterError("eps",
                         fmt::format("eps = {} is {} in double precision, where the bounds "
                                     "are evaluated; give eps at most {} - 1e-15",
                                     to_string_brief(eps), to_string(ceiling), to_string(ceiling)));
  }
  if (!(in.delta < 1)) {
    throw ParameterError("delta", fmt::format("delta = {} is 1 in double precision, where the "
                                              "bounds are evaluated; give delta at most 1 - 1e-15",
                                              to_string_brief(delta)));
  }
  return in;
}

}  // namespace elicit::theory
