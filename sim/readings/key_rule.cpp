#include "sim/readings/key_rule.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace elicit::readings {

std::optional<std::string> KeyRule::check(const Setting& value) const {
  if (type == KeyType::name) {
    const auto* text = std::get_if<std::string>(&value);
    if (!text) return "expected a name, one of " + fmt::format("{}", fmt::join(names, ", "));
    if (std::find(names.begin(), names.end(), *text) == names.end())
      return fmt::format("'{}' is not one of {}", *text, fmt::join(names, ", "));
    return std::nullopt;
  }
  const auto* number = std::get_if<Rational>(&value);
  if (!number) return std::string("expected a number or a string such as \"1/10\"");
  const std::string got = to_string(*number);
  if (type == KeyType::integer) {
    if (denominator(*number) != 1) return "must be an integer (got " + got + ")";
    if (minimum && *number < *minimum)
      return fmt::format("must be >= {} (got {})", to_string(*minimum), got);
    if (maximum && *number > *maximum)
      return fmt::format("must be <= {} (got {})", to_string(*maximum), got);
    return std::nullopt;
  }
  const bool below = minimum && (open_minimum ? *number <= *minimum : *number < *minimum);
  const bool above = maximum && (open_maximum ? *number >= *maximum : *number > *maximum);
  if (!below && !above) return std::nullopt;
  if (minimum && maximum) {
    return fmt::format("must satisfy {} {} {} {} {} (got {})", to_string(*minimum),
                       open_minimum ? "<" : "<=", key,
                       open_maximum ? "<" : "<=", to_string(*maximum), got);
  }
  if (minimum)
    return fmt::format("must be {} {} (got {})", open_minimum ? ">" : ">=", to_string(*minimum),
                       got);
  return fmt::format("must be {} {} (got {})", open_maximum ? "<" : "<=", to_string(*maximum), got);
}

KeyRule integer_key(std::string key, std::string meaning, std::int64_t minimum,
                    std::int64_t maximum, std::set<engine::Mode> needed_in) {
  KeyRule rule;
  rule.key = std::move(key);
  rule.meaning = std::move(meaning);
  rule.type = KeyType::integer;
  rule.minimum = Rational(minimum);
  rule.maximum = Rational(maximum);
  rule.needed_in = std::move(needed_in);
  return rule;
}

KeyRule open_interval_key(std::string key, std::string meaning, Rational maximum,
                          std::set<engine::Mode> needed_in) {
  KeyRule rule;
  rule.key = std::move(key);
  rule.meaning = std::move(meaning);
  rule.minimum = Rational(0);
  rule.maximum = std::move(maximum);
  rule.open_minimum = rule.open_maximum = true;
  rule.needed_in = std::move(needed_in);
  return rule;
}

KeyRule name_key(std::string key, std::string meaning, std::vector<std::string> names,
                 std::optional<std::string> fallback) {
  KeyRule rule;
  rule.key = std::move(key);
  rule.meaning = std::move(meaning);
  rule.type = KeyType::name;
  rule.names = std::move(names);
  if (fallback) rule.fallback = *fallback;
  return rule;
}

}  // namespace elicit::readings
