// The fine-tuned model's next-token law for one context, as an exact rational
// distribution: p_v = weight_v / total with integer weights.
//
// Targets (THEORY.md §3.1 "Simulate"): uniform (near worst case for the L1 error),
// Dirichlet(α) and Zipf(s) rounded to fractions of `resolution`, and uniform on a
// random support of a given size. Random targets are drawn once per cell from the
// cell's own stream, so the fine-tuned model is fixed while trials vary.
//
//   Distribution p = make_distribution({TargetKind::zipf, .exponent = 1.1}, 64, stream);
//   p.probability(0)   // an exact Rational
#pragma once

#include "sim/exact/rational.h"
#include "sim/random/stream.h"

#include <cstdint>
#include <string>
#include <vector>

namespace elicit::targets {

struct Distribution {
  std::vector<std::int64_t> weights;
  std::int64_t total = 1;

  std::size_t size() const { return weights.size(); }
  Rational probability(std::size_t v) const { return Rational(weights[v], total); }
  std::vector<double> probabilities() const;  // for sampling only
};

enum class TargetKind { uniform, dirichlet, zipf, sparse };

struct TargetSpec {
  TargetKind kind = TargetKind::uniform;
  double alpha = 1.0;                 // Dirichlet concentration
  double exponent = 1.0;              // Zipf exponent s: p_v ∝ (v+1)^(-s)
  int support = 0;                    // sparse: number of symbols with mass
  std::int64_t resolution = 1 << 20;  // denominator of rounded targets
  std::string describe() const;       // "zipf(s=1.1)"
};

TargetKind parse_target_kind(const std::string& text);  // throws std::invalid_argument

Distribution make_distribution(const TargetSpec& spec, std::size_t symbols, Stream& stream);

// Rounds non-negative reals summing to about 1 to weights summing to exactly
// `resolution` (largest remainders get the leftover units).
Distribution round_to_resolution(const std::vector<double>& reals, std::int64_t resolution);

}  // namespace elicit::targets
