// The failure probability P(n) in double precision with a rigorous error bound: the pruned
// double DP over symbols (dense or sparse rows) with its rounding ledger, and the curve of it.
#include "sim/engine/exact_failure_curve.h"

#include "sim/engine/detail/failure_dp_common.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <type_traits>

namespace elicit::engine {
namespace {

using detail::check_range;
using detail::distinct_laws;
using detail::ReducedLaw;
using detail::rest_after;
using detail::Scale;
using detail::scale_of;
using detail::Wide;

// ---------------------------------------------------------------------------------------
// The double DP and its error bound.
//
// Rounding: every stored number is a sum of products of non-negative terms, so a value
// computed with k roundings on its longest chain is within a factor (1 ± γ_k) of the exact
// value of the same computation (Higham, Accuracy and Stability of Numerical Algorithms,
// Lemma 3.1; no cancellation anywhere). A ledger counts k for the failure mass F, the success
// mass S and the dropped mass X. Nothing is subnormal: kept masses and binomial terms are at
// least prune_below ≥ 1e-150, so their products are at least 1e-300.
// Dropping: the same computation in exact arithmetic, with the same pruning decisions, keeps
// F_kept ≤ P and S_kept ≤ 1 − P (each the probability of a subset of the outcomes) and drops
// X = 1 − F_kept − S_kept. So P ≥ F̂/(1+γ), and P ≤ 1 − Ŝ/(1+γ) (absolute) and
// P ≤ (F̂ + X̂)(1 + 3γ), which keeps a tiny P accurate relative to itself.

constexpr double kUnitRoundoff = 0x1p-53;
// Binomial terms below this fraction of the mode's are not computed at all: at most `trials`
// of them, so their share of the normalising sum is below trials·1e-40 < u (one rounding).
constexpr double kNegligibleRatio = 1e-40;
// Dense tables beyond this many cells switch to sparse rows (deviations that carry mass).
constexpr std::int64_t kMaxDenseCells = std::int64_t{1} << 24;

// γ_k = k·u/(1 − k·u) ≤ 1.01·k·u while k·u ≤ 1/1000.
double gamma_of(std::int64_t steps) {
  const double ku = static_cast<double>(steps) * kUnitRoundoff;
  if (ku > 1e-3) throw DpTooLarge("too many roundings for a useful error bound");
  return 1.01 * ku;
}

double round_down(double x) {
  const double lowest = -std::numeric_limits<double>::infinity();
  return std::nextafter(std::nextafter(x, lowest), lowest);
}
double round_up(double x) {
  const double highest = std::numeric_limits<double>::infinity();
  return std::nextafter(std::nextafter(x, highest), highest);
}

// Rigorous bounds on a probability.
struct Interval {
  double lower = 0;
  double upper = 1;
};

// Binomial(trials, w/(w + rest)) probabilities at or above `prune_below`, with the number of
// roundings of each entry. The recurrence pmf(k+1)/pmf(k) = (trials − k)/(k + 1) · w/rest,
// anchored at the mode (value 1) and divided by its own sum, never underflows, unlike the
// closed form's (1 − q)^trials; roundings per step: 3 in w/rest (two conversions and a
// division), 3 in the integer ratio (two conversions, exact below 2^53, and a division), 2
// multiplications.
struct BinomialRow {
  std::int64_t first = 0;  // the smallest count kept
  std::vector<double> probability;
  std::int64_t rounding_steps = 0;
  double dropped = 0;  // an upper bound on the probability of the counts left out
};

BinomialRow binomial_row(std::int64_t trials, std::int64_t w, std::int64_t rest,
                         double prune_below) {
  if (trials == 0) return {0, {1.0}, 0};
  if (rest == 0) return {trials, {1.0}, 0};  // the last symbol: every remaining sample
  const double odds = static_cast<double>(w) / static_cast<double>(rest);
  const std::int64_t mode = std::min<std::int64_t>(
      trials, static_cast<std::int64_t>(static_cast<Wide>(trials + 1) * w / (w + rest)));
  std::vector<double> above, below;  // terms at mode+1, mode+2, … and mode−1, mode−2, …
  bool truncated = false;
  double term = 1;
  for (std::int64_t k = mode; k < trials; ++k) {
    term *= odds * (static_cast<double>(trials - k) / static_cast<double>(k + 1));
    if (term < kNegligibleRatio) {
      truncated = true;
      break;
    }
    above.push_back(term);
  }
  term = 1;
  for (std::int64_t k = mode; k > 0; --k) {
    term *= static_cast<double>(k) / static_cast<double>(trials - k + 1) / odds;
    if (term < kNegligibleRatio) {
      truncated = true;
      break;
    }
    below.push_back(term);
  }
  double sum = 1;
  for (double t : above) sum += t;
  for (double t : below) sum += t;
  const std::int64_t farthest = static_cast<std::int64_t>(std::max(above.size(), below.size()));
  const std::int64_t terms = static_cast<std::int64_t>(above.size() + below.size()) + 1;
  BinomialRow row;
  // Each term: 8 per step from the mode; the sum: that plus one per addition; the division: 1;
  // the terms never computed: 1.
  row.rounding_steps = 16 * farthest + terms + 2;
  std::vector<double> all;
  for (std::size_t i = below.size(); i-- > 0;) all.push_back(below[i] / sum);
  all.push_back(1 / sum);
  for (double t : above) all.push_back(t / sum);
  std::size_t from = 0, to = all.size();
  while (from < to && all[from] < prune_below) row.dropped += all[from++];
  while (to > from && all[to - 1] < prune_below) row.dropped += all[--to];
  // Terms never computed are below kNegligibleRatio times the mode's, and the sum is >= 1.
  if (truncated) row.dropped += 1.01 * static_cast<double>(trials) * kNegligibleRatio;
  row.first = mode - static_cast<std::int64_t>(below.size()) + static_cast<std::int64_t>(from);
  row.probability.assign(all.begin() + static_cast<std::ptrdiff_t>(from),
                         all.begin() + static_cast<std::ptrdiff_t>(to));
  return row;
}

// One row of the state table: for a fixed number of samples used, the probability mass at each
// scaled deviation below the threshold. Dense rows keep a window of consecutive deviations
// (zeros allowed); sparse rows keep only the deviations that carry mass, sorted. Uniform laws
// have few deviations (D = V), laws over 2^20 have many and scattered ones.
struct DenseRow {
  std::int64_t first = 0;
  std::vector<double> mass;
  std::size_t size() const { return mass.size(); }
  std::int64_t deviation(std::size_t i) const { return first + static_cast<std::int64_t>(i); }
  std::size_t split(std::int64_t at) const {  // the first index whose deviation is >= at
    return static_cast<std::size_t>(
        std::clamp<std::int64_t>(at - first, 0, static_cast<std::int64_t>(size())));
  }
};

struct SparseRow {
  std::vector<std::int64_t> deviations;
  std::vector<double> mass;
  std::size_t size() const { return mass.size(); }
  std::int64_t deviation(std::size_t i) const { return deviations[i]; }
  std::size_t split(std::int64_t at) const {
    return static_cast<std::size_t>(std::lower_bound(deviations.begin(), deviations.end(), at) -
                                    deviations.begin());
  }
};

template <class Row>
struct Table {
  std::int64_t first_used = 0;  // rows[i] holds the states with first_used + i samples used
  std::vector<Row> rows;
};

Table<SparseRow> to_sparse(const Table<DenseRow>& dense) {
  Table<SparseRow> sparse{dense.first_used, {}};
  for (const DenseRow& row : dense.rows) {
    SparseRow out;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row.mass[i] > 0) {
        out.deviations.push_back(row.deviation(i));
        out.mass.push_back(row.mass[i]);
      }
    }
    sparse.rows.push_back(std::move(out));
  }
  return sparse;
}

