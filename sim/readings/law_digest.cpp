#include "sim/readings/reading.h"

#include <fmt/format.h>

#include <algorithm>

namespace elicit::readings {
namespace {

std::string text_of(const Setting& value) {
  if (const auto* number = std::get_if<Rational>(&value)) return to_string(*number);
  return std::get<std::string>(value);
}

}  // namespace

std::uint64_t law_digest(const Reading& reading, const Values& grid, const Values& target) {
  // A canonical text of everything that defines the law, hashed with FNV-1a.
  std::string text = reading.id;
  for (const auto& key : reading.law_keys) {
    if (grid.has(key)) text += fmt::format("|{}={}", key, to_string(grid.number(key)));
  }
  for (const auto& [key, value] : target.all()) {
    if (std::find(reading.method_keys.begin(), reading.method_keys.end(), key) !=
        reading.method_keys.end())
      continue;
    text += fmt::format("|{}={}", key, text_of(value));
  }
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char ch : text) h = (h ^ ch) * 0x100000001b3ULL;
  return h;
}

}  // namespace elicit::readings
