// The per-theorem bound lists (internal to theory/, not installed; use bounds_of()).
#pragma once

#include "theory/bound.h"

#include <vector>

namespace elicit::theory::detail {

std::vector<Bound> t1_bounds();
std::vector<Bound> t2_bounds();
std::vector<Bound> t3_bounds();
std::vector<Bound> t4_bounds();
std::vector<Bound> t5_bounds();

}  // namespace elicit::theory::detail
