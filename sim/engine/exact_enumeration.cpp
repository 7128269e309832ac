#include "sim/engine/exact_enumeration.h"

#include <functional>
#include <stdexcept>

namespace elicit::engine {

Rational exact_l1_failure_probability(const std::vector<Rational>& p, std::int64_t n,
                                      const Rational& eps, std::int64_t max_vectors) {
  if (p.empty() || n < 1) throw std::invalid_argument("need a non-empty p and n >= 1");
  Rational sum = 0;
  for (const auto& q : p) {
    if (q < 0) throw std::invalid_argument("probabilities must be >= 0");
    sum += q;
  }
  if (sum != 1) throw std::invalid_argument("probabilities sum to " + to_string(sum) + ", not 1");
  // Common denominator D: p_v = w_v / D. Then P(c) = n!/Πc_v! · Π w_v^{c_v} / D^n,
  // an integer over D^n, and the failure test is integer too.
  Integer D = 1;
  for (const auto& q : p) D = boost::multiprecision::lcm(D, denominator(q));
  std::vector<Integer> w;
  w.reserve(p.size());
  for (const auto& q : p) w.push_back(numerator(q) * (D / denominator(q)));
  std::vector<Integer> factorial(static_cast<std::size_t>(n) + 1, Integer(1));
  for (std::int64_t k = 1; k <= n; ++k)
    factorial[static_cast<std::size_t>(k)] = factorial[static_cast<std::size_t>(k - 1)] * k;
  // ‖c/n − w/D‖₁ > a/b  <=>  b · Σ|c_v D − w_v n| > a · n · D
  const Integer threshold = numerator(eps) * n * D;
  const Integer& b = denominator(eps);

  std::vector<std::int64_t> counts(p.size(), 0);
  Integer failing = 0;
  std::int64_t visited = 0;
  std::function<void(std::size_t, std::int64_t)> walk = [&](std::size_t v, std::int64_t left) {
    if (v + 1 == p.size()) {
      counts[v] = left;
      if (++visited > max_vectors)
        throw std::invalid_argument("too many count vectors to enumerate");
      Integer deviation = 0;
      Integer weight = factorial[static_cast<std::size_t>(n)];
      for (std::size_t u = 0; u < p.size(); ++u) {
        Integer d = Integer(counts[u]) * D - w[u] * n;
        deviation += d < 0 ? Integer(-d) : d;
        weight /= factorial[static_cast<std::size_t>(counts[u])];
      }
      if (deviation * b > threshold) {
        for (std::size_t u = 0; u < p.size(); ++u)
          weight *= boost::multiprecision::pow(w[u], static_cast<unsigned>(counts[u]));
        failing += weight;
      }
      return;
    }
    for (std::int64_t c = 0; c <= left; ++c) {
      counts[v] = c;
      walk(v + 1, left - c);
    }
  };
  walk(0, n);
  return Rational(failing, boost::multiprecision::pow(D, static_cast<unsigned>(n)));
}

}  // namespace elicit::engine
