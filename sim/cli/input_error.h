// The exit statuses of `elicit`, and the one error type the command line turns
// into "bad input": the place at fault (file:line, option or key) is already in
// the message.
//
//   0  done
//   1  internal error: an invariant of elicit failed (a bug; please report it)
//   2  bad input: a case file, an option, a prompt or an output path the user gave
//   3  replay mismatch: the transformer disagreed with its reference algorithm
#pragma once

#include <stdexcept>

namespace elicit::cli {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kExitInternalError = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitReplayMismatch = 3;

}  // namespace elicit::cli
