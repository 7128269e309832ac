#include "sim/readings/values.h"

#include <stdexcept>

namespace elicit::readings {

const Setting& Values::at(const std::string& key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) throw std::logic_error("no value for key " + key);
  return it->second;
}

const Rational& Values::number(const std::string& key) const {
  const auto* value = std::get_if<Rational>(&at(key));
  if (!value) throw std::logic_error("key " + key + " is a name, not a number");
  return *value;
}

std::int64_t Values::integer(const std::string& key) const {
  const Rational& value = number(key);
  if (denominator(value) != 1) throw std::logic_error("key " + key + " is not an integer");
  return to_int64_exact(value);
}

const std::string& Values::name(const std::string& key) const {
  const auto* value = std::get_if<std::string>(&at(key));
  if (!value) throw std::logic_error("key " + key + " is a number, not a name");
  return *value;
}

}  // namespace elicit::readings