// The largest number of roundings on any chain into a stored state, the failure mass, the
// success mass and the dropped mass.
struct RoundingLedger {
  std::int64_t state = 0;
  std::int64_t failure = 0;
  std::int64_t success = 0;
  std::int64_t dropped = 0;
};

// The double DP for one law at one n: dense rows while a step's table stays small, sparse rows
// from the first step that would exceed kMaxDenseCells.
class DoubleDp {
 public:
  DoubleDp(const ReducedLaw& law, std::int64_t n, const Rational& eps,
           const FailureDpSettings& settings)
      : law_(law),
        n_(n),
        scale_(scale_of(law, n, eps)),
        rest_(rest_after(law)),
        settings_(settings) {}

  Interval run() {
    if (scale_.threshold <= 0) return {1, 1};
    Table<DenseRow> dense{0, {DenseRow{0, {1.0}}}};
    std::optional<Table<SparseRow>> sparse;
    for (std::size_t v = 0; v + 1 < law_.weights.size(); ++v) {
      if (!sparse) {
        const std::vector<Source> sources = sources_of(dense, v);
        if (planned_dense_cells(dense, sources, v) <= kMaxDenseCells) {
          dense = binomial_step(dense, sources, v);
          continue;
        }
        sparse = to_sparse(dense);
      }
      *sparse = binomial_step(*sparse, sources_of(*sparse, v), v);
    }
    if (sparse) {
      last_step(*sparse);
    } else {
      last_step(dense);
    }
    // Every accumulator adds one rounding per symbol step.
    const std::int64_t steps = std::max({ledger_.failure, ledger_.success, ledger_.dropped}) +
                               static_cast<std::int64_t>(law_.weights.size()) + 4;
    const double gamma = gamma_of(steps);
    // F_kept ≥ F̂/(1+γ) ≥ F̂(1 − 2γ) after the 2 roundings of the product; likewise for S.
    // P ≤ 1 − S_kept, and P ≤ F_kept + X_exact ≤ (F̂ + X̂)/(1 − γ) ≤ (F̂ + X̂)(1 + 3γ):
    // the second is tight relative to a small P, the first absolute.
    Interval interval;
    interval.lower = std::max(0.0, round_down(failure_ * (1 - 2 * gamma)));
    const double from_success = round_up(1 - round_down(success_ * (1 - 2 * gamma)));
    const double from_failure = round_up(round_up(failure_ + dropped_) * (1 + 3 * gamma));
    interval.upper = std::min({1.0, from_success, from_failure});
    return interval;
  }

