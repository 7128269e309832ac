#include "sim/cli/exact_command.h"

#include "sim/cli/input_error.h"
#include "sim/cli/option_checks.h"
#include "sim/engine/exact_failure_curve.h"
#include "sim/engine/n_star_search.h"
#include "sim/experiments/contexts_experiment.h"
#include "sim/stats/clopper_pearson.h"
#include "theory/bound.h"

#include <fmt/format.h>

#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace elicit::cli {
namespace {

// Work limits, from the DPs' work estimates timed on this machine
// (bench/exact_curve_bench.cpp): about 0.02-1 ns per estimated step of the double DP and
// 0.1-0.8 ns per big-number step of the rational DP.
constexpr double kCheapRationalSteps = 3e8;  // `auto` takes the exact DP below this (< 1 s)
constexpr double kMaxRationalSteps = 3e10;   // --method rational: about half a minute at most
constexpr double kMaxDoubleSteps = 1e12;     // the double DP: about half a minute at most
// The exact answer's digits (every n of a curve): `auto` prints fractions up to a
// screenful, --method rational up to a megabyte.
constexpr double kCheapExactDigits = 2000;
constexpr double kMaxExactDigits = 1e6;
constexpr std::int64_t kMaxSymbols = 1'000'000;
constexpr std::int64_t kMaxContexts = 1'000'000;

struct ExactOptions {
  std::string theorem;
  std::string p;
  std::optional<std::int64_t> V;
  std::int64_t m = 1;
  std::string n;
  std::string eps;
  std::string delta;
  std::string method = "auto";
  std::int64_t coverage = 0;  // seeds of the n* search to hold against the exact n*
  std::int64_t trials = 3000;
};

enum class Method { rational, double_precision };

Rational parse_exact(const std::string& option, const std::string& text) {
  try {
    return parse_rational(text);
  } catch (const ParseError& error) {
    throw InputError(fmt::format("--{}: {}", option, error.what()));
  }
}

struct SizeRange {
  std::int64_t from = 0;
  std::int64_t to = 0;
};

std::int64_t parse_size(const std::string& text, const std::string& whole) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw InputError(fmt::format("--n: '{}' is not a size n or a range FROM:TO", whole));
  }
  if (value < 1) throw InputError(fmt::format("--n: n must be >= 1 (got {})", value));
  return value;
}

SizeRange parse_range(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) {
    const std::int64_t n = parse_size(text, text);
    return {n, n};
  }
  const SizeRange range{parse_size(text.substr(0, colon), text),
                        parse_size(text.substr(colon + 1), text)};
  if (range.to < range.from) {
    throw InputError(fmt::format("--n: the range {} ends before it starts", text));
  }
  return range;
}

// The law of every context and how the header names it.
struct Law {
  targets::Distribution distribution;
  std::string text;  // "(1/2,1/4,1/4)" as typed, or "uniform on 8 symbols"
};

Law law_of(const ExactOptions& options) {
  if (!options.p.empty() && options.V) throw InputError("--V: give either --p or --V, not both");
  if (options.V) {
    if (*options.V < 2 || *options.V > kMaxSymbols) {
      throw InputError(
          fmt::format("--V: V must satisfy 2 <= V <= {} (got {})", kMaxSymbols, *options.V));
    }
    return {targets::Distribution{
                std::vector<std::int64_t>(static_cast<std::size_t>(*options.V), 1), *options.V},
            fmt::format("uniform on {} symbols", *options.V)};
  }
  if (options.p.empty()) {
    throw InputError("--p: give the law, e.g. --p 1/2,1/4,1/4, or --V K for uniform on K symbols");
  }
  std::vector<Rational> p;
  std::stringstream list(options.p);
  for (std::string item; std::getline(list, item, ',');) p.push_back(parse_exact("p", item));
  if (p.size() < 2) throw InputError("--p: give at least two probabilities, e.g. 1/2,1/2");
  if (p.size() > static_cast<std::size_t>(kMaxSymbols)) {
    throw InputError(fmt::format("--p: at most {} probabilities", kMaxSymbols));
  }
  try {
    return {engine::distribution_of(p), "(" + options.p + ")"};
  } catch (const std::invalid_argument& error) {
    throw InputError(fmt::format("--p: {}", error.what()));
  }
}

