// The values a case file gives a reading: the grid values of one cell and the
// reading's [target] settings, each an exact number or a name, by key.
//
//   Values grid;  grid.set("V", Rational(64));
//   grid.integer("V") == 64;   grid.number("V") == 64;
#pragma once

#include "sim/exact/rational.h"

#include <cstdint>
#include <map>
#include <string>
#include <variant>

namespace elicit::readings {

using Setting = std::variant<Rational, std::string>;

class Values {
 public:
  void set(const std::string& key, Setting value) { values_[key] = std::move(value); }
  bool has(const std::string& key) const { return values_.count(key) > 0; }
  // The value of a key the reading declared; asking for an undeclared key or the
  // wrong type is a programming error (std::logic_error), never the user's.
  const Rational& number(const std::string& key) const;
  std::int64_t integer(const std::string& key) const;
  const std::string& name(const std::string& key) const;
  const std::map<std::string, Setting>& all() const { return values_; }

 private:
  const Setting& at(const std::string& key) const;
  std::map<std::string, Setting> values_;
};

}  // namespace elicit::readings
