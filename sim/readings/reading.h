// A reading: one interpretation of one of the paper's claims that elicit can test
// (docs/design.md principle 7), as one row of data. Everything that varies by reading —
// which keys a case file may give and their exact ranges, the modes, the limits,
// the experiment, the bound rows it is compared with — comes from its row, so the
// case layer and the runner never name a theorem.
//
//   const Reading& r = find_reading("T2/L1");
//   auto experiment = r.make_experiment({seed, cell, grid, target});
#pragma once

#include "sim/engine/exact_failure_curve.h"
#include "sim/engine/experiment.h"
#include "sim/readings/key_rule.h"
#include "sim/stats/loglog_fit.h"
#include "theory/bound.h"
#include "theory/metric.h"
#include "theory/theorem.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace elicit::readings {

// A value (or a combination of values) a reading cannot take, with the key to blame.
struct KeyProblem {
  std::string key;
  std::string message;
};

// What an experiment is built from: where its randomness comes from and the
// cell's exact values.
struct ExperimentRequest {
  std::uint64_t seed = 0;
  std::uint64_t cell = 0;
  std::uint64_t law = 0;  // law_digest(reading, grid, target)
  const Values& grid;
  const Values& target;  // every target key, with fallbacks filled in
};

// A log-log slope theory predicts for the reading's measured quantity (n* in n_star
// mode, the mean error in rate mode) against one grid key, and why.
struct PredictedSlope {
  std::string x;
  stats::FitScale scale = stats::FitScale::identity;
  double slope = 0;
  std::string why;
};

// A reading whose fine-tuned model is one law on the simplex of V symbols (the same
// law in every context) can be searched for its hardest target: the experiment with
// a given law, and the exact failure probability where the dynamic program reaches.
struct SimplexFamily {
  std::function<std::unique_ptr<engine::Experiment>(const ExperimentRequest&,
                                                    const targets::Distribution&)>
      make_with_law;
  // P(error > eps) at n for this law in every context, exactly (with a rounding
  // bound), or nullopt when the dynamic program would be too large.
  std::function<std::optional<engine::BoundedProbability>(
      const Values& grid, const targets::Distribution& law, std::int64_t n)>
      exact_failure;
};

// What one trial of a cell costs: the numbers it draws and compares (m·V counts,
// V^l sequence counts, n draws, ...), which bound both its time and its memory, and
// the grid key to blame when they are too many. The case file's work limits
// (docs/case_files.md) are checked with it before anything runs.
struct TrialSize {
  double numbers = 0;  // held and drawn by one trial (its memory)
  std::string key;     // "V"
  std::string how;     // "m x V = 4 x 16"
  // Its time in the same unit, about 150 ns (a T2 count drawn and compared), when it
  // differs: an exact rational GD step costs some 7 units, a nearest-neighbour distance
  // a thirtieth of one. 0: the numbers themselves.
  double work = 0;
};

struct Reading {
  std::string id;       // "T2/L1": the case file's [case] reading
  std::string theorem;  // "T2": the case file's [case] theorem
  theory::Metric metric;
  std::string summary;  // what is measured, in one line
  std::vector<engine::Mode> modes;
  std::vector<KeyRule> grid;    // [grid] keys
  std::vector<KeyRule> target;  // [target] keys
  // The grid keys that define the fine-tuned model (with every target key): cells
  // that agree on them share one target law, so a sweep over n, eps or delta
  // measures one model (law_digest).
  std::vector<std::string> law_keys;
  // The target keys that choose how the model is learned or measured (a learner, an
  // error term, a cap) rather than what it is: law_digest leaves them out, so cases
  // that differ only in them see the same fine-tuned model and the same datasets.
  std::vector<std::string> method_keys;
  // Limits that involve several keys at one cell (V^l, |D'| <= |D|).
  std::function<std::optional<KeyProblem>(const Values& grid, const Values& target)> check_cell;
  std::function<std::unique_ptr<engine::Experiment>(const ExperimentRequest&)> make_experiment;
  // The cost of one trial at a cell (its grid values, n included when known, and its
  // target settings); empty when the reading gives no estimate.
  std::function<TrialSize(const Values& grid, const Values& target)> trial_size;
  // The bound rows it is compared with: those of this theorem whose theory-side
  // reading is `bound_reading`, and the theorem's paper rows.
  std::optional<theory::Theorem> bound_theorem;
  std::string bound_reading;
  // Why a compared rigorous sufficient bound proves nothing for this cell's experiment
  // (an assumption of it fails: a learner that may stop inconsistent, a biased
  // estimate, one query where the error is a maximum over many), or nullopt when it
  // applies. An n* search starts only from bounds that apply; the others are still
  // compared, marked with their caveat. Unset: every sufficient bound applies.
  std::function<std::optional<std::string>(const theory::Bound& bound, const Values& grid,
                                           const Values& target,
                                           const engine::Experiment& experiment)>
      bound_caveat;
  // The largest sample size the experiment takes at a cell (k <= N, say), beyond the
  // key rule's static range, with why; an n* search never goes above it. Unset: the
  // sample-size key's maximum.
  std::function<std::pair<std::int64_t, std::string>(const Values& grid)> sample_size_limit;
  // Only where theory predicts a power law: a logarithmic growth (n* in m) or a
  // bounded one (the sup-norm's n* in l) has no slope to compare with.
  std::vector<PredictedSlope> predicted_slopes;
  // Set when the reading's targets form a simplex (worst_target mode).
  std::optional<SimplexFamily> simplex_family;
  const PredictedSlope* predicted_slope(const std::string& x, stats::FitScale scale) const;

  const KeyRule* grid_rule(const std::string& key) const;
  const KeyRule* target_rule(const std::string& key) const;
  bool supports(engine::Mode mode) const;
};

// The bound rows a reading is compared with (its theorem's rows of its reading and
// the paper's own rows), and their values at one cell: every theorem parameter is
// taken from the grid key of the same name; a cell that lacks one the theorem
// needs (e.g. no eps in rate mode) has no rows.
std::vector<const theory::Bound*> compared_bounds(const Reading& reading);
std::vector<theory::BoundRow> evaluate_compared_bounds(const Reading& reading, const Values& grid);

// A digest of what defines a cell's fine-tuned model: the reading, its law keys
// values and every target setting but its method keys. The target's random stream
// is keyed by it.
std::uint64_t law_digest(const Reading& reading, const Values& grid, const Values& target);

// Every reading, in a stable order.
const std::vector<Reading>& all_readings();
// nullptr when no reading has this id.
const Reading* find_reading(const std::string& id);

}  // namespace elicit::readings