// McDiarmid's sufficient size per context (theory/bounds_t2.cpp): for every n at or above
// it, P(n) ≤ δ is proven, so it closes an eventual-n* range.
std::int64_t mcdiarmid_size(std::int64_t symbols, std::int64_t contexts, const Rational& eps,
                            const Rational& delta) {
  theory::Parameters parameters;
  parameters.set(theory::Param::V, Rational(symbols));
  parameters.set(theory::Param::m, Rational(contexts));
  parameters.set(theory::Param::eps, eps);
  parameters.set(theory::Param::delta, delta);
  try {
    const auto inputs = theory::validate(theory::Theorem::T2, parameters);
    for (const auto& row : theory::evaluate_bounds(theory::Theorem::T2, inputs)) {
      if (row.bound->id != "T2/mcdiarmid") continue;
      const double size = row.evaluation.per_context->value();
      if (!(size < 1e15)) {
        throw InputError(
            fmt::format("--delta: McDiarmid's size {:.3g} is too large to scan", size));
      }
      return static_cast<std::int64_t>(size);
    }
  } catch (const theory::ParameterError& error) {
    throw InputError(fmt::format("--{}: {}", error.key(), error.what()));
  }
  throw std::logic_error("theory has no T2/mcdiarmid bound");
}

std::string range_text(const SizeRange& range) {
  return range.from == range.to ? fmt::format("n = {}", range.from)
                                : fmt::format("n = {}..{}", range.from, range.to);
}

// Picks the DP: the rational one where it is cheap (or asked for), the double one otherwise,
// and refuses work beyond the limits before starting it.
Method choose_method(const std::string& asked, const engine::DpWork& work, const SizeRange& range) {
  if (asked != "auto" && asked != "rational" && asked != "double") {
    throw InputError(fmt::format("--method: '{}' is not one of auto, rational, double", asked));
  }
  if (asked == "rational") {
    if (work.exact_digits > kMaxExactDigits) {
      throw InputError(fmt::format(
          "--method: the exact answer at {} would have about {:.1e} digits, above the limit "
          "{:.0e} (m identical contexts raise a fraction to the m-th power); use --method double",
          range_text(range), work.exact_digits, kMaxExactDigits));
    }
    if (work.rational_steps > kMaxRationalSteps) {
      throw InputError(fmt::format(
          "--method: the rational DP at {} needs about {:.1e} big-number steps, above the limit "
          "{:.0e}; use --method double",
          range_text(range), work.rational_steps, kMaxRationalSteps));
    }
    return Method::rational;
  }
  if (asked == "auto" && work.rational_steps <= kCheapRationalSteps &&
      work.exact_digits <= kCheapExactDigits * static_cast<double>(range.to - range.from + 1))
    return Method::rational;
  if (work.double_steps > kMaxDoubleSteps) {
    throw InputError(fmt::format(
        "--n: the double DP at {} needs about {:.1e} steps, above the limit {:.0e}; narrow the "
        "range",
        range_text(range), work.double_steps, kMaxDoubleSteps));
  }
  return Method::double_precision;
}

std::string header_of(std::int64_t contexts, const Rational& eps) {
  if (contexts == 1) return fmt::format("P(||p^ - p||_1 > {})", to_string(eps));
  return fmt::format("P(max_i ||p^_i - p_i||_1 > {})", to_string(eps));
}

std::string where_of(const Law& law, std::int64_t contexts) {
  if (contexts == 1) return fmt::format("p = {}", law.text);
  return fmt::format("m = {} contexts, each p = {}", contexts, law.text);
}

constexpr const char* kDoubleNote =
    "double-precision DP: |P - value| <= bound, every rounding and dropped term counted";

