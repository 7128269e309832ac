// The smallest n >= 1 at which a predicate turns true, for predicates that are
// false below some point and true from it on: doubling from 1 to bracket the
// point, then bisection. O(log n) calls of good().
//
//   auto n = smallest_good([&](std::int64_t n) { return bound(n) <= delta; }, limit);
//   if (!n) ...;  // good(limit) is false
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>

namespace elicit {

template <class Good>
std::optional<std::int64_t> smallest_good(Good&& good, std::int64_t limit) {
  std::int64_t high = 1;
  while (!good(high)) {
    if (high >= limit) return std::nullopt;
    high = high > limit / 2 ? limit : high * 2;
  }
  std::int64_t low = high / 2;  // good(low) is false, or low == 0
  while (high - low > 1) {
    const std::int64_t mid = low + (high - low) / 2;
    (good(mid) ? high : low) = mid;
  }
  return high;
}

}  // namespace elicit
