// A run setting too small for the work it governs (e.g. n_max below n*, or a trial
// cap that could never show a rate <= delta): the user's to change, so it names the
// setting and the command line reports it as bad input.
//
//   throw SettingError("n_max", "the failure rate is not shown <= delta at n = 50");
#pragma once

#include <stdexcept>
#include <string>

namespace elicit::engine {

// A run setting too small for the work it governs (e.g. n_max below n*): the user's
// to change, so it names the setting.
class SettingError : public std::invalid_argument {
 public:
  SettingError(std::string key, const std::string& message)
      : std::invalid_argument(message), key_(std::move(key)) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

}  // namespace elicit::engine
