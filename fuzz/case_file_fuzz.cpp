// libFuzzer target for the case-file reader: any text read as a case file
// (cases::case_file_from_text, the reader behind load_case_file). Documented
// outcomes: a CaseFile, or CaseError naming the place at fault. Anything else —
// another exception, a crash, a sanitizer report — is a finding.
//
//   build-fuzz/case_file_fuzz fuzz/corpus/case_file -max_total_time=60
#include "sim/cases/case_file.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)elicit::cases::case_file_from_text(std::string(reinterpret_cast<const char*>(data), size),
                                             "fuzz.toml");
  } catch (const elicit::cases::CaseError&) {
    // documented: a case file the reader refuses, with FILE:LINE: key K:
  }
  return 0;
}
