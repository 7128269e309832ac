#include "sim/experiments/label_mean_experiment.h"

#include "sim/engine/failure_curve_within.h"
#include "sim/exact/checked_int.h"
#include "sim/experiments/counting_replay.h"
#include "sim/transformer/forward.h"
#include "sim/transformer/retrieval.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <stdexcept>

namespace elicit::experiments {

using targets::GridPoint;

namespace {

void check_settings(const LabelMeanSettings& s) {
  if (s.dataset_size < 1 || s.dataset_size > LabelMeanExperiment::kMaxDataset)
    throw std::invalid_argument(fmt::format("T4: the dataset size N must be in [1, {}] (got {})",
                                            LabelMeanExperiment::kMaxDataset, s.dataset_size));
  if (s.queries < 1 || s.queries > LabelMeanExperiment::kMaxQueries)
    throw std::invalid_argument(fmt::format("T4: the number of queries must be in [1, {}] (got {})",
                                            LabelMeanExperiment::kMaxQueries, s.queries));
}

// The halfspace first, then the queries, from the cell's law stream.
std::pair<targets::SoftLabel, std::vector<GridPoint>> draw_model(CellContext where,
                                                                 const LabelMeanSettings& s) {
  const targets::InputLaw law(s.inputs);
  Stream stream(engine::target_key(where.seed, where.law));
  targets::SoftLabel target(targets::draw_halfspace(law, stream, s.placement), s.link);
  std::vector<GridPoint> queries;
  queries.reserve(static_cast<std::size_t>(s.queries));
  for (int i = 0; i < s.queries; ++i) queries.push_back(law.draw(stream));
  return {std::move(target), std::move(queries)};
}

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

Integer to_integer(Int128 value) {
  const bool negative = value < 0;
  const auto magnitude = static_cast<UInt128>(negative ? -value : value);
  Integer out(static_cast<std::uint64_t>(magnitude >> 64));
  out <<= 64;
  out += static_cast<std::uint64_t>(magnitude);
  return negative ? Integer(-out) : out;
}
// |difference| / denominator, exactly.
Rational distance(Int128 difference, const Integer& denominator) {
  return Rational(to_integer(difference < 0 ? -difference : difference)) / Rational(denominator);
}

}  // namespace

LabelMeanExperiment::LabelMeanExperiment(CellContext where, const LabelMeanSettings& settings)
    : LabelMeanExperiment(where, settings, draw_model(where, settings)) {}

LabelMeanExperiment::LabelMeanExperiment(
    CellContext where, const LabelMeanSettings& settings,
    std::pair<targets::SoftLabel, std::vector<targets::GridPoint>>&& model)
    : LabelMeanExperiment(where, settings, std::move(model.first), std::move(model.second)) {}

LabelMeanExperiment::LabelMeanExperiment(CellContext where, const LabelMeanSettings& settings,
                                         targets::SoftLabel target,
                                         std::vector<targets::GridPoint> queries)
    : where_(where),
      settings_(settings),
      law_(settings.inputs),
      target_(std::move(target)),
      queries_(std::move(queries)) {
  check_settings(settings);
  if (queries_.empty()) throw std::invalid_argument("T4: no query");
  if (target_.halfspace().dimension() != law_.dimension() ||
      target_.halfspace().scale() != law_.scale())
    throw std::invalid_argument("T4: the target's dimension or grid differs from the input law's");
}

LabelMeanExperiment::Dataset LabelMeanExperiment::dataset(std::uint64_t trial) const {
  Stream stream(engine::trial_key(where_.seed, where_.cell, trial));
  Dataset d;
  const auto size = static_cast<std::size_t>(settings_.dataset_size);
  d.points.resize(size);
  d.labels.resize(size);
  d.probabilities.resize(size);
  for (std::size_t j = 0; j < size; ++j) {
    law_.draw(stream, d.points[j]);
    d.probabilities[j] = target_.numerator(d.points[j]);
    d.labels[j] = target_.draw_label(d.points[j], stream);  // 1 with probability exactly p
  }
  return d;
}

LabelMeanExperiment::TrialOutcome LabelMeanExperiment::outcome(std::int64_t k,
                                                               std::uint64_t trial) const {
  if (k < 1 || k > settings_.dataset_size)
    throw std::invalid_argument(
        fmt::format("T4: k = n must be in [1, N = {}] (got {})", settings_.dataset_size, k));
  const Dataset d = dataset(trial);
  const std::int64_t den = target_.denominator();
  // Every term over the common denominator k·den: p̂ = ones·den/(k den),
  // p̄ = Σ p_num/(k den), p(x) = k p_num(x)/(k den); sums of up to 2^20 terms
  // below 2^62 each fit 128 bits.
  const Integer common = Integer(k) * den;
  TrialOutcome out;
  for (const auto& query : queries_) {
    QueryOutcome q;
    q.neighbours = transformer::nearest_grid_points(d.points, query, static_cast<std::size_t>(k));
    Int128 ones = 0, mass = 0;
    for (auto j : q.neighbours) {
      ones += d.labels[j];
      mass += d.probabilities[j];
    }
    const Int128 estimate = ones * den;
    const Int128 truth = static_cast<Int128>(k) * target_.numerator(query);
    q.estimate = Rational(to_integer(ones), Integer(k));
    q.neighbour_mean = Rational(to_integer(mass)) / Rational(common);
    q.truth = Rational(target_.numerator(query), den);
    q.sampling = distance(estimate - mass, common);
    q.bias = distance(mass - truth, common);
    q.total = distance(estimate - truth, common);
    out.sampling = std::max(out.sampling, q.sampling);
    out.bias = std::max(out.bias, q.bias);
    out.total = std::max(out.total, q.total);
    out.queries.push_back(std::move(q));
  }
  return out;
}

Rational LabelMeanExperiment::error(std::int64_t n, std::uint64_t trial) const {
  const TrialOutcome o = outcome(n, trial);
  switch (settings_.measure) {
    case LabelMeanMeasure::total:
      return o.total;
    case LabelMeanMeasure::sampling:
      return o.sampling;
    case LabelMeanMeasure::bias:
      return o.bias;
  }
  return o.total;
}

std::vector<engine::TrialFact> LabelMeanExperiment::trial_facts(std::int64_t n,
                                                                std::uint64_t trial) const {
  const TrialOutcome o = outcome(n, trial);
  return {{"largest_sampling_term", o.sampling, false}, {"largest_neighbour_bias", o.bias, false}};
}

std::vector<engine::TrialFailure> LabelMeanExperiment::failures_over(std::int64_t first,
                                                                     std::int64_t last,
                                                                     std::uint64_t trial,
                                                                     const Rational& eps) const {
  if (first < 1 || last > settings_.dataset_size || last < first)
    throw std::invalid_argument(fmt::format("T4: k must be in [1, N = {}] (got {} to {})",
                                            settings_.dataset_size, first, last));
  const Dataset d = dataset(trial);
  const Int128 den = target_.denominator();
  // In 128 bits while every product stays below 2^100 (k <= 2^20); exact rationals beyond.
  const Integer limit = Integer(1) << 40;
  const bool narrow =
      numerator(eps) <= limit && denominator(eps) <= limit && den <= (Int128(1) << 40);
  const Int128 a = narrow ? numerator(eps).convert_to<std::int64_t>() : 0;
  const Int128 b = narrow ? denominator(eps).convert_to<std::int64_t>() : 0;
  auto exceeds = [&](Int128 x, std::int64_t k) {
    if (narrow) return x * b > a * k * den;
    return Rational(to_integer(x), to_integer(Int128(k) * den)) > eps;
  };
  std::vector<engine::TrialFailure> out(static_cast<std::size_t>(last - first + 1));
  for (const auto& query : queries_) {
    const auto ranked =
        transformer::nearest_grid_points_ranked(d.points, query, static_cast<std::size_t>(last));
    const Int128 truth_numerator = target_.numerator(query);
    Int128 ones = 0, mass = 0;
    for (std::int64_t k = 1; k <= last; ++k) {
      const auto j = ranked[static_cast<std::size_t>(k - 1)];
      ones += d.labels[j];
      mass += d.probabilities[j];
      if (k < first) continue;
      // The terms of outcome() over the common denominator k·den, compared with eps = a/b:
      // |x| / (k·den) > a / b  ⟺  |x|·b > a·k·den.
      const Int128 estimate = ones * den, truth = Int128(k) * truth_numerator;
      Int128 x = 0;
      switch (settings_.measure) {
        case LabelMeanMeasure::total:
          x = estimate - truth;
          break;
        case LabelMeanMeasure::sampling:
          x = estimate - mass;
          break;
        case LabelMeanMeasure::bias:
          x = mass - truth;
          break;
      }
      if (x < 0) x = -x;
      if (exceeds(x, k)) out[static_cast<std::size_t>(k - first)] = {true, true};
    }
  }
  return out;
}

std::optional<std::vector<engine::CurvePoint>> LabelMeanExperiment::exact_failure_curve(
    const Rational& eps, std::int64_t first, std::int64_t last, double work_limit) const {
  if (queries_.size() != 1 || target_.link().slope != 0 ||
      settings_.measure == LabelMeanMeasure::bias || last > settings_.dataset_size)
    return std::nullopt;
  // |S/k − c| > ε  ⟺  ‖(S/k, 1 − S/k) − (c, 1 − c)‖₁ > 2ε for S ~ Bin(k, c).
  const std::int64_t c = target_.numerator(queries_.front()), den = target_.denominator();
  const std::vector<targets::Distribution> coin = {{{c, den - c}, den}};
  return engine::failure_curve_within(coin, 2 * eps, first, last, work_limit);
}

void require_label_average_replay(const std::vector<transformer::LabelledPoint>& examples,
                                  const std::vector<Rational>& query,
                                  const std::vector<std::size_t>& neighbours,
                                  const Rational& estimate, const std::string& what) {
  const auto reference = transformer::nearest_examples(examples, query, neighbours.size());
  if (reference != neighbours)
    throw engine::ReplayMismatch(
        fmt::format("{}: the reference retrieval chooses examples {}, the fast path {}", what,
                    fmt::join(reference, ","), fmt::join(neighbours, ",")));
  std::vector<transformer::LabelledPoint> prompt;
  prompt.reserve(neighbours.size());
  for (auto j : neighbours) prompt.push_back(examples[j]);
  const int d = static_cast<int>(query.size());
  const auto result = transformer::run_exact(transformer::label_averaging_model(d),
                                             transformer::label_averaging_prompt(d, prompt, query));
  if (result.output.at(0) != estimate)
    throw engine::ReplayMismatch(
        fmt::format("{}: the label-averaging transformer outputs {}, the fast path {}", what,
                    to_string(result.output.at(0)), to_string(estimate)));
}

engine::ReplayOutcome LabelMeanExperiment::replay(std::int64_t n, std::uint64_t trial,
                                                  std::int64_t max_tokens) const {
  // Each query's prompt: BOS, an x row and a y row per neighbour, the query row.
  const std::int64_t per_query = 2 * n + 2;
  const std::int64_t tokens = checked_mul(per_query, static_cast<std::int64_t>(queries_.size()));
  if (auto skipped = skip_if_longer(tokens, max_tokens)) return *skipped;
  const Dataset d = dataset(trial);
  std::vector<transformer::LabelledPoint> examples;
  examples.reserve(d.points.size());
  for (std::size_t j = 0; j < d.points.size(); ++j)
    examples.push_back({law_.exact(d.points[j]), Rational(d.labels[j])});
  const TrialOutcome o = outcome(n, trial);
  for (std::size_t i = 0; i < queries_.size(); ++i) {
    require_label_average_replay(examples, law_.exact(queries_[i]), o.queries[i].neighbours,
                                 o.queries[i].estimate, fmt::format("trial {} query {}", trial, i));
  }
  return {true, fmt::format("{} tokens over {} {}: retrieval and mean labels equal", tokens,
                            queries_.size(), queries_.size() == 1 ? "query" : "queries")};
}

std::string LabelMeanExperiment::engine() const {
  return fmt::format(
      "k nearest of N = {} by exact squared distance (ties to the lower index), mean label "
      "(label-averaging transformer replays); max over {} {} of the {} term",
      settings_.dataset_size, queries_.size(), queries_.size() == 1 ? "query" : "queries",
      name_of(kLabelMeanMeasureNames, settings_.measure));
}

std::string LabelMeanExperiment::target_description() const {
  return fmt::format("soft labels {} on {}", target_.describe(), law_.spec().describe());
}

engine::TargetLaw LabelMeanExperiment::target_law() const {
  // The score's coefficients, then each query's coordinates and p(query).
  std::vector<std::vector<Rational>> values;
  std::vector<Rational> coefficients = target_.halfspace().exact_weights();
  coefficients.push_back(target_.halfspace().exact_bias());
  values.push_back(std::move(coefficients));
  for (const auto& query : queries_) {
    std::vector<Rational> row = law_.exact(query);
    row.push_back(target_.probability(query));
    values.push_back(std::move(row));
  }
  std::uint64_t h = 0xcbf29ce484222325ULL;
  std::size_t count = 0;
  for (const auto& row : values) {
    count += row.size();
    for (const auto& c : row) {
      for (unsigned char ch : to_string(c) + ";") h = (h ^ ch) * 0x100000001b3ULL;
    }
    h = (h ^ '|') * 0x100000001b3ULL;
  }
  for (unsigned char ch : target_.link().describe()) h = (h ^ ch) * 0x100000001b3ULL;
  if (count > 256) values.resize(1);  // the queries only while few
  return {fmt::format("{:016x}", h), std::move(values)};
}

}  // namespace elicit::experiments
