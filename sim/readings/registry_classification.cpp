// The registry rows of the classification theorems (T3, T4) and of T1's exactness
// (reading.h; docs/theory.md §3.3, §3.4, §4): their keys with exact ranges, limits,
// experiments (sim/experiments/) and bounds.
#include "sim/engine/setting_error.h"
#include "sim/experiments/gd_exactness_experiment.h"
#include "sim/experiments/halfspace_experiment.h"
#include "sim/experiments/label_mean_experiment.h"
#include "sim/experiments/support_subset_experiment.h"
#include "sim/readings/registry_rows.h"
#include "sim/targets/soft_label.h"

#include <fmt/format.h>

#include <optional>
#include <stdexcept>

namespace elicit::readings::detail {
namespace {

using engine::Mode;
using targets::InputLaw;
using targets::InputLawSpec;

// Keys that keep every scaled coordinate, score and squared distance of the input
// laws far inside int64 for any d <= InputLaw::kMaxDimension (input_law.h).
constexpr std::int64_t kMaxRadius = 100;
constexpr int kMaxBits = 16;
constexpr std::int64_t kMaxUpdates = 1'000'000;
constexpr std::int64_t kMaxTestPoints = 10'000'000;
// The most distinct points an exact 0-1 disagreement enumerates per trial.
constexpr std::int64_t kEnumerationLimit = std::int64_t{1} << 16;
// Numerators and denominators of a link's slope and offset (soft_label.h's integer
// arithmetic stays within int64).
constexpr std::int64_t kMaxLinkTerm = 1024;

template <class E, std::size_t N>
std::vector<std::string> names_of(const EnumNames<E, N>& names) {
  std::vector<std::string> out;
  for (const auto& entry : names) out.emplace_back(entry.second);
  return out;
}

KeyRule dimension_key(std::int64_t maximum) {
  return integer_key("d", "input dimension", 1, maximum, kAllModes);
}

KeyRule number_key(std::string key, std::string meaning, Rational minimum, Rational maximum,
                   std::optional<Rational> fallback) {
  KeyRule rule;
  rule.key = std::move(key);
  rule.meaning = std::move(meaning);
  rule.minimum = std::move(minimum);
  rule.maximum = std::move(maximum);
  if (fallback) rule.fallback = std::move(*fallback);
  return rule;
}

KeyRule integer_key_with(std::string key, std::string meaning, std::int64_t minimum,
                         std::int64_t maximum, std::int64_t fallback) {
  KeyRule rule = integer_key(std::move(key), std::move(meaning), minimum, maximum, {});
  rule.fallback = Rational(fallback);
  return rule;
}

// [target] keys of the input law (input_law.h); radius, bits and denominators only
// for the laws that have them.
std::vector<KeyRule> input_law_keys(const std::string& fallback_law) {
  return {
      name_key("law",
               "the input law of x: lattice {-R..R}^d, gaussian N(0, I) rounded to the grid "
               "2^-bits, fractions p/q (|p| <= R, 1 <= q <= Q)",
               names_of(targets::kInputKindNames), fallback_law),
      integer_key("radius", "lattice, fractions: coordinates (numerators) in {-R, ..., R}", 1,
                  kMaxRadius, {}),
      integer_key("bits", "gaussian: the draws are rounded to the grid 2^-bits", 0, kMaxBits, {}),
      integer_key("denominators", "fractions: denominators uniform in {1, ..., Q}", 1,
                  InputLaw::kMaxDenominators, {}),
  };
}

KeyRule boundary_key() {
  return name_key("boundary",
                  "where h*'s boundary passes: half a grid step past a point drawn from the law, "
                  "or past the origin (balanced classes)",
                  names_of(targets::kBoundaryPlacementNames), "drawn-point");
}

KeyRule margin_key() {
  return number_key("margin",
                    "gamma of the margin band: inputs with |w*.x + b*| < gamma ||w*|| are "
                    "redrawn (0: none)",
                    Rational(0), Rational(2), Rational(0));
}

KeyRule max_updates_key() {
  return integer_key_with("max_updates",
                          "the perceptron's cap on updates (loops of the transformer); a run that "
                          "reaches it counts as a failure",
                          1, kMaxUpdates, 100000);
}

std::optional<KeyProblem> check_input_keys(const Values& target) {
  const std::string& law = target.name("law");
  if (target.has("radius") && law == "gaussian")
    return KeyProblem{"radius", "only with law = \"lattice\" or \"fractions\""};
  if (target.has("bits") && law != "gaussian")
    return KeyProblem{"bits", "only with law = \"gaussian\""};
  if (target.has("denominators") && law != "fractions")
    return KeyProblem{"denominators", "only with law = \"fractions\""};
  return std::nullopt;
}

// The input law of a cell; keys not given keep `spec`'s defaults.
InputLawSpec input_spec(const Values& grid, const Values& target, InputLawSpec spec = {}) {
  spec.kind = *parse_name(targets::kInputKindNames, target.name("law"));
  spec.dimension = static_cast<int>(grid.integer("d"));
  if (target.has("radius")) spec.radius = target.integer("radius");
  if (target.has("bits")) spec.bits = static_cast<int>(target.integer("bits"));
  if (target.has("denominators")) spec.denominators = target.integer("denominators");
  return spec;
}

targets::BoundaryPlacement placement_of(const Values& target) {
  return *parse_name(targets::kBoundaryPlacementNames, target.name("boundary"));
}

experiments::CellContext where(const ExperimentRequest& q) { return {q.seed, q.cell, q.law}; }

// A band that leaves no point of a finite law is known only once h* is drawn: the
// experiment refuses it, and the user is told which key to change.
template <class Make>
std::unique_ptr<engine::Experiment> with_band_named(const Values& target, Make&& make) {
  try {
    return make();
  } catch (const std::invalid_argument& error) {
    if (target.number("margin") > 0) throw engine::SettingError("margin", error.what());
    throw;
  }
}

}  // namespace

Reading halfspace_reading() {
  Reading r;
  r.id = "T3/0-1-realizable";
  r.theorem = "T3";
  r.metric = theory::Metric::zero_one;
  r.summary =
      "a halfspace h*(x) = 1[w*.x + b* > 0] on an input law, the looped-transformer "
      "perceptron on n labelled examples, and its 0-1 disagreement with h*";
  r.modes = {Mode::n_star, Mode::verdict, Mode::rate};
  r.grid = {dimension_key(InputLaw::kMaxDimension),
            sample_size_key("n", "labelled examples in the prompt",
                            experiments::HalfspaceExperiment::kMaxExamples),
            eps_key(r.metric), delta_key()};
  r.target = input_law_keys("lattice");
  r.target.push_back(boundary_key());
  r.target.push_back(margin_key());
  r.target.push_back(max_updates_key());
  r.target.push_back(name_key("disagreement",
                              "how the 0-1 error is measured: exact (enumerating a finite law), "
                              "sampled (on test_points fresh points, a Clopper-Pearson bracket), "
                              "or automatic (exact while at most 65536 points)",
                              {"automatic", "exact", "sampled"}, "automatic"));
  r.target.push_back(integer_key_with(
      "test_points", "sampled errors: the fresh test points per trial", 1, kMaxTestPoints, 100000));
  KeyRule level = open_interval_key(
      "test_level", "sampled errors: beta, each bracket's error probability", Rational(1), {});
  level.fallback = Rational(1, 1000000);
  r.target.push_back(level);
  r.law_keys = {"d"};
  r.method_keys = {"max_updates", "disagreement", "test_points", "test_level"};
  r.check_cell = [](const Values& grid, const Values& target) -> std::optional<KeyProblem> {
    if (auto problem = check_input_keys(target)) return problem;
    const InputLawSpec spec = input_spec(grid, target);
    const auto points = InputLaw(spec).enumerable_points();
    const std::string& method = target.name("disagreement");
    const bool enumerated = method != "sampled" && points && *points <= kEnumerationLimit;
    if (method == "exact" && !enumerated) {
      return KeyProblem{
          "d",
          fmt::format("{} has {} points; disagreement = \"exact\" enumerates at most {} "
                      "(a smaller d or radius, or disagreement = \"sampled\")",
                      spec.describe(), points ? std::to_string(*points) : std::string("too many"),
                      kEnumerationLimit)};
    }
    const Rational& beta = target.number("test_level");
    const Rational& delta = grid.number("delta");
    if (!enumerated && (beta >= delta || delta + beta >= 1)) {
      return KeyProblem{"test_level",
                        fmt::format("must be below delta = {} and 1 - delta (the bracket's "
                                    "slack is taken from delta)",
                                    to_string(delta))};
    }
    return std::nullopt;
  };
  r.make_experiment = [](const ExperimentRequest& q) {
    experiments::HalfspaceSettings s;
    s.inputs = input_spec(q.grid, q.target);
    s.placement = placement_of(q.target);
    s.margin = q.target.number("margin");
    s.max_updates = static_cast<int>(q.target.integer("max_updates"));
    const std::string& method = q.target.name("disagreement");
    s.method = method == "exact"     ? experiments::DisagreementMethod::enumerate
               : method == "sampled" ? experiments::DisagreementMethod::sample
                                     : experiments::DisagreementMethod::automatic;
    s.enumeration_limit = kEnumerationLimit;
    s.test_points = q.target.integer("test_points");
    s.test_level = to_double(q.target.number("test_level"));
    return with_band_named(
        q.target, [&] { return std::make_unique<experiments::HalfspaceExperiment>(where(q), s); });
  };
  r.bound_theorem = theory::Theorem::T3;
  r.bound_reading = r.id;
  // BEHW's sizes are for a consistent learner: the perceptron is one when no run can
  // reach its cap.
  r.bound_caveat = [](const theory::Bound&, const Values&, const Values&,
                      const engine::Experiment& experiment) -> std::optional<std::string> {
    const auto* t3 = dynamic_cast<const experiments::HalfspaceExperiment*>(&experiment);
    if (!t3 || t3->always_converges()) return std::nullopt;
    if (!t3->mistake_bound()) {
      return fmt::format(
          "it needs a consistent learner, and on an unbounded input law the perceptron has "
          "no mistake bound within its cap of {} updates (a run may stop inconsistent)",
          t3->max_updates());
    }
    return fmt::format(
        "it needs a consistent learner, and Novikoff's bound on the perceptron's updates, "
        "{:.4g}, is above its cap of {} (a run may stop inconsistent)",
        to_double(*t3->mistake_bound()), t3->max_updates());
  };
  r.predicted_slopes = {
      {"d", stats::FitScale::identity, 1,
       "the paper's d/eps and every realizable size grow linearly in the VC dimension d + 1"},
      {"eps", stats::FitScale::inverse, 1,
       "realizable learning: n* of order (d + ln(1/delta))/eps (BEHW adds a log(1/eps))"}};
  return r;
}

Reading support_subset_reading() {
  Reading r;
  r.id = "T3/subset-max-margin";
  r.theorem = "T3";
  r.metric = theory::Metric::zero_one;
  r.summary =
      "a separable D of n examples labelled by a halfspace; the learner trained on D's "
      "max-margin support basis (at most d + 1 points) alone, and the fraction of D it "
      "misclassifies";
  r.modes = {Mode::verdict, Mode::rate};
  r.grid = {
      dimension_key(experiments::SupportSubsetExperiment::kMaxDimension),
      sample_size_key("n", "examples in D", experiments::SupportSubsetExperiment::kMaxExamples),
      eps_key(r.metric), delta_key()};
  r.target = input_law_keys("lattice");
  r.target.push_back(boundary_key());
  r.target.push_back(margin_key());
  r.target.push_back(name_key("learner",
                              "trained on the support basis: its max-margin separator (the "
                              "claim), or the looped-transformer perceptron (the contrast)",
                              names_of(experiments::kSubsetLearnerNames), "max-margin"));
  r.target.push_back(max_updates_key());
  r.law_keys = {"d"};
  r.method_keys = {"learner", "max_updates"};
  r.check_cell = [](const Values&, const Values& target) { return check_input_keys(target); };
  r.make_experiment = [](const ExperimentRequest& q) {
    experiments::SupportSubsetSettings s;
    s.inputs = input_spec(q.grid, q.target);
    s.placement = placement_of(q.target);
    s.margin = q.target.number("margin");
    s.learner = *parse_name(experiments::kSubsetLearnerNames, q.target.name("learner"));
    s.max_updates = static_cast<int>(q.target.integer("max_updates"));
    return with_band_named(q.target, [&] {
      return std::make_unique<experiments::SupportSubsetExperiment>(where(q), s);
    });
  };
  r.bound_theorem = theory::Theorem::T3;
  r.bound_reading = r.id;
  return r;
}

Reading label_mean_reading() {
  Reading r;
  r.id = "T4/soft-label-mean";
  r.theorem = "T4";
  r.metric = theory::Metric::absolute;
  r.summary =
      "soft labels p(x) = link(a (w*.x + b*)); for each of q queries, the mean label of its "
      "k nearest examples among N; the largest |p^(x) - p(x)| over the queries";
  r.modes = {Mode::n_star, Mode::verdict, Mode::rate};
  r.grid = {
      dimension_key(InputLaw::kMaxDimension),
      integer_key("N", "examples in the dataset the k nearest are retrieved from", 1,
                  experiments::LabelMeanExperiment::kMaxDataset, kAllModes),
      integer_key("q", "query points, drawn once per law (the error is the largest over them)", 1,
                  experiments::LabelMeanExperiment::kMaxQueries, {}),
      sample_size_key("k", "retrieved examples per query",
                      experiments::LabelMeanExperiment::kMaxDataset),
      eps_key(r.metric),
      delta_key()};
  r.target = input_law_keys("lattice");
  r.target.push_back(boundary_key());
  r.target.push_back(name_key("link", "the link from the score a (w*.x + b*) to p(x)",
                              names_of(targets::kLinkKindNames), "clipped-linear"));
  r.target.push_back(number_key("slope", "a: the link's steepness (0: p constant)", Rational(0),
                                Rational(kMaxLinkTerm), Rational(1, 4)));
  r.target.push_back(number_key("offset", "clipped-linear: c in p = clamp(a t + c, 0, 1) (1/2)",
                                Rational(0), Rational(1), std::nullopt));
  r.target.push_back(name_key("measure",
                              "which error: the total |p^ - p(x)|, its sampling term |p^ - p_bar| "
                              "or its neighbour-bias term |p_bar - p(x)|",
                              names_of(experiments::kLabelMeanMeasureNames), "total"));
  r.law_keys = {"d", "N", "q"};
  // A trial draws N examples, then for each query ranks all N by distance (about 5 ns
  // a coordinate, measured).
  r.trial_size = [](const Values& grid, const Values&) -> TrialSize {
    const double points =
        static_cast<double>(grid.integer("N")) * static_cast<double>(grid.integer("d"));
    const double queries = grid.has("q") ? static_cast<double>(grid.integer("q")) : 1;
    return {points, "N",
            fmt::format("N x d = {} x {}, ranked for q = {} queries", grid.integer("N"),
                        grid.integer("d"), queries),
            points * (1 + queries) / 30};
  };
  r.method_keys = {"measure"};
  r.check_cell = [](const Values& grid, const Values& target) -> std::optional<KeyProblem> {
    if (grid.has("k") && grid.integer("k") > grid.integer("N")) {
      return KeyProblem{"k", fmt::format("must be <= N = {}: the k nearest of the N examples",
                                         grid.integer("N"))};
    }
    if (auto problem = check_input_keys(target)) return problem;
    const bool clipped = target.name("link") == "clipped-linear";
    if (target.has("offset") && !clipped)
      return KeyProblem{"offset", "only with link = \"clipped-linear\""};
    for (const char* key : {"slope", "offset"}) {
      if (!target.has(key)) continue;
      const Rational& value = target.number(key);
      if (boost::multiprecision::numerator(value) > kMaxLinkTerm ||
          boost::multiprecision::denominator(value) > kMaxLinkTerm) {
        return KeyProblem{key, fmt::format("its numerator and denominator must be at most {} "
                                           "(got {})",
                                           kMaxLinkTerm, to_string(value))};
      }
    }
    return std::nullopt;
  };
  r.make_experiment = [](const ExperimentRequest& q) {
    experiments::LabelMeanSettings s;
    s.inputs = input_spec(q.grid, q.target);
    s.placement = placement_of(q.target);
    s.link.kind = *parse_name(targets::kLinkKindNames, q.target.name("link"));
    s.link.slope = q.target.number("slope");
    s.link.offset = q.target.has("offset") ? q.target.number("offset") : Rational(1, 2);
    s.dataset_size = q.grid.integer("N");
    s.queries = q.grid.has("q") ? static_cast<int>(q.grid.integer("q")) : 1;
    s.measure = *parse_name(experiments::kLabelMeanMeasureNames, q.target.name("measure"));
    return std::make_unique<experiments::LabelMeanExperiment>(where(q), s);
  };
  r.sample_size_limit = [](const Values& grid) -> std::pair<std::int64_t, std::string> {
    return {grid.integer("N"), fmt::format("k <= N = {}", grid.integer("N"))};
  };
  r.bound_theorem = theory::Theorem::T4;
  r.bound_reading = r.id;
  // Hoeffding bounds a mean of independent labels around its own mean: the sampling
  // term always, the total only when every neighbour shares p(x) (a = 0), and the
  // largest over q queries only with the union bound.
  r.bound_caveat = [](const theory::Bound& bound, const Values& grid, const Values& target,
                      const engine::Experiment&) -> std::optional<std::string> {
    const std::string& measure = target.name("measure");
    if (measure == "bias")
      return std::string(
          "the neighbour-bias term is no sampling error; Hoeffding says nothing "
          "about it");
    if (measure == "total" && target.number("slope") != 0) {
      return std::string(
          "p(x) varies between neighbours (slope a > 0), so the error has a neighbour-bias "
          "term that Hoeffding does not cover");
    }
    const std::int64_t queries = grid.has("q") ? grid.integer("q") : 1;
    if (queries > 1 && bound.id != "T4/hoeffding-queries") {
      return fmt::format(
          "a size for one query, and the error is the largest over q = {} queries "
          "(T4/hoeffding-queries covers them)",
          queries);
    }
    return std::nullopt;
  };
  r.predicted_slopes = {{"eps", stats::FitScale::inverse, 2,
                         "Hoeffding at zero neighbour bias: k of order ln(2/delta)/(2 eps^2)"}};
  return r;
}

Reading gd_exactness_reading() {
  Reading r;
  r.id = "T1/gd-exact";
  r.theorem = "T1";
  r.metric = theory::Metric::absolute;
  r.summary =
      "K exact gradient-descent steps of a linear head on N examples against the K-layer "
      "linear-attention transformer on the same prompt: the largest |difference| over the "
      "queries (0 is exactness), with the drift of the same weights in double";
  r.modes = {Mode::verdict, Mode::rate};
  KeyRule tolerance;
  tolerance.key = "eps";
  tolerance.meaning = "tolerance on |transformer - gradient descent| (0: exact equality)";
  tolerance.minimum = Rational(0);
  tolerance.maximum = theory::metric_maximum(r.metric);
  tolerance.open_maximum = true;
  tolerance.needed_in = kTestedModes;
  r.grid = {dimension_key(InputLaw::kMaxDimension),
            sample_size_key("n", "examples N in the prompt",
                            experiments::GdExactnessExperiment::kMaxExamples),
            integer_key("K", "gradient-descent steps (transformer layers)", 1,
                        experiments::GdExactnessExperiment::kMaxSteps, kAllModes),
            tolerance, delta_key()};
  r.target = input_law_keys("fractions");
  r.target.push_back(positive_number_key("eta", "the learning rate"));
  r.target.back().fallback = Rational(1, 10);
  r.target.push_back(integer_key_with("queries", "query points per trial", 1,
                                      experiments::GdExactnessExperiment::kMaxQueries, 5));
  r.target.push_back(name_key("measure",
                              "the error: the exact transformer against gradient descent, or "
                              "the double-precision transformer against the exact one",
                              names_of(experiments::kGdMeasureNames), "exact-difference"));
  r.law_keys = {"d"};
  r.method_keys = {"eta", "queries", "measure"};
  // Each query runs the K-layer exact transformer over n + 1 rows (linear attention:
  // (n+1)^2 exact products a layer, about 1 µs each, measured at n = 512, K = 8).
  r.trial_size = [](const Values& grid, const Values& target) -> TrialSize {
    const double rows = static_cast<double>(grid.integer("n")) + 1;
    const double layers = static_cast<double>(grid.integer("K"));
    const double queries = static_cast<double>(target.integer("queries"));
    return {rows * static_cast<double>(grid.integer("d")), "n",
            fmt::format("q x K x (n+1)^2 = {:.0f} x {:.0f} x {:.0f}^2 exact products", queries,
                        layers, rows),
            7 * queries * layers * rows * rows};
  };
  r.check_cell = [](const Values&, const Values& target) { return check_input_keys(target); };
  r.make_experiment = [](const ExperimentRequest& q) -> std::unique_ptr<engine::Experiment> {
    experiments::GdExactnessSettings s;
    s.inputs = input_spec(q.grid, q.target, s.inputs);
    s.steps = static_cast<int>(q.grid.integer("K"));
    s.eta = q.target.number("eta");
    s.queries = static_cast<int>(q.target.integer("queries"));
    s.measure = *parse_name(experiments::kGdMeasureNames, q.target.name("measure"));
    return std::make_unique<experiments::GdExactnessExperiment>(where(q), s);
  };
  return r;
}

}  // namespace elicit::readings::detail