 private:
  // A non-empty row of the table with the law of the next symbol's count given its samples.
  struct Source {
    std::size_t row = 0;  // index in the table
    std::int64_t used = 0;
    BinomialRow counts;
    std::vector<double> suffix;  // suffix[j] = Σ_{i ≥ j} mass[i]
  };

  // What a source adds to a row of the next table: its first `split` masses (those that
  // have not failed), times `weight`, at their deviations plus `shift`.
  struct Contribution {
    std::size_t source;
    double weight;
    std::int64_t shift;
    std::size_t split;
  };

  template <class Row>
  std::vector<Source> sources_of(const Table<Row>& table, std::size_t v) const {
    std::vector<Source> sources;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      const Row& row = table.rows[i];
      if (row.size() == 0) continue;
      Source source;
      source.row = i;
      source.used = table.first_used + static_cast<std::int64_t>(i);
      source.counts =
          binomial_row(n_ - source.used, law_.weights[v], rest_[v], settings_.prune_below);
      source.suffix.assign(row.size() + 1, 0.0);
      for (std::size_t k = row.size(); k-- > 0;)
        source.suffix[k] = source.suffix[k + 1] + row.mass[k];
      sources.push_back(std::move(source));
    }
    return sources;
  }

  // Cells a dense step from `table` would allocate (each target row spans the union of its
  // shifted source windows): the test for switching to sparse rows.
  std::int64_t planned_dense_cells(const Table<DenseRow>& table, const std::vector<Source>& sources,
                                   std::size_t v) const {
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> windows;
    for (const Source& source : sources) {
      const DenseRow& row = table.rows[source.row];
      const std::int64_t used = source.used;
      const BinomialRow& counts = source.counts;
      for (std::size_t k = 0; k < counts.probability.size(); ++k) {
        const std::int64_t c = counts.first + static_cast<std::int64_t>(k);
        const std::int64_t shift = scale_.deviation(law_.weights[v], c);
        const std::int64_t lo = row.first + shift;
        const std::int64_t hi = std::min(row.deviation(row.size()) + shift, scale_.threshold);
        if (lo >= hi) continue;
        auto [it, fresh] = windows.try_emplace(used + c, lo, hi);
        if (!fresh) it->second = {std::min(it->second.first, lo), std::max(it->second.second, hi)};
      }
    }
    std::int64_t cells = 0;
    for (const auto& [used, window] : windows) cells += window.second - window.first;
    return cells;
  }

  // One binomial symbol: c_v | used ~ Bin(n − used, w_v/(w_v + rest_v)). Target rows pull
  // from their sources (one count per source), so each target cell receives at most one
  // addition per source row; what crosses the threshold is absorbed into the failure mass via
  // the source's suffix sums.
  template <class Row>
  Table<Row> binomial_step(const Table<Row>& table, const std::vector<Source>& sources,
                           std::size_t v) {
    std::int64_t lowest = std::numeric_limits<std::int64_t>::max(), highest = -1;
    std::int64_t pmf_steps = 0, longest_row = 0, widest = 0;
    for (const Source& s : sources) {
      lowest = std::min(lowest, s.used + s.counts.first);
      highest = std::max(highest, s.used + s.counts.first +
                                      static_cast<std::int64_t>(s.counts.probability.size()) - 1);
      pmf_steps = std::max(pmf_steps, s.counts.rounding_steps);
      longest_row = std::max(longest_row, static_cast<std::int64_t>(s.suffix.size()));
      widest = std::max(widest, static_cast<std::int64_t>(s.counts.probability.size()));
    }
    double layer_dropped = 0;  // binomial terms left out, times their source row's mass
    for (const Source& s : sources) layer_dropped += s.suffix[0] * s.counts.dropped;
    dropped_ += layer_dropped;
    // contributors[t − lowest]: the sources whose kept counts reach t samples, in order.
    std::vector<std::vector<std::size_t>> contributors(
        static_cast<std::size_t>(std::max<std::int64_t>(highest - lowest + 1, 0)));
    for (std::size_t j = 0; j < sources.size(); ++j) {
      const std::int64_t from = sources[j].used + sources[j].counts.first - lowest;
      for (std::size_t k = 0; k < sources[j].counts.probability.size(); ++k) {
        contributors[static_cast<std::size_t>(from) + k].push_back(j);
      }
    }
    std::vector<double> source_failure(sources.size(), 0.0);
    Table<Row> next{lowest, {}};
    std::int64_t stored = 0;
    for (std::int64_t target = lowest; target <= highest; ++target) {
      next.rows.push_back(pull_row(table, sources,
                                   contributors[static_cast<std::size_t>(target - lowest)], v,
                                   target, source_failure));
      stored += static_cast<std::int64_t>(next.rows.back().size());
      if (stored > settings_.max_states) {
        throw DpTooLarge("the DP needs more than " + std::to_string(settings_.max_states) +
                         " states");
      }
    }
    double layer_failure = 0;
    for (double f : source_failure) layer_failure += f;
    failure_ += layer_failure;

    const std::int64_t sources_count = static_cast<std::int64_t>(sources.size());
    const std::int64_t additions = std::min(sources_count, widest);
    ledger_.failure = std::max(
        ledger_.failure, ledger_.state + pmf_steps + longest_row + 1 + widest + sources_count);
    // A dropped binomial sum has fewer roundings than the row's normalising sum.
    ledger_.dropped =
        std::max(ledger_.dropped, ledger_.state + longest_row + 2 * pmf_steps + 2 + sources_count);
    ledger_.state += pmf_steps + 1 + additions;
    prune(next);
    return next;
  }

  template <class Row>
  Row pull_row(const Table<Row>& table, const std::vector<Source>& sources,
               const std::vector<std::size_t>& contributors, std::size_t v, std::int64_t target,
               std::vector<double>& source_failure) const {
    std::vector<Contribution> contributions;
    std::int64_t lo = std::numeric_limits<std::int64_t>::max(), hi = 0;
    for (std::size_t j : contributors) {
      const Source& s = sources[j];
      const std::int64_t c = target - s.used;
      const double weight = s.counts.probability[static_cast<std::size_t>(c - s.counts.first)];
      const std::int64_t shift = scale_.deviation(law_.weights[v], c);
      const Row& row = table.rows[s.row];
      const std::size_t split = row.split(scale_.threshold - shift);
      source_failure[j] += weight * s.suffix[split];
      if (split == 0) continue;
      contributions.push_back({j, weight, shift, split});
      lo = std::min(lo, row.deviation(0) + shift);
      hi = std::max(hi, row.deviation(split - 1) + shift + 1);
    }
    Row out;
    if (contributions.empty()) return out;
    if constexpr (std::is_same_v<Row, DenseRow>) {
      out.first = lo;
      out.mass.assign(static_cast<std::size_t>(hi - lo), 0.0);
      for (const Contribution& c : contributions) {
        const DenseRow& row = table.rows[sources[c.source].row];
        double* into = out.mass.data() + (row.first + c.shift - lo);
        const double* from = row.mass.data();
        for (std::size_t i = 0; i < c.split; ++i) into[i] += from[i] * c.weight;
      }
    } else {
      out = merge_sparse(table, sources, contributions, lo, hi);
    }
    return out;
  }

  // The sparse row summing the contributions, whose deviations lie in [lo, hi): through
  // a dense scratch window when it is not much larger than the entries, else by sorting.
  SparseRow merge_sparse(const Table<SparseRow>& table, const std::vector<Source>& sources,
                         const std::vector<Contribution>& contributions, std::int64_t lo,
                         std::int64_t hi) const {
    SparseRow out;
    const auto row_of = [&](const Contribution& c) -> const SparseRow& {
      return table.rows[sources[c.source].row];
    };
    std::size_t entries = 0;
    for (const Contribution& c : contributions) entries += c.split;
    if (static_cast<std::size_t>(hi - lo) <= 4 * entries + 1024) {
      std::vector<double> scratch(static_cast<std::size_t>(hi - lo), 0.0);
      for (const Contribution& c : contributions) {
        const SparseRow& row = row_of(c);
        for (std::size_t i = 0; i < c.split; ++i) {
          scratch[static_cast<std::size_t>(row.deviations[i] + c.shift - lo)] +=
              row.mass[i] * c.weight;
        }
      }
      for (std::size_t i = 0; i < scratch.size(); ++i) {
        if (scratch[i] > 0) {
          out.deviations.push_back(lo + static_cast<std::int64_t>(i));
          out.mass.push_back(scratch[i]);
        }
      }
    } else {
      std::vector<std::pair<std::int64_t, double>> pairs;
      pairs.reserve(entries);
      for (const Contribution& c : contributions) {
        const SparseRow& row = row_of(c);
        for (std::size_t i = 0; i < c.split; ++i) {
          pairs.emplace_back(row.deviations[i] + c.shift, row.mass[i] * c.weight);
        }
      }
      std::sort(pairs.begin(), pairs.end(),
                [](const auto& x, const auto& y) { return x.first < y.first; });
      for (const auto& [deviation, mass] : pairs) {
        if (!out.deviations.empty() && out.deviations.back() == deviation) {
          out.mass.back() += mass;
        } else {
          out.deviations.push_back(deviation);
          out.mass.push_back(mass);
        }
      }
    }
    return out;
  }

  // Drops state masses below the pruning level (their mass is added to X̂) and
  // trims empty rows at both ends.
  template <class Row>
  void prune(Table<Row>& table) {
    const double level = settings_.prune_below;
    double pruned = 0;
    std::int64_t cells = 0;
    for (Row& row : table.rows) {
      cells += static_cast<std::int64_t>(row.size());
      if constexpr (std::is_same_v<Row, DenseRow>) {
        for (double& m : row.mass) {
          if (m < level) {
            pruned += m;
            m = 0;
          }
        }
        std::size_t from = 0, to = row.mass.size();
        while (from < to && row.mass[from] == 0) ++from;
        while (to > from && row.mass[to - 1] == 0) --to;
        row.first += static_cast<std::int64_t>(from);
        row.mass = std::vector<double>(row.mass.begin() + static_cast<std::ptrdiff_t>(from),
                                       row.mass.begin() + static_cast<std::ptrdiff_t>(to));
      } else {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < row.size(); ++i) {
          if (row.mass[i] >= level) {
            row.deviations[kept] = row.deviations[i];
            row.mass[kept++] = row.mass[i];
          } else {
            pruned += row.mass[i];
          }
        }
        row.deviations.resize(kept);
        row.mass.resize(kept);
      }
    }
    std::size_t from = 0, to = table.rows.size();
    while (from < to && table.rows[from].size() == 0) ++from;
    while (to > from && table.rows[to - 1].size() == 0) --to;
    table.first_used += static_cast<std::int64_t>(from);
    table.rows.erase(table.rows.begin() + static_cast<std::ptrdiff_t>(to), table.rows.end());
    table.rows.erase(table.rows.begin(), table.rows.begin() + static_cast<std::ptrdiff_t>(from));
    dropped_ += pruned;
    ledger_.dropped = std::max(ledger_.dropped, ledger_.state + cells);
  }

  // The last symbol takes the n − used samples left: each row splits into failures and
  // successes at one deviation.
  template <class Row>
  void last_step(const Table<Row>& table) {
    const std::size_t v = law_.weights.size() - 1;
    double layer_failure = 0, layer_success = 0;
    std::int64_t longest_row = 0, rows = 0;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      const Row& row = table.rows[i];
      if (row.size() == 0) continue;
      ++rows;
      longest_row = std::max(longest_row, static_cast<std::int64_t>(row.size()));
      const std::int64_t used = table.first_used + static_cast<std::int64_t>(i);
      const std::int64_t shift = scale_.deviation(law_.weights[v], n_ - used);
      const std::size_t split = row.split(scale_.threshold - shift);
      double below = 0, above = 0;
      for (std::size_t k = 0; k < split; ++k) below += row.mass[k];
      for (std::size_t k = split; k < row.size(); ++k) above += row.mass[k];
      layer_success += below;
      layer_failure += above;
    }
    failure_ += layer_failure;
    success_ = layer_success;
    ledger_.failure = std::max(ledger_.failure, ledger_.state + longest_row + rows);
    ledger_.success = ledger_.state + longest_row + rows;
  }

  const ReducedLaw& law_;
  std::int64_t n_;
  Scale scale_;
  std::vector<std::int64_t> rest_;
  FailureDpSettings settings_;
  RoundingLedger ledger_;
  // Accumulated over symbol steps (one addition per step, in the ledger).
  double failure_ = 0;
  double success_ = 0;
  double dropped_ = 0;  // X̂: binomial terms and states left out
};

