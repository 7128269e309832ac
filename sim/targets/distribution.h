// The fine-tuned model's next-token law for one context, as an exact rational
// distribution: p_v = weight_v / total with integer weights.
//
// Targets (docs/theory.md §3.1 "Simulate"): uniform (near worst case for the L1 error),
// Dirichlet(α) and Zipf(s) rounded to fractions of `resolution`, and uniform on a
// random support of a given size. Random targets are drawn once per cell from the
// cell's own stream, so the fine-tuned model is fixed while trials vary.
//
//   Distribution p = make_distribution({TargetKind::zipf, .exponent = 1.1}, 64, stream);
//   p.probability(0)   // an exact Rational
#pragma once

#include "sim/exact/rational.h"
#include "sim/random/stream.h"
#include "sim/util/enum_names.h"

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

// product: a law over V^l sequences whose l steps are independent, each drawn as
// `step` (T5's "products of per-step distributions"); only for sequence targets.
enum class TargetKind { uniform, dirichlet, zipf, sparse, product };
inline constexpr EnumNames<TargetKind, 5> kTargetKindNames = {{{TargetKind::uniform, "uniform"},
                                                               {TargetKind::dirichlet, "dirichlet"},
                                                               {TargetKind::zipf, "zipf"},
                                                               {TargetKind::sparse, "sparse"},
                                                               {TargetKind::product, "product"}}};

struct TargetSpec {
  TargetKind kind = TargetKind::uniform;
  double alpha = 1.0;                     // Dirichlet concentration
  double exponent = 1.0;                  // Zipf exponent s: p_v ∝ (v+1)^(-s)
  int support = 0;                        // sparse: number of symbols with mass
  TargetKind step = TargetKind::uniform;  // product: the law of each step
  std::int64_t resolution = 1 << 20;      // denominator of rounded targets
  std::string describe() const;           // "zipf(s=1.1)"
};

Distribution make_distribution(const TargetSpec& spec, std::size_t symbols, Stream& stream);

// A law over the V^l sequences of length l, flattened with the first symbol most
// significant (index = Σ_t s_t V^(l−1−t)). `product` multiplies l per-step laws,
// each rounded to 2^⌊60/l⌋ so that the product's weights fit int64; any other
// kind is drawn directly over the V^l sequences.
Distribution make_sequence_distribution(const TargetSpec& spec, int symbols, int length,
                                        Stream& stream);

// The exact laws of a target, for the results: FNV-1a of every weight and total
// (hexadecimal), and the probabilities themselves while there are at most
// `max_listed` in all.
std::string laws_digest(const std::vector<Distribution>& laws);
std::vector<std::vector<Rational>> listed_probabilities(const std::vector<Distribution>& laws,
                                                        std::size_t max_listed = 256);

// Rounds non-negative reals summing to about 1 to weights summing to exactly
// `resolution` (largest remainders get the leftover units).
Distribution round_to_resolution(const std::vector<double>& reals, std::int64_t resolution);

}  // namespace elicit::targets
