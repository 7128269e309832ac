// Experiment files (cases/*.toml): one question each. The schema, with every key:
//
//   [case]    name, title, theorem (T1 | T2 | T5 | partial-access), reading, mode
//             (n_star | verdict | rate)
//   [grid]    V, m, l, N, n, eps, delta — a scalar, a list, or a range
//             {from, to, times} (geometric) / {from, to, step} (arithmetic); cells are
//             the product of the lists. Values are exact ("1/10", "0.1" or 0.1 are
//             all 1/10).
//   [target]  kind (uniform | dirichlet | zipf | sparse | product), step (the
//             per-step kind of a product), alpha, s, support, gamma (T5/min-distance)
//   [run]     trials, max_trials, confidence, seed, replay_trials,
//             replay_max_tokens, n_max, n_from_bound, n_factor, threads
//   [fit]     x (a grid key), scale (identity | inverse | ln_inverse), expected_slope
//
// Keys of [grid] are laid out in alphabetical order (as TOML tables are read); the
// last varies fastest.
//
// Anything else — an unknown table or key, a value of the wrong type or range — is
// a CaseError whose message starts "FILE:LINE: key K:".
//
//   CaseFile c = load_case_file("cases/t2_vocab.toml");
#pragma once

#include "sim/exact/rational.h"
#include "sim/targets/distribution.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace elicit::cases {

class CaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Mode { n_star, verdict, rate };
std::string_view mode_name(Mode mode);

// One cell: a value for each grid key that was given.
struct Cell {
  std::uint64_t index = 0;
  std::map<std::string, Rational> values;  // "V" -> 64, "eps" -> 1/10, ...
  std::optional<Rational> get(const std::string& key) const;
  std::string describe() const;  // "V=64, eps=1/10"
};

struct RunSettings {
  std::int64_t trials = 1000;
  std::int64_t max_trials = 16000;
  Rational confidence = Rational(99, 100);
  std::uint64_t seed = 1;
  std::int64_t replay_trials = 2;
  std::int64_t replay_max_tokens = 3000;
  std::int64_t n_max = 100'000'000;
  std::string n_from_bound;  // verdict mode: n = ceil(n_factor · this bound)
  Rational n_factor = 1;
  int threads = 1;
};

// The x of a scaling fit: a grid key, optionally rescaled so that the slope is the
// exponent the theorem states (n* against 1/eps, or against ln(1/delta)).
enum class FitScale { identity, inverse, ln_inverse };

struct Fit {
  std::string x;
  FitScale scale = FitScale::identity;
  std::optional<double> expected_slope;
  std::string label() const;  // "eps", "1/eps", "ln(1/delta)"
  double transform(double value) const;
};

struct CaseFile {
  std::filesystem::path path;
  std::string text;  // the file as read: its digest keys resumable progress
  std::string name, title, theorem, reading;
  Mode mode = Mode::n_star;
  std::vector<std::string> grid_keys;  // in file order
  std::vector<Cell> cells;
  targets::TargetSpec target;
  Rational gamma = Rational(1, 2);
  RunSettings run;
  std::optional<Fit> fit;
};

CaseFile load_case_file(const std::filesystem::path& path);

// A suite file runs other case files: [suite] name, title, include = ["a.toml", ...]
// (paths relative to the suite file). nullopt when the file has no [suite] table.
struct SuiteFile {
  std::filesystem::path path;
  std::string name, title;
  std::vector<std::filesystem::path> cases;
};
std::optional<SuiteFile> load_suite_file(const std::filesystem::path& path);

}  // namespace elicit::cases