std::string answer_text(const engine::CurveSampleSize& answer, const SizeRange& range,
                        const std::string& name, const std::string& meaning) {
  std::string straddle;
  if (!answer.straddling.empty()) {
    straddle = fmt::format("; the error bound straddles delta at n = {}", answer.straddling[0]);
    if (answer.straddling.size() > 1) {
      straddle += fmt::format(" and {} more", answer.straddling.size() - 1);
    }
  }
  if (answer.decided()) {
    if (!answer.earliest) return fmt::format("{}: none in n = {}..{}", name, range.from, range.to);
    return fmt::format("{} = {} ({})", name, *answer.earliest, meaning);
  }
  const std::string high =
      answer.latest ? std::to_string(*answer.latest) : fmt::format("none up to {}", range.to);
  return fmt::format("{}: undecided, between {} and {}{}", name, *answer.earliest, high, straddle);
}

template <class Curve>
void print_n_star(const Curve& curve, const Rational& delta, const SizeRange& range,
                  std::int64_t sufficient, bool default_range) {
  if (default_range) {
    std::cout << fmt::format(
        "delta = {} over n = {}..{}: {} is McDiarmid's sufficient size per context, so P(n) <= "
        "delta beyond it\n",
        to_string(delta), range.from, range.to, sufficient);
  } else if (range.to >= sufficient) {
    std::cout << fmt::format(
        "delta = {} over n = {}..{}: {} >= McDiarmid's sufficient size per context {}, so P(n) <= "
        "delta beyond it\n",
        to_string(delta), range.from, range.to, range.to, sufficient);
  } else {
    std::cout << fmt::format(
        "delta = {} over n = {}..{}: {} is below McDiarmid's sufficient size per context {}, so "
        "the eventual n* holds within the range only\n",
        to_string(delta), range.from, range.to, range.to, sufficient);
  }
  std::cout << answer_text(engine::eventual_n_star(curve, delta), range, "eventual n*",
                           fmt::format("P(n) <= delta for every n in [n*, {}]", range.to))
            << "\n";
  std::cout << answer_text(engine::first_crossing(curve, delta), range, "first crossing",
                           fmt::format("the smallest n >= {} with P(n) <= delta", range.from))
            << "\n";
}

// --coverage: the Monte Carlo n* search of `elicit run` (99% confidence, K = 24, tolerance
// 1/50) on seeds 1 … S, each bracket held against the exact eventual n*: how often it misses,
// with the miss rate's 99% Clopper–Pearson interval, beside the search's stated error 0.01.
void print_coverage(const std::vector<targets::Distribution>& contexts, const Rational& eps,
                    const Rational& delta, std::int64_t sufficient, const ExactOptions& options) {
  const auto eventual =
      engine::eventual_n_star(engine::failure_curve(contexts, eps, 1, sufficient), delta);
  if (!eventual.decided() || !eventual.earliest) {
    throw InputError(
        "--coverage: the exact n* is not decided here (rounding bounds straddle "
        "delta), so there is nothing to hold the brackets against");
  }
  const std::int64_t exact = *eventual.earliest;
  engine::NStarSearchSettings settings;
  settings.proven_sufficient = sufficient;
  settings.proven_by = "T2/mcdiarmid";
  settings.n_max = sufficient;
  settings.relative_tolerance = Rational(1, 50);
  settings.max_evaluations = 24;
  settings.alpha = 0.01;
  settings.trials = options.trials;
  settings.exact_work_limit = 0;
  std::int64_t misses = 0;
  std::string missed;
  for (std::int64_t seed = 1; seed <= options.coverage; ++seed) {
    const experiments::ContextsExperiment experiment({static_cast<std::uint64_t>(seed), 0, 0},
                                                     contexts, theory::Metric::l1);
    engine::NStarSearch s;
    try {
      s = engine::search_n_star(experiment, eps, delta, settings);
    } catch (const engine::SettingError& error) {
      throw InputError(fmt::format("--{}: {}", error.key(), error.what()));
    }
    if (s.lower <= exact && exact <= s.upper) continue;
    ++misses;
    missed +=
        fmt::format("{}seed {}: [{}, {}]", missed.empty() ? "" : ", ", seed, s.lower, s.upper);
  }
  const auto interval = stats::clopper_pearson(misses, options.coverage, 0.99);
  std::cout << fmt::format(
      "coverage: {} of {} Monte Carlo brackets (seeds 1..{}, at most {} trials a verdict, 99% "
      "confidence) miss the exact n* = {}; miss rate {:.4g}, 99% Clopper-Pearson interval "
      "[{:.4g}, {:.4g}], against the search's stated error <= 0.01{}\n",
      misses, options.coverage, options.coverage, options.trials, exact,
      static_cast<double>(misses) / static_cast<double>(options.coverage), interval.lower,
      interval.upper, missed.empty() ? "" : " (" + missed + ")");
}

