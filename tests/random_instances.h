// Small helpers for property tests that draw random instances from a Stream.
#pragma once

#include "sim/random/stream.h"

namespace elicit::testing {

// Uniform on {0, …, bound − 1} as an int: instance sizes and symbols.
inline int draw(Stream& stream, int bound) {
  return static_cast<int>(uniform_below(stream, static_cast<std::uint64_t>(bound)));
}

}  // namespace elicit::testing
