// What a reading accepts for one case-file key: its type, its exact range, and the
// modes that need it. The case file reader checks every value against its rule, so
// a bad value is refused naming its key, and nothing downstream narrows silently.
//
//   KeyRule V = integer_key("V", "vocabulary size", 2, kMaxSymbols, kAlways);
//   if (auto problem = V.check(Rational(1))) ...;   // "must be >= 2 (got 1)"
#pragma once

#include "sim/engine/mode.h"
#include "sim/readings/values.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace elicit::readings {

enum class KeyType { integer, number, name };

struct KeyRule {
  std::string key;
  std::string meaning;  // one line for --help and the docs
  KeyType type = KeyType::number;
  std::optional<Rational> minimum, maximum;
  bool open_minimum = false, open_maximum = false;  // strict inequalities (0 < eps < 2)
  std::vector<std::string> names;                   // KeyType::name: the allowed names
  std::set<engine::Mode> needed_in;                 // grid keys: modes that need the key
  bool sample_size = false;  // the size an n* search varies; verdicts may take it from a bound
  std::optional<Setting> fallback;  // target keys: the value when the file gives none

  // Why `value` is not acceptable, or nullopt. The message is the part after the
  // key ("must be >= 2 (got 1)").
  std::optional<std::string> check(const Setting& value) const;
};

inline const std::set<engine::Mode> kAllModes = {engine::Mode::n_star, engine::Mode::verdict,
                                                 engine::Mode::rate};

KeyRule integer_key(std::string key, std::string meaning, std::int64_t minimum,
                    std::int64_t maximum, std::set<engine::Mode> needed_in);
// 0 < key < maximum, exact.
KeyRule open_interval_key(std::string key, std::string meaning, Rational maximum,
                          std::set<engine::Mode> needed_in);
KeyRule name_key(std::string key, std::string meaning, std::vector<std::string> names,
                 std::optional<std::string> fallback);

}  // namespace elicit::readings
