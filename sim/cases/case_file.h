// Experiment files (cases/*.toml): one question each. The tables:
//
//   [case]    name, title, theorem, reading (a row of the reading registry), mode
//   [grid]    the reading's grid keys: a scalar, a list, or a range (grid.h); cells
//             are the product. Values are exact ("1/10", "0.1" or 0.1 are all 1/10)
//   [target]  the reading's target keys (the fine-tuned model)
//   [run]     trials, confidence, seed, replay_trials, replay_max_tokens, n_max,
//             n_star_tolerance, max_evaluations, n_from_bound, n_factor, threads
//             (engine/run_settings.h says what each means)
//   [fit]     x (a grid key), scale (identity | inverse | ln_inverse)
//
// Which keys a reading accepts, their ranges and the modes that need them come from
// its registry row (sim/readings/); anything else — an unknown table or key, a value
// of the wrong type or range — is a CaseError whose message starts "FILE:LINE: key K:".
//
//   CaseFile c = load_case_file("cases/t2_vocab.toml");
#pragma once

#include "sim/cases/case_error.h"
#include "sim/cases/grid.h"
#include "sim/engine/mode.h"
#include "sim/engine/run_settings.h"
#include "sim/readings/reading.h"
#include "sim/stats/loglog_fit.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace elicit::cases {

// The slope theory predicts comes from the reading's registry row, not the file.
struct Fit {
  std::string x;
  stats::FitScale scale = stats::FitScale::identity;
  std::string label() const { return stats::scaled_label(scale, x); }
  double transform(double value) const { return stats::scaled_value(scale, value); }
};

// Work limits, checked before anything runs (docs/case_files.md, "Limits"). A trial
// of a cell draws and compares readings::TrialSize numbers (m·V counts, V^l
// sequences, n draws, ...): that bounds its time and the memory each thread holds.
// A case may draw at most kMaxCaseWork numbers in the worst case: every cell's trial
// cap × its evaluations (n_star: max_evaluations; worst_target: search_budget + 2 ×
// max_evaluations; else 1) × its trial's numbers. Measured at about 150 ns a number
// (T2, one core), 10^12 is about two days.
inline constexpr double kMaxTrialNumbers = 1 << 23;
// The memory a cell may hold: its numbers × (48 bytes + 8 bytes per thread), each
// thread drawing its own trial's counts (2^23 numbers and 1024 threads: 69 GB).
inline constexpr double kMaxCellBytes = 4e9;
inline constexpr double kMaxCaseWork = 1e12;
// Replays through the transformer: a prompt of T tokens costs about T^2 · 10 ns (90,000
// tokens: 100 s), so T is at most 10^5, and a case's replays at most 10^13 token pairs
// (cells × replay_trials × replay_max_tokens², about a day).
inline constexpr std::int64_t kMaxReplayTrials = 1000;
inline constexpr std::int64_t kMaxReplayTokens = 100'000;
inline constexpr double kMaxReplayWork = 1e13;

struct CaseFile {
  std::filesystem::path path;
  std::string text;  // the file as read: its digest keys resumable progress
  std::string name, title;
  const readings::Reading* reading = nullptr;  // never null after loading
  engine::Mode mode = engine::Mode::n_star;
  std::vector<std::string> grid_keys;  // in file order
  std::vector<Cell> cells;
  readings::Values target;  // every target key of the reading, fallbacks filled in
  engine::RunSettings run;
  std::optional<Fit> fit;
  // The line of each key the file gives ("trials" -> 14), and of each table ("[run]").
  std::map<std::string, std::uint32_t> lines;
  // "FILE:LINE" of a key (or of its table, or the file alone when neither is given),
  // for messages about a setting found wanting after loading (engine::SettingError).
  std::string place(const std::string& key) const;
};

// Loading checks every value, then the case's cost with its own settings
// (check_work); the command line may change the settings (--trials), so it checks
// the cost again with the settings that will run.
CaseFile load_case_file(const std::filesystem::path& path);
// The same from the file's text; `path` names it in messages (tests and fuzzing
// read case files that were never written to disk).
CaseFile case_file_from_text(std::string text, const std::filesystem::path& path);

// Refuses (CaseError naming file, line and key) a case whose cells the theory cannot
// evaluate (eps below 1e-100, ...), whose verdict sizes from a bound leave [1, 2^53],
// or whose work exceeds the limits above, under `settings`.
void check_work(const CaseFile& case_file, const engine::RunSettings& settings);

}  // namespace elicit::cases
