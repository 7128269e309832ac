// The typed results of a case run: what each cell measured, with its bounds and
// replay, and the scaling fits over the cells. Every report (Markdown, CSV, JSON)
// renders from these at the file boundary; nothing re-parses its own output to
// compute (results_json.h reads results.json back for `--resume` and re-rendering).
//
//   CaseResult r = run_case(case_file, options);
//   for (const CellResult& cell : r.cells) if (auto v = cell.verdict()) ...
#pragma once

#include "sim/engine/experiment.h"
#include "sim/engine/mode.h"
#include "sim/engine/n_star_search.h"
#include "sim/engine/run_settings.h"
#include "sim/exact/rational.h"
#include "sim/stats/clopper_pearson.h"
#include "theory/theorem.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace elicit::results {

// verdict mode: a sequential verdict at one n (engine/monte_carlo.h).
struct VerdictOutcome {
  std::int64_t n = 0;
  std::string n_from;       // "ceil(1/4 x T2/mcdiarmid)" when n came from a bound
  std::int64_t trials = 0;  // used: the verdict stops as soon as it is decided
  std::int64_t failures = 0;
  stats::Interval interval;  // the confidence sequence at the stopping trial
  stats::Verdict verdict = stats::Verdict::inconclusive;
  Rational error_trial_0;
  std::vector<engine::NamedValue> facts;  // exact side facts at n (e.g. "l1_floor")
};

// n_star mode: the search's interval and every evaluation it made
// (engine/n_star_search.h).
// The exact n* of a cell's failure curve over [1, to] (a dynamic program), each as the
// interval the curve's rounding bounds leave (0: none in the range).
struct ExactNStarOutcome {
  std::int64_t to = 0;
  std::int64_t eventual_lower = 0, eventual_upper = 0;
  std::int64_t first_lower = 0, first_upper = 0;
  bool decided() const { return eventual_lower == eventual_upper && eventual_lower > 0; }
};

// n_star mode (engine/n_star_search.h): the bracket, what proves each end, the locating
// stage's evaluations and the verdict at every size of the checked range.
struct NStarOutcome {
  std::int64_t estimate = 0;  // the exact n* where it is known (estimate_source), else MC
  std::string estimate_source = "monte-carlo";  // or "exact"
  std::int64_t lower = 0;
  std::int64_t upper = 0;
  bool upper_proven = false;
  std::string lower_basis;
  std::string upper_basis;
  bool budget_exhausted = false;
  double alpha_per_evaluation = 0;    // the locating stage's level per verdict
  double alpha_per_size = 0;          // the checking stage's level per size
  stats::Interval indifference_zone;  // rates the trial cap cannot tell from delta
  std::vector<engine::Evaluation> evaluations;
  std::int64_t range_first = 0, range_last = 0, range_trials = 0, undecided = 0;
  std::vector<engine::Evaluation> range;  // every size of [range_first, range_last]
  std::int64_t first_crossing_at_most = 0;
  bool tolerance_met = true;
  std::string width_note;
  std::optional<ExactNStarOutcome> exact;
  std::int64_t trials_used() const;
};

// rate mode: the error at one n.
struct RateOutcome {
  std::int64_t n = 0;
  std::int64_t trials = 0;
  double mean_error = 0;
  Rational quantile_error;  // the empirical (1 − δ)-quantile
};

// A sample size known to lie in an interval: exactly (lower == upper, from the exact
// failure curve) or from an n* search.
struct SizeInterval {
  std::int64_t estimate = 0;
  std::int64_t lower = 0;
  std::int64_t upper = 0;
  bool exact = false;
};