void check_settings(const FailureDpSettings& settings) {
  if (!(settings.prune_below >= 1e-150 && settings.prune_below <= 1e-6)) {
    throw std::invalid_argument("prune_below must be in [1e-150, 1e-6]");
  }
}

BoundedProbability bounded_of(const Interval& interval) {
  BoundedProbability out;
  out.value = interval.lower + (interval.upper - interval.lower) / 2;
  out.error_bound = round_up(std::max(interval.upper - out.value, out.value - interval.lower));
  return out;
}

}  // namespace

BoundedProbability failure_probability(const std::vector<targets::Distribution>& contexts,
                                       std::int64_t n, const Rational& eps,
                                       const FailureDpSettings& settings) {
  check_settings(settings);
  // 1 − Π_i(1 − P_i) = Σ_i P_i · Π_{j<i}(1 − P_j) increases in every P_i, and the sum of
  // non-negative terms keeps a small P accurate to its own size: the lower bounds P_i give the
  // lower bound with every factor rounded down, the upper bounds the upper, rounded up.
  Interval total{0, 0};
  double survive_low = 1, survive_high = 1;
  for (const auto& [law, copies] : distinct_laws(contexts)) {
    const Interval p = DoubleDp(law, n, eps, settings).run();
    const double stay_low = std::max(0.0, round_down(1 - p.upper));
    const double stay_high = std::min(1.0, round_up(1 - p.lower));
    for (std::int64_t i = 0; i < copies; ++i) {
      total.lower = round_down(total.lower + round_down(p.lower * survive_low));
      total.upper = round_up(total.upper + round_up(p.upper * survive_high));
      survive_low = std::max(0.0, round_down(survive_low * stay_low));
      survive_high = std::min(1.0, round_up(survive_high * stay_high));
    }
  }
  total.lower = std::max(0.0, total.lower);
  total.upper = std::min(1.0, total.upper);
  return bounded_of(total);
}

std::vector<CurvePoint> failure_curve(const std::vector<targets::Distribution>& contexts,
                                      const Rational& eps, std::int64_t n_from, std::int64_t n_to,
                                      const FailureDpSettings& settings) {
  check_range(n_from, n_to);
  std::vector<CurvePoint> curve;
  for (std::int64_t n = n_from; n <= n_to; ++n) {
    curve.push_back({n, failure_probability(contexts, n, eps, settings)});
  }
  return curve;
}

}  // namespace elicit::engine
