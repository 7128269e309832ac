#include "theory/parameters.h"

#include <fmt/format.h>
#include <algorithm>

namespace elicit::theory {
namespace {

constexpr std::int64_t kMaxInteger = std::int64_t{1} << 53;  // exact as a double

// The error metric's largest possible value: L1 distances are at most 2, TV and
// 0-1 disagreement at most 1, so an ε at or above it makes the theorem empty.
Rational eps_ceiling(Theorem theorem) {
  return (theorem == Theorem::T2 || theorem == Theorem::T5) ? Rational(2) : Rational(1);
}

bool contains(const std::vector<Param>& params, Param param) {
  return std::find(params.begin(), params.end(), param) != params.end();
}

}  // namespace

std::string_view param_name(Param param) {
  switch (param) {
    case Param::V:
      return "V";
    case Param::m:
      return "m";
    case Param::l:
      return "l";
    case Param::d:
      return "d";
    case Param::q:
      return "q";
    case Param::eps:
      return "eps";
    case Param::delta:
      return "delta";
  }
  return "?";
}

std::optional<Param> parse_param(std::string_view name) {
  for (Param param : kAllParams) {
    if (param_name(param) == name) return param;
  }
  return std::nullopt;
}

std::optional<Rational> Parameters::get(Param param) const {
  auto integer = [](const std::optional<std::int64_t>& v) -> std::optional<Rational> {
    if (!v) return std::nullopt;
    return Rational(*v);
  };
  switch (param) {
    case Param::V:
      return integer(V);
    case Param::m:
      return integer(m);
    case Param::l:
      return integer(l);
    case Param::d:
      return integer(d);
    case Param::q:
      return integer(q);
    case Param::eps:
      return eps;
    case Param::delta:
      return delta;
  }
  return std::nullopt;
}

void Parameters::set(Param param, const Rational& value) {
  const std::string key(param_name(param));
  auto integer = [&]() {
    if (denominator(value) != 1) {
      throw ParameterError(key,
                           fmt::format("{} must be an integer (got {})", key, to_string(value)));
    }
    if (value > kMaxInteger || value < -kMaxInteger) {
      throw ParameterError(key,
                           fmt::format("{} = {} is too large (limit 2^53)", key, to_string(value)));
    }
    return value.convert_to<std::int64_t>();
  };
  switch (param) {
    case Param::V:
      V = integer();
      break;
    case Param::m:
      m = integer();
      break;
    case Param::l:
      l = integer();
      break;
    case Param::d:
      d = integer();
      break;
    case Param::q:
      q = integer();
      break;
    case Param::eps:
      eps = value;
      break;
    case Param::delta:
      delta = value;
      break;
  }
}

std::string Parameters::describe() const {
  std::string out;
  for (Param param : kAllParams) {
    if (auto value = get(param)) {
      if (!out.empty()) out += ", ";
      out += fmt::format("{}={}", param_name(param), to_string(*value));
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
  for (Param param : kAllParams) {
    const std::string key(param_name(param));
    const bool given = parameters.get(param).has_value();
    if (contains(required, param) && !given) {
      throw ParameterError(key, fmt::format("{} needs {}", theorem_id, key));
    }
    if (given && !contains(required, param) && !contains(optional, param)) {
      throw ParameterError(key, fmt::format("{} does not use {}", theorem_id, key));
    }
  }

  Inputs in;
  auto at_least = [&](const std::optional<std::int64_t>& value, Param param, std::int64_t minimum,
                      double& target) {
    if (!value) return;
    if (*value < minimum) {
      throw ParameterError(
          std::string(param_name(param)),
          fmt::format("{} must be >= {} (got {})", param_name(param), minimum, *value));
    }
    target = static_cast<double>(*value);
  };
  at_least(parameters.V, Param::V, 2, in.V);  // one symbol leaves nothing to learn
  at_least(parameters.m, Param::m, 1, in.m);
  at_least(parameters.l, Param::l, 1, in.l);
  at_least(parameters.d, Param::d, 1, in.d);
  at_least(parameters.q, Param::q, 1, in.q);

  const Rational& eps = *parameters.eps;
  const Rational ceiling = eps_ceiling(theorem);
  if (eps <= 0 || eps >= ceiling) {
    throw ParameterError("eps", fmt::format("eps must satisfy 0 < eps < {} for {} (got {})",
                                            to_string(ceiling), theorem_id, to_string(eps)));
  }
  const Rational& delta = *parameters.delta;
  if (delta <= 0 || delta >= 1) {
    throw ParameterError(
        "delta", fmt::format("delta must satisfy 0 < delta < 1 (got {})", to_string(delta)));
  }
  in.eps_exact = eps;
  in.delta_exact = delta;
  in.eps = to_double(eps);
  in.delta = to_double(delta);
  return in;
}

}  // namespace elicit::theory
