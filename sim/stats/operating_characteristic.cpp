#include "sim/stats/operating_characteristic.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace elicit::stats {

OperatingCharacteristic operating_characteristic(const StoppingRule& rule, double p) {
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("operating_characteristic: p not in [0, 1]");
  constexpr double kNegligible = 1e-30;
  OperatingCharacteristic oc;
  // mass[S] for S in [low, high]: the paths still running with S failures.
  std::vector<double> mass = {1.0}, next;
  std::int64_t low = 0, high = 0;
  for (std::int64_t n = 1; n <= rule.trials(); ++n) {
    oc.expected_trials += std::accumulate(mass.begin(), mass.end(), 0.0);  // P(trial n is run)
    next.assign(mass.size() + 1, 0.0);
    for (std::size_t i = 0; i < mass.size(); ++i) {
      next[i] += mass[i] * (1 - p);
      next[i + 1] += mass[i] * p;
    }
    ++high;
    const std::int64_t holds = rule.holds_at_most[static_cast<std::size_t>(n - 1)];
    const std::int64_t violated = rule.violated_from[static_cast<std::size_t>(n - 1)];
    // Move the decided mass out; drop what is negligible at the edges.
    std::int64_t new_low = high + 1, new_high = low - 1;
    for (std::int64_t s = low; s <= high; ++s) {
      double& m = next[static_cast<std::size_t>(s - low)];
      if (s <= holds) {
        oc.holds += m;
        m = 0;
      } else if (s >= violated) {
        oc.violated += m;
        m = 0;
      } else if (m < kNegligible) {
        oc.error_bound += m;
        m = 0;
      } else {
        new_low = std::min(new_low, s);
        new_high = std::max(new_high, s);
      }
    }
    if (new_low > new_high) {  // every path has stopped
      mass.clear();
      low = high = 0;
      break;
    }
    mass.assign(next.begin() + (new_low - low), next.begin() + (new_high - low) + 1);
    low = new_low;
    high = new_high;
  }
  oc.inconclusive = std::accumulate(mass.begin(), mass.end(), 0.0);
  return oc;
}

StoppingRule stopping_rule(const SequentialTest& test) {
  StoppingRule rule;
  for (std::int64_t n = 1; n <= test.max_trials(); ++n) {
    rule.holds_at_most.push_back(test.holds_at_most(n));
    rule.violated_from.push_back(test.violated_from(n));
  }
  return rule;
}

std::pair<std::int64_t, std::int64_t> clopper_pearson_boundaries(std::int64_t n,
                                                                 const Rational& delta,
                                                                 const Rational& confidence) {
  // HOLDS is a lower tail of S and VIOLATED an upper one: bisect for each edge.
  auto verdict = [&](std::int64_t s) { return decide_verdict(s, n, delta, confidence); };
  std::int64_t holds = -1;
  if (verdict(0) == Verdict::holds) {
    std::int64_t low = 0, high = n + 1;  // holds at low, not at high
    while (high - low > 1) {
      const std::int64_t mid = low + (high - low) / 2;
      (verdict(mid) == Verdict::holds ? low : high) = mid;
    }
    holds = low;
  }
  std::int64_t violated = n + 1;
  if (verdict(n) == Verdict::violated) {
    std::int64_t low = -1, high = n;  // violated at high, not at low
    while (high - low > 1) {
      const std::int64_t mid = low + (high - low) / 2;
      (verdict(mid) == Verdict::violated ? high : low) = mid;
    }
    violated = high;
  }
  return {holds, violated};
}

StoppingRule clopper_pearson_at_looks(const Rational& delta, const Rational& confidence,
                                      const std::vector<std::int64_t>& looks) {
  StoppingRule rule;
  const std::int64_t last = looks.empty() ? 0 : *std::max_element(looks.begin(), looks.end());
  for (std::int64_t n = 1; n <= last; ++n) {
    std::pair<std::int64_t, std::int64_t> bounds{-1, n + 1};
    if (std::find(looks.begin(), looks.end(), n) != looks.end())
      bounds = clopper_pearson_boundaries(n, delta, confidence);
    rule.holds_at_most.push_back(bounds.first);
    rule.violated_from.push_back(bounds.second);
  }
  return rule;
}

}  // namespace elicit::stats