// worst_target mode: the hardest law found at n (where the uniform law last fails)
// and the n* of both laws.
struct WorstTargetOutcome {
  struct Point {
    std::vector<Rational> law;  // probabilities, largest first
    double value = 0, lower = 0, upper = 0;
    std::string phase;
  };
  std::int64_t n = 0;       // where the search ran
  bool exact = false;       // the objective is the exact failure probability (else Monte Carlo)
  std::int64_t trials = 0;  // per Monte Carlo evaluation
  Point uniform, worst;
  SizeInterval uniform_n_star, worst_n_star;
  std::vector<Point> trace;  // every law evaluated, in order
  std::vector<Point> map;    // V = 3: the objective over a grid of the simplex
  bool budget_exhausted = false;
};

// The ratio of a bound to n*: at the point estimate, and over the n* interval.
struct Ratio {
  double estimate = 0, lower = 0, upper = 0;
};

// One bound at the cell, in the theorem's per-context unit, and its ratio to n*.
struct BoundComparison {
  std::string id;
  theory::BoundKind kind = theory::BoundKind::paper;
  double value = 0;
  std::optional<Ratio> ratio_to_n_star;
  // A sufficient bound whose assumptions fail at this cell: why it proves nothing
  // here (the reading's registry row); empty when it applies.
  std::string caveat;
};

struct CellResult {
  std::uint64_t cell = 0;
  std::vector<std::pair<std::string, Rational>> parameters;  // grid keys, in file order
  std::string target;
  engine::TargetLaw target_law;  // the drawn law: its digest, and its values while few
  std::string engine;
  std::variant<NStarOutcome, VerdictOutcome, RateOutcome, WorstTargetOutcome> outcome;
  std::vector<BoundComparison> bounds;
  std::string replay;
  std::vector<std::string> notes;

  engine::Mode mode() const;
  const VerdictOutcome* verdict() const { return std::get_if<VerdictOutcome>(&outcome); }
  const NStarOutcome* n_star() const { return std::get_if<NStarOutcome>(&outcome); }
  const RateOutcome* rate() const { return std::get_if<RateOutcome>(&outcome); }
  const WorstTargetOutcome* worst_target() const {
    return std::get_if<WorstTargetOutcome>(&outcome);
  }
  std::optional<Rational> parameter(const std::string& key) const;
};

// The group of a cell for a fit along `x_key`: every other grid key and its exact
// value, "delta=1/20, eps=1/4, m=1" — the one name fits and figures share.
std::string group_label(const CellResult& cell, const std::string& x_key);

// A log-log slope of y (n* or the mean error) against one grid key, over the cells
// that agree on every other key (the group). For n* the fit uses the geometric
// middle of each cell's interval (the point estimates sit on the search's grid),
// and the range says how far the slope can move within the intervals.
struct SlopeFitResult {
  std::string y;
  std::string x;  // with its scale: "1/eps"
  std::string group;
  int points = 0;
  double slope = 0;
  std::optional<double> lower, upper;  // none with 2 points: no degrees of freedom
  // n_star fits: the slopes over every choice of n* within the cells' intervals.
  std::optional<double> range_lower, range_upper;
  std::optional<double> expected;
};

// Where a result came from, so that a reader can trust and reproduce it: the
// program, the input, and when it ran. Set by the runner at the end of a run and
// written to manifest.json beside results.json, not inside it: results.json stays
// the same bytes for any thread count and any day (report.html shows both).
struct RunManifest {
  std::string elicit_version, git_commit, build_type, compiler;
  std::vector<std::pair<std::string, std::string>> libraries;  // name, version
  std::string command;                                         // the command line, as typed
  std::string case_file, case_sha256;  // the case file as read, and its SHA-256
  std::string suite_file;              // the suite that ran it, if any
  int threads = 1;                     // per process; results do not depend on it
  int processes = 1;                   // that computed cells: MPI ranks, or merged shards
  std::string started, finished;       // UTC, ISO 8601
};

struct CaseResult {
  std::string name, title, theorem, reading;
  engine::Mode mode = engine::Mode::n_star;
  engine::RunSettings settings;
  std::vector<CellResult> cells;
  std::vector<SlopeFitResult> fits;
  std::optional<RunManifest> manifest;
};

}  // namespace elicit::results
