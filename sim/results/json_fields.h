// Reading JSON documents elicit wrote (results.json, manifest.json, shard.json, the
// journal) back: every access names the field it wanted, so that a hand-edited or
// truncated file is refused with a FormatError that says what is missing or wrong.
//
//   const auto seed = value_of<std::uint64_t>(settings, "seed");
#pragma once

#include "sim/results/results_json.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <string>

namespace elicit::results {

inline const nlohmann::ordered_json& field(const nlohmann::ordered_json& object,
                                           const std::string& key) {
  if (!object.is_object() || !object.contains(key))
    throw FormatError(fmt::format("missing field '{}'", key));
  return object[key];
}

template <class T>
T value_of(const nlohmann::ordered_json& object, const std::string& key) {
  try {
    return field(object, key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw FormatError(fmt::format("field '{}' has the wrong type", key));
  }
}

}  // namespace elicit::results
