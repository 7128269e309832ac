// The reading registry: one row per reading (reading.h). A new reading is one
// experiment file in sim/experiments/ and one row here (or in
// registry_classification.cpp, the rows of the classification theorems and T1's
// exactness).
#include "sim/experiments/contexts_experiment.h"
#include "sim/experiments/half_support_experiment.h"
#include "sim/experiments/min_distance_experiment.h"
#include "sim/experiments/partial_access_experiment.h"
#include "sim/experiments/sequence_experiment.h"
#include "sim/readings/reading.h"
#include "sim/readings/registry_rows.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace elicit::readings {

namespace detail {

KeyRule eps_key(theory::Metric metric) {
  return open_interval_key("eps", fmt::format("error tolerance in {}", theory::metric_name(metric)),
                           theory::metric_maximum(metric), kTestedModes);
}

KeyRule delta_key() {
  return open_interval_key("delta", "failure probability", Rational(1), kAllModes);
}

KeyRule sample_size_key(std::string key, std::string meaning, std::int64_t maximum) {
  KeyRule rule = integer_key(std::move(key), std::move(meaning), 1, maximum,
                             {engine::Mode::verdict, engine::Mode::rate});
  rule.sample_size = true;
  return rule;
}

KeyRule positive_number_key(std::string key, std::string meaning) {
  KeyRule rule;
  rule.key = std::move(key);
  rule.meaning = std::move(meaning);
  rule.minimum = Rational(0);
  rule.open_minimum = true;
  return rule;
}

}  // namespace detail