// The options, parsed and checked against each other.
struct ExactInputs {
  Rational eps;
  std::optional<Rational> delta;
  std::optional<std::int64_t> sufficient;  // McDiarmid's size, with --delta
  bool default_range = false;              // no --n: [1, McDiarmid's size]
  SizeRange range;
};

ExactInputs read_inputs(const ExactOptions& options, const Law& law) {
  if (options.m < 1 || options.m > kMaxContexts) {
    throw InputError(
        fmt::format("--m: m must satisfy 1 <= m <= {} (got {})", kMaxContexts, options.m));
  }
  ExactInputs in;
  in.eps = parse_exact("eps", options.eps);
  if (in.eps <= 0 || in.eps >= 2) {
    throw InputError("--eps: eps must satisfy 0 < eps < 2 (got " + to_string(in.eps) + ")");
  }
  if (!options.delta.empty()) {
    in.delta = parse_exact("delta", options.delta);
    if (*in.delta <= 0 || *in.delta >= 1) {
      throw InputError("--delta: delta must satisfy 0 < delta < 1 (got " + to_string(*in.delta) +
                       ")");
    }
  }
  if (options.n.empty() && !in.delta) {
    throw InputError("--n: give n, a range FROM:TO, or --delta for n* over [1, McDiarmid's size]");
  }
  const std::int64_t symbols = static_cast<std::int64_t>(law.distribution.size());
  if (in.delta) in.sufficient = mcdiarmid_size(symbols, options.m, in.eps, *in.delta);
  in.default_range = options.n.empty();
  in.range = in.default_range ? SizeRange{1, *in.sufficient} : parse_range(options.n);
  if (in.delta && in.range.from == in.range.to) {
    throw InputError(
        "--delta: n* needs a range: give --n FROM:TO, or no --n for [1, McDiarmid's size]");
  }
  if (options.coverage > 0 && (!in.delta || !in.default_range)) {
    throw InputError(
        "--coverage: give --delta and no --n (the brackets are held against the exact n* over "
        "[1, McDiarmid's size])");
  }
  return in;
}

