// Prints the paper's T4 size (460.5 for eps = 0.1, delta = 0.01) through the library.
#include "theory/bound.h"

#include <cstdio>

int main() {
  using namespace elicit::theory;
  Parameters parameters;
  parameters.set(Param::eps, elicit::parse_rational("0.1"));
  parameters.set(Param::delta, elicit::parse_rational("0.01"));
  for (const BoundRow& row : evaluate_bounds(Theorem::T4, validate(Theorem::T4, parameters))) {
    if (row.bound->id == "T4/paper") std::printf("%.1f\n", row.evaluation.size.value());
  }
}
