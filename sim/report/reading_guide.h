// A short explanation of what a case checks, for a student reading its report:
// the theorem's claim, the reading tested and its error measure, what the mode
// computes and how to read its table, the slopes theory predicts and why, and every
// bound compared with its formula and source. Composed from the reading registry
// and the theorems' bounds, so a new reading is explained without new code.
//
//   ReadingGuide guide = reading_guide(result);
//   for (const Text& p : guide.paragraphs) html += "<p>" + p.html + "</p>";
#pragma once

#include "sim/report/text_forms.h"
#include "sim/results/case_result.h"

#include <vector>

namespace elicit::report {

struct GuideBound {
  Text name;     // the id and its kind
  Text formula;  // as math
  Text source;
};

struct ReadingGuide {
  std::vector<Text> paragraphs;
  std::vector<GuideBound> bounds;
};

ReadingGuide reading_guide(const results::CaseResult& result);

}  // namespace elicit::report
