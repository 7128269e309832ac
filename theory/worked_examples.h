// The parameter sets `elicit bounds --theorem all` prints: the paper's own worked
// examples first, then the rows of docs/theory.md §3's tables.
#pragma once

#include "theory/parameters.h"
#include "theory/theorem.h"

#include <string>
#include <vector>

namespace elicit::theory {

struct WorkedExample {
  Theorem theorem;
  std::string origin;  // "paper A.2", "docs/theory.md §3.3 table", ...
  Parameters parameters;
};

const std::vector<WorkedExample>& worked_examples();

}  // namespace elicit::theory