namespace {

using namespace detail;
using engine::Mode;

constexpr std::int64_t kMaxSymbols = std::int64_t{1} << 24;
constexpr std::int64_t kMaxContexts = std::int64_t{1} << 20;
constexpr std::int64_t kMaxLength = 64;

KeyRule symbols_key() {
  return integer_key("V", "vocabulary size (symbols per output token)", 2, kMaxSymbols, kAllModes);
}

// min <= key <= max, exact; the law is then drawn in double, so the range keeps it
// meaningful there.
KeyRule range_key(std::string key, std::string meaning, Rational minimum, Rational maximum) {
  KeyRule rule;
  rule.key = std::move(key);
  rule.meaning = std::move(meaning);
  rule.minimum = std::move(minimum);
  rule.maximum = std::move(maximum);
  return rule;
}

// [target] keys of the next-token laws (docs/theory.md §3.1 "Simulate").
std::vector<KeyRule> text_target_keys(std::vector<std::string> kinds) {
  std::vector<KeyRule> keys = {
      name_key("kind", "the fine-tuned law", std::move(kinds), "uniform"),
      // Below 1/20 a symbol's gamma draw underflows to 0 ever more often (alpha = 1e-4 at
      // V = 5: every draw, and the law's weights were NaN); beyond 10^6 the law is uniform to
      // its resolution, and 1e400 was infinite.
      range_key("alpha", "Dirichlet concentration", Rational(1, 20), Rational(1000000)),
      // s = 1e-400 was 0 in double (uniform) and 1e400 infinite ("zipf(s=inf)").
      range_key("s", "Zipf exponent: p_v proportional to (v+1)^-s", Rational(1, 1000),
                Rational(100)),
      integer_key("support", "sparse: the number of symbols with mass", 1, kMaxSymbols, {}),
  };
  keys[1].fallback = Rational(1);
  keys[2].fallback = Rational(1);
  return keys;
}

// One trial draws and compares a count per symbol of each context.
TrialSize symbols_trial_size(const Values& grid, const Values&) {
  const double symbols = static_cast<double>(grid.integer("V"));
  const double contexts = grid.has("m") ? static_cast<double>(grid.integer("m")) : 1;
  if (contexts == 1) return {symbols, "V", fmt::format("V = {}", grid.integer("V"))};
  return {symbols * contexts, symbols >= contexts ? "V" : "m",
          fmt::format("m x V = {} x {}", grid.integer("m"), grid.integer("V"))};
}

// One trial draws and compares a count per sequence of V^l.
TrialSize sequences_trial_size(const Values& grid, const Values&) {
  const double sequences =
      std::pow(static_cast<double>(grid.integer("V")), static_cast<double>(grid.integer("l")));
  return {sequences, "l",
          fmt::format("V^l = {}^{} = {:.3g}", grid.integer("V"), grid.integer("l"), sequences)};
}

const std::vector<std::string> kLawKinds = {"uniform", "dirichlet", "zipf", "sparse"};

targets::TargetSpec text_target(const Values& target) {
  targets::TargetSpec spec;
  spec.kind = *parse_name(targets::kTargetKindNames, target.name("kind"));
  if (target.has("step")) spec.step = *parse_name(targets::kTargetKindNames, target.name("step"));
  spec.alpha = to_double(target.number("alpha"));
  spec.exponent = to_double(target.number("s"));
  if (target.has("support")) spec.support = static_cast<int>(target.integer("support"));
  return spec;
}

// A sparse law needs its support, within the number of outcomes.
std::optional<KeyProblem> check_support(const Values& target, std::int64_t outcomes) {
  const bool sparse =
      target.name("kind") == "sparse" || (target.has("step") && target.name("step") == "sparse");
  if (!sparse) return std::nullopt;
  if (!target.has("support")) return KeyProblem{"support", "a sparse law needs its support"};
  const std::int64_t support = target.integer("support");
  if (support > outcomes) {
    return KeyProblem{"support", fmt::format("must be <= {} outcomes (got {})", outcomes, support)};
  }
  return std::nullopt;
}

// The hardest-target family of the next-token readings: one law on the simplex of
// V symbols in each of `contexts` contexts, the error L1 (TV = L1/2 for T1).
SimplexFamily next_token_family(theory::Metric metric) {
  SimplexFamily family;
  family.make_with_law =
      [metric](const ExperimentRequest& q,
               const targets::Distribution& law) -> std::unique_ptr<engine::Experiment> {
    const auto contexts = q.grid.has("m") ? q.grid.integer("m") : 1;
    return std::make_unique<experiments::ContextsExperiment>(
        experiments::CellContext{q.seed, q.cell, q.law},
        std::vector<targets::Distribution>(static_cast<std::size_t>(contexts), law), metric);
  };
  family.exact_failure = [metric](const Values& grid, const targets::Distribution& law,
                                  std::int64_t n) -> std::optional<engine::BoundedProbability> {
    const auto contexts = static_cast<std::size_t>(grid.has("m") ? grid.integer("m") : 1);
    const Rational l1 =
        metric == theory::Metric::tv ? Rational(2 * grid.number("eps")) : grid.number("eps");
    const std::vector<targets::Distribution> laws(contexts, law);
    // The program's work grows with n·D; beyond a few seconds, Monte Carlo instead.
    if (engine::estimate_dp_work(laws, n, l1).double_steps > 2e8) return std::nullopt;
    return engine::failure_probability(laws, n, l1);
  };
  return family;
}

Reading contexts_reading() {
  Reading r;
  r.id = "T2/L1";
  r.theorem = "T2";
  r.metric = theory::Metric::l1;
  r.summary = "all m contexts at once: max_i ||p^_i - p_i||_1 <= eps w.p. 1-delta";
  r.modes = {Mode::n_star, Mode::verdict, Mode::rate, Mode::worst_target};
  r.simplex_family = next_token_family(theory::Metric::l1);
  r.grid = {symbols_key(), integer_key("m", "number of contexts", 1, kMaxContexts, kAllModes),
            sample_size_key("n", "samples per context"), eps_key(r.metric), delta_key()};
  r.target = text_target_keys(kLawKinds);
  r.law_keys = {"V", "m"};
  r.trial_size = symbols_trial_size;
  r.check_cell = [](const Values& grid, const Values& target) {
    return check_support(target, grid.integer("V"));
  };
  r.make_experiment = [](const ExperimentRequest& q) -> std::unique_ptr<engine::Experiment> {
    return std::make_unique<experiments::ContextsExperiment>(
        experiments::CellContext{q.seed, q.cell, q.law}, static_cast<int>(q.grid.integer("m")),
        static_cast<int>(q.grid.integer("V")), text_target(q.target), theory::Metric::l1);
  };
  r.bound_theorem = theory::Theorem::T2;
  r.bound_reading = "T2/L1";
  r.predicted_slopes = {
      {"V", stats::FitScale::identity, 1,
       "every rigorous size and the paper's grow linearly in V once V dominates ln(m/delta)"},
      {"eps", stats::FitScale::inverse, 2, "every size scales as 1/eps^2"}};
  return r;
}

Reading tv_rate_reading() {
  Reading r;
  r.id = "T1/tv-rate";
  r.theorem = "T1";
  r.metric = theory::Metric::tv;
  r.simplex_family = next_token_family(theory::Metric::tv);
  r.summary =
      "one query, the empirical conditional of N examples within TV eps (the O(1/sqrt N) rate)";
  r.modes = {Mode::n_star, Mode::verdict, Mode::rate, Mode::worst_target};
  r.grid = {symbols_key(), sample_size_key("n", "examples N relevant to the query"),
            eps_key(r.metric), delta_key()};
  r.target = text_target_keys(kLawKinds);
  r.law_keys = {"V"};
  r.trial_size = symbols_trial_size;
  r.check_cell = [](const Values& grid, const Values& target) {
    return check_support(target, grid.integer("V"));
  };
  r.make_experiment = [](const ExperimentRequest& q) -> std::unique_ptr<engine::Experiment> {
    return std::make_unique<experiments::ContextsExperiment>(
        experiments::CellContext{q.seed, q.cell, q.law}, 1, static_cast<int>(q.grid.integer("V")),
        text_target(q.target), theory::Metric::tv);
  };
  r.bound_theorem = theory::Theorem::T1;
  r.bound_reading = "T1/tv-rate";
  r.predicted_slopes = {
      {"n", stats::FitScale::identity, -0.5, "Lemma 3's O(1/sqrt N) for a stochastic target"},
      {"eps", stats::FitScale::inverse, 2, "every size scales as 1/eps^2"}};
  return r;
}

// T5 readings over V^l sequences (literal L1 and sup-norm).
Reading sequence_reading(std::string id, theory::Metric metric, std::string summary) {
  Reading r;
  r.id = std::move(id);
  r.theorem = "T5";
  r.metric = metric;
  r.summary = std::move(summary);
  r.modes = {Mode::n_star, Mode::verdict, Mode::rate};
  r.grid = {symbols_key(), integer_key("l", "output length in tokens", 1, kMaxLength, kAllModes),
            sample_size_key("n", "examples k in the prompt"), eps_key(metric), delta_key()};
  std::vector<std::string> kinds = kLawKinds;
  kinds.push_back("product");
  r.target = text_target_keys(kinds);
  r.target.push_back(name_key("step", "a product's per-step law", kLawKinds, std::nullopt));
  r.law_keys = {"V", "l"};
  r.trial_size = sequences_trial_size;
  const std::string reading_id = r.id;
  r.check_cell = [reading_id](const Values& grid,
                              const Values& target) -> std::optional<KeyProblem> {
    const Integer sequences = boost::multiprecision::pow(Integer(grid.integer("V")),
                                                         static_cast<unsigned>(grid.integer("l")));
    const Integer limit(experiments::SequenceExperiment::kMaxSequences);
    if (sequences > limit) {
      return KeyProblem{"l", fmt::format("V^l = {} sequences; {} takes at most {}", sequences.str(),
                                         reading_id, limit.str())};
    }
    if (target.has("step") != (target.name("kind") == "product"))
      return KeyProblem{"step", "only with kind = \"product\", and then needed"};
    const bool per_step = target.name("kind") == "product";
    return check_support(target,
                         per_step ? grid.integer("V") : sequences.convert_to<std::int64_t>());
  };
  r.make_experiment = [metric](const ExperimentRequest& q) -> std::unique_ptr<engine::Experiment> {
    return std::make_unique<experiments::SequenceExperiment>(
        experiments::CellContext{q.seed, q.cell, q.law}, static_cast<int>(q.grid.integer("V")),
        static_cast<int>(q.grid.integer("l")), text_target(q.target), metric);
  };
  r.bound_theorem = theory::Theorem::T5;
  r.bound_reading = r.id;
  return r;
}

Reading min_distance_reading() {
  Reading r;
  r.id = "T5/min-distance";
  r.theorem = "T5";
  r.metric = theory::Metric::l1;
  r.summary =
      "p_fine is one of V^l known candidates (tilted product laws); the Yatracos "
      "minimum-distance estimate";
  r.modes = {Mode::n_star, Mode::verdict, Mode::rate};
  r.grid = {symbols_key(), integer_key("l", "output length in tokens", 1, kMaxLength, kAllModes),
            sample_size_key("n", "examples k in the prompt"), eps_key(r.metric), delta_key()};
  KeyRule tilt = open_interval_key(
      "tilt", "each candidate's per-step tilt eta towards its sequence (neighbours 2 eta apart)",
      Rational(1), {});
  tilt.fallback = Rational(1, 25);
  r.target = {tilt};
  r.law_keys = {"V", "l"};
  r.trial_size = sequences_trial_size;
  r.check_cell = [](const Values& grid, const Values&) -> std::optional<KeyProblem> {
    const Integer sequences = boost::multiprecision::pow(Integer(grid.integer("V")),
                                                         static_cast<unsigned>(grid.integer("l")));
    const Integer limit(experiments::MinDistanceExperiment::kMaxCandidates);
    if (sequences > limit) {
      return KeyProblem{"l", fmt::format("V^l = {} sequences; T5/min-distance takes at most {}",
                                         sequences.str(), limit.str())};
    }
    return std::nullopt;
  };
  r.make_experiment = [](const ExperimentRequest& q) -> std::unique_ptr<engine::Experiment> {
    return std::make_unique<experiments::MinDistanceExperiment>(
        experiments::CellContext{q.seed, q.cell, q.law}, static_cast<int>(q.grid.integer("V")),
        static_cast<int>(q.grid.integer("l")), q.target.number("tilt"));
  };
  r.bound_theorem = theory::Theorem::T5;
  r.bound_reading = r.id;
  return r;
}

Reading half_support_reading() {
  Reading r;
  r.id = "T5/literal-L1-minimax";
  r.theorem = "T5";
  r.metric = theory::Metric::l1;
  r.summary =
      "the statement as written against every estimator: uniform on a random half of V^l, "
      "with the Bayes risk as a floor";
  r.modes = {Mode::verdict, Mode::rate};
  r.grid = {symbols_key(), integer_key("l", "output length in tokens", 1, kMaxLength, kAllModes),
            sample_size_key("n", "examples k in the prompt"), eps_key(r.metric), delta_key()};
  r.target = {name_key("learner",
                       "the estimator: the counting head or the family's Bayes estimator",
                       {"counting", "bayes"}, "counting")};
  r.law_keys = {"V", "l"};
  // A trial draws the prompt's k samples one by one.
  r.trial_size = [](const Values& grid, const Values&) -> TrialSize {
    if (!grid.has("n")) return {};
    return {static_cast<double>(grid.integer("n")), "n", fmt::format("n = {}", grid.integer("n"))};
  };
  r.check_cell = [](const Values& grid, const Values&) -> std::optional<KeyProblem> {
    const Integer sequences = boost::multiprecision::pow(Integer(grid.integer("V")),
                                                         static_cast<unsigned>(grid.integer("l")));
    if (sequences > Integer(experiments::HalfSupportExperiment::kMaxSequences) ||
        sequences % 2 != 0) {
      return KeyProblem{"l", fmt::format("V^l = {} sequences; the half-support family needs an "
                                         "even number, at most 2^40",
                                         sequences.str())};
    }
    return std::nullopt;
  };
  r.make_experiment = [](const ExperimentRequest& q) -> std::unique_ptr<engine::Experiment> {
    using Learner = experiments::HalfSupportExperiment::Learner;
    return std::make_unique<experiments::HalfSupportExperiment>(
        experiments::CellContext{q.seed, q.cell, q.law}, static_cast<int>(q.grid.integer("V")),
        static_cast<int>(q.grid.integer("l")),
        q.target.name("learner") == "bayes" ? Learner::bayes : Learner::counting);
  };
  r.bound_theorem = theory::Theorem::T5;
  r.bound_reading = "T5/literal-L1";
  return r;
}

Reading partial_access_reading() {
  Reading r;
  r.id = "partial/TV";
  r.theorem = "partial-access";
  r.metric = theory::Metric::tv;
  r.summary = "a subset D' of D: TV error against the empirical law of D (section 5.4)";
  r.modes = {Mode::rate};
  KeyRule population = integer_key("N", "size of the dataset D", 1, kMaxSampleSize, kAllModes);
  KeyRule subset = sample_size_key("n", "size of the subset D'");
  subset.needed_in = kAllModes;
  r.grid = {symbols_key(), population, subset, delta_key()};
  r.target = text_target_keys(kLawKinds);
  r.law_keys = {"V", "N"};
  // A trial draws the subset's n samples and compares a count per symbol.
  r.trial_size = [](const Values& grid, const Values&) -> TrialSize {
    const double symbols = static_cast<double>(grid.integer("V"));
    const double samples = static_cast<double>(grid.integer("n"));
    return {symbols + samples, symbols >= samples ? "V" : "n",
            fmt::format("V + n = {} + {}", grid.integer("V"), grid.integer("n"))};
  };
  r.predicted_slopes = {
      {"n", stats::FitScale::identity, -0.5, "section 5.4's O(1/sqrt |D'|) while |D'| << |D|"}};
  r.check_cell = [](const Values& grid, const Values& target) -> std::optional<KeyProblem> {
    // The claim is for |D'| << |D|: at n <= N/20 the finite-population factor
    // sqrt(1 - n/N) is above 0.97, so the 1/sqrt(n) rate is what is measured.
    if (20 * grid.integer("n") > grid.integer("N")) {
      return KeyProblem{"n", "|D'| = n must be at most |D|/20 (the claim is for |D'| << |D|)"};
    }
    return check_support(target, grid.integer("V"));
  };
  r.make_experiment = [](const ExperimentRequest& q) -> std::unique_ptr<engine::Experiment> {
    return std::make_unique<experiments::PartialAccessExperiment>(
        experiments::CellContext{q.seed, q.cell, q.law}, static_cast<int>(q.grid.integer("V")),
        q.grid.integer("N"), text_target(q.target));
  };
  return r;
}

}  // namespace

