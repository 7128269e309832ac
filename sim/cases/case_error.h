// The error of a case file or suite the user wrote: its message starts with
// "FILE:LINE: key K:" so that the place at fault is named.
#pragma once

#include <stdexcept>

namespace elicit::cases {

class CaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace elicit::cases
