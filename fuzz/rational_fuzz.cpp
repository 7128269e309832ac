// libFuzzer target for exact number parsing: parse_rational on any text.
// Documented outcomes: a Rational, or ParseError. A value that parses must print
// (to_string) as text that parses back to the same value. Anything else — another
// exception, a crash, a sanitizer report — is a finding.
//
//   build-fuzz/rational_fuzz fuzz/corpus/rational -max_total_time=60
#include "sim/exact/rational.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const elicit::Rational value = elicit::parse_rational(text);
    if (elicit::parse_rational(elicit::to_string(value)) != value) std::abort();
  } catch (const elicit::ParseError&) {
    // documented: not an exact number
  }
  return 0;
}
