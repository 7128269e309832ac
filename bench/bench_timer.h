// The median wall time of a few runs of a function: enough for the benchmarks here,
// whose runs take from milliseconds to seconds.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

namespace elicit::bench {

template <class F>
double median_seconds(int runs, F&& body) {
  std::vector<double> seconds;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    body();
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

}  // namespace elicit::bench
