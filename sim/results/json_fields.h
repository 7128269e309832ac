// Reading JSON documents elicit wrote (results.json, manifest.json, shard.json, the
// journal) back: every access names the field it wanted, so that a hand-edited or
// truncated file is refused with a FormatError that says what is missing or wrong.
//
//   const auto seed = value_of<std::uint64_t>(settings, "seed");
#pragma once

#include "sim/results/results_json.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

namespace elicit::results {

inline const nlohmann::ordered_json& field(const nlohmann::ordered_json& object,
                                           const std::string& key) {
  if (!object.is_object() || !object.contains(key))
    throw FormatError(fmt::format("missing field '{}'", key));
  return object[key];
}

template <class T>
T value_of(const nlohmann::ordered_json& object, const std::string& key) {
  const nlohmann::ordered_json& value = field(object, key);
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // nlohmann converts a float (1e308) or a too large integer to T by a cast, undefined
    // or wrapped: an integer field must hold an integer T can represent.
    const bool fits = value.is_number_unsigned()
                          ? value.get<std::uint64_t>() <=
                                static_cast<std::uint64_t>(std::numeric_limits<T>::max())
                      : value.is_number_integer()
                          ? value.get<std::int64_t>() >=
                                    static_cast<std::int64_t>(std::numeric_limits<T>::min()) &&
                                (std::is_unsigned_v<T> ||
                                 value.get<std::int64_t>() <=
                                     static_cast<std::int64_t>(std::numeric_limits<T>::max()))
                          : false;
    if (!fits) {
      throw FormatError(fmt::format("field '{}' is not an integer from {} to {} (got {})", key,
                                    std::numeric_limits<T>::min(), std::numeric_limits<T>::max(),
                                    value.dump().substr(0, 40)));
    }
  }
  try {
    return value.get<T>();
  } catch (const nlohmann::json::exception&) {
    throw FormatError(fmt::format("field '{}' has the wrong type", key));
  }
}

}  // namespace elicit::results
