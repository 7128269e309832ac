// libFuzzer target for the text prompt parser: parse_text_prompt on any text.
// Documented outcomes: a TextPrompt, or std::invalid_argument naming the example
// at fault. A small prompt that parses must also be one the counting construction
// reads back (its tokens give the same dataset and query) and on which the
// transformer outputs the empirical next-token distribution exactly. Anything
// else — another exception, a crash, a sanitizer report — is a finding.
//
//   build-fuzz/text_prompt_fuzz fuzz/corpus/text_prompt -max_total_time=60
#include "sim/transformer/forward.h"
#include "sim/transformer/text_prompt.h"

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

using namespace elicit::transformer;

namespace {

bool same(const std::vector<CountingExample>& a, const std::vector<CountingExample>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].context != b[i].context || a[i].outputs != b[i].outputs) return false;
  }
  return true;
}

// Building the construction (about 7 (l+1)(m+V+1) weights) and replaying the
// prompt (O(T² · width)) are checked on small prompts only, so that every input
// costs milliseconds: a 4 KB prompt can ask for l = V = 2000.
constexpr std::size_t kMaxCheckedTokens = 32;
constexpr std::int64_t kMaxCheckedWeights = 2000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  TextPrompt prompt;
  try {
    prompt = parse_text_prompt(text);
  } catch (const std::invalid_argument&) {
    return 0;  // documented: a prompt the parser refuses, naming the example at fault
  }
  const CountingSpec& spec = prompt.spec;
  const std::int64_t weights = std::int64_t{spec.length + 1} * (spec.contexts + spec.outputs + 1);
  if (prompt.tokens.size() > kMaxCheckedTokens || weights > kMaxCheckedWeights) return 0;
  const CountingConstruction construction(spec);
  const auto [examples, query] = construction.parse(prompt.tokens);
  if (!same(examples, prompt.data) || query.context != prompt.query.context ||
      query.prefix != prompt.query.prefix)
    std::abort();
  const auto output = run_exact(construction.model(), construction.embed(prompt.tokens)).output;
  if (output != empirical_next_token(spec, prompt.data, prompt.query)) std::abort();
  return 0;
}
