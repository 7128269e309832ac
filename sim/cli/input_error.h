// The one error type the command line turns into "exit status 2": bad input,
// with the place at fault (file:line, option or key) already in the message.
#pragma once

#include <stdexcept>

namespace elicit::cli {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kExitBadInput = 2;

}  // namespace elicit::cli