void run_exact_command(const ExactOptions& options) {
  if (options.theorem != "T2") {
    throw InputError(
        fmt::format("--theorem: the exact failure curve is for T2 (got '{}')", options.theorem));
  }
  const Law law = law_of(options);
  const auto [eps, delta, sufficient, default_range, range] = read_inputs(options, law);

  const std::vector<targets::Distribution> contexts(static_cast<std::size_t>(options.m),
                                                    law.distribution);
  engine::DpWork work;
  try {
    work = engine::estimate_curve_work(contexts, eps, range.from, range.to);
  } catch (const std::invalid_argument& error) {
    throw InputError(fmt::format("--n: {}", error.what()));
  }
  const Method method = choose_method(options.method, work, range);
  const std::string header = header_of(options.m, eps);
  const std::string where = where_of(law, options.m);
  const bool single = range.from == range.to && !delta;
  const std::string at = options.m == 1 ? fmt::format("at n = {}", range.from)
                                        : fmt::format("at n = {} per context", range.from);
  try {
    if (method == Method::rational) {
      const auto curve = engine::exact_failure_curve(contexts, eps, range.from, range.to);
      if (single) {
        const Rational& p = curve.front().probability;
        std::cout << fmt::format("{} {}, {}:\n{}\n{:.17g}\n", header, at, where, to_string(p),
                                 to_double(p));
        return;
      }
      if (!default_range) {
        std::cout << fmt::format("{} for {}, {}: exact, by the rational DP\n", header,
                                 range_text(range), where);
        std::cout << "| n | P(n) | exact |\n|---|---|---|\n";
        for (const auto& point : curve) {
          std::cout << fmt::format("| {} | {:.6g} | {} |\n", point.n, to_double(point.probability),
                                   to_string(point.probability));
        }
      } else {
        std::cout << fmt::format("{}, {}: exact, by the rational DP\n", header, where);
      }
      if (delta) print_n_star(curve, *delta, range, *sufficient, default_range);
      if (options.coverage > 0) print_coverage(contexts, eps, *delta, *sufficient, options);
      return;
    }
    const auto curve = engine::failure_curve(contexts, eps, range.from, range.to);
    if (single) {
      const auto& p = curve.front().probability;
      std::cout << fmt::format("{} {}, {}:\n{:.12g} +- {:.2g}\n({})\n", header, at, where, p.value,
                               p.error_bound, kDoubleNote);
      return;
    }
    if (!default_range) {
      std::cout << fmt::format("{} for {}, {}: {}\n", header, range_text(range), where,
                               kDoubleNote);
      std::cout << "| n | P(n) | bound |\n|---|---|---|\n";
      for (const auto& point : curve) {
        std::cout << fmt::format("| {} | {:.12g} | {:.2g} |\n", point.n, point.probability.value,
                                 point.probability.error_bound);
      }
    } else {
      std::cout << fmt::format("{}, {}: {}\n", header, where, kDoubleNote);
    }
    if (delta) print_n_star(curve, *delta, range, *sufficient, default_range);
    if (options.coverage > 0) print_coverage(contexts, eps, *delta, *sufficient, options);
  } catch (const engine::DpTooLarge& error) {
    throw InputError(
        fmt::format("--n: {} at {}; narrow the range", error.what(), range_text(range)));
  }
}

}  // namespace

void add_exact_command(CLI::App& app) {
  auto options = std::make_shared<ExactOptions>();
  CLI::App* command = app.add_subcommand(
      "exact",
      "Exact P(max_i ||p^_i - p_i||_1 > eps) of the empirical estimator at n or over a range "
      "(a DP over symbols), and n* for a delta");
  command->add_option("--theorem", options->theorem, "T2")->required();
  command->add_option("--p", options->p, "the law of every context, e.g. 1/2,1/4,1/4");
  command->add_option("--V", options->V, "instead of --p: uniform on V symbols")
      ->check(integer_between(2, kMaxSymbols, "V must satisfy {low} <= V <= {high} (got {got})"));
  command->add_option("--m", options->m, "number of contexts, identical laws (default 1)")
      ->check(integer_between(1, kMaxContexts, "m must satisfy {low} <= m <= {high} (got {got})"));
  command->add_option("--n", options->n, "samples per context: N, or a range FROM:TO for a curve");
  command->add_option("--eps", options->eps, "L1 tolerance, exact (1/3 or 0.25)")->required();
  command->add_option("--delta", options->delta,
                      "print the eventual n* and the first crossing; without --n the range is "
                      "[1, McDiarmid's sufficient size]");
  command->add_option("--method", options->method,
                      "auto (rational where cheap, default), rational (exact), double (with a "
                      "rigorous error bound)");
  command
      ->add_option("--coverage", options->coverage,
                   "with --delta: run the Monte Carlo n* search on seeds 1..S and count the "
                   "brackets that miss the exact n*")
      ->check(integer_between(1, 10000, "coverage must satisfy {low} <= S <= {high} (got {got})"));
  command
      ->add_option("--trials", options->trials,
                   "with --coverage: each verdict's trial cap (default 3000)")
      ->check(integer_between(1, 10'000'000,
                              "trials must satisfy {low} <= trials <= {high} (got {got})"));
  command->callback([options] { run_exact_command(*options); });
}

}  // namespace elicit::cli