const KeyRule* Reading::grid_rule(const std::string& key) const {
  for (const auto& rule : grid) {
    if (rule.key == key) return &rule;
  }
  return nullptr;
}

const KeyRule* Reading::target_rule(const std::string& key) const {
  for (const auto& rule : target) {
    if (rule.key == key) return &rule;
  }
  return nullptr;
}

const PredictedSlope* Reading::predicted_slope(const std::string& x, stats::FitScale scale) const {
  for (const auto& p : predicted_slopes) {
    if (p.x == x && p.scale == scale) return &p;
  }
  return nullptr;
}

bool Reading::supports(engine::Mode mode) const {
  return std::find(modes.begin(), modes.end(), mode) != modes.end();
}

const std::vector<Reading>& all_readings() {
  static const std::vector<Reading> readings = {
      tv_rate_reading(),
      contexts_reading(),
      sequence_reading("T5/literal-L1", theory::Metric::l1,
                       "the statement as written: L1 over all V^l sequences"),
      sequence_reading("T5/sup-norm", theory::Metric::sup, "max_s |p^(s) - p(s)| <= eps"),
      half_support_reading(),
      min_distance_reading(),
      partial_access_reading(),
      halfspace_reading(),
      support_subset_reading(),
      label_mean_reading(),
      gd_exactness_reading(),
  };
  return readings;
}

const Reading* find_reading(const std::string& id) {
  for (const auto& reading : all_readings()) {
    if (reading.id == id) return &reading;
  }
  return nullptr;
}

}  // namespace elicit::readings
