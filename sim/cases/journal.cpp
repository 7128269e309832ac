#include "sim/cases/journal.h"

#include "sim/io/atomic_file.h"
#include "sim/results/results_json.h"

#include <fmt/format.h>

namespace elicit::cases {
namespace {

std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char ch : text) h = (h ^ ch) * 0x100000001b3ULL;
  return h;
}

// A checksum of a row as written, so that an edited or damaged row is recomputed.
std::string row_check(const nlohmann::ordered_json& row) {
  return fmt::format("{:016x}", fnv1a(row.dump()));
}

}  // namespace

std::string journal_key(const std::string& case_text, const engine::RunSettings& s) {
  return fmt::format(
      "{:016x}", fnv1a(fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", case_text, s.seed, s.trials,
                                   to_string(s.confidence), s.n_max, to_string(s.n_star_tolerance),
                                   s.max_evaluations, s.search_resolution, s.search_starts,
                                   s.search_refinements, s.search_budget)));
}

std::map<std::uint64_t, results::CellResult> read_journal(const std::filesystem::path& path,
                                                          const std::string& key, engine::Mode mode,
                                                          const std::vector<Cell>& cells,
                                                          std::vector<std::string>& problems) {
  std::map<std::uint64_t, results::CellResult> finished;
  std::ifstream in(path);
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    auto problem = [&](const std::string& why) {
      problems.push_back(fmt::format("line {}: {}", number, why));
    };
    const auto entry = nlohmann::ordered_json::parse(line, nullptr, false);
    if (entry.is_discarded() || !entry.is_object() || !entry.contains("row")) {
      problem("not a journal line (a torn last line?)");
      continue;
    }
    if (!entry.contains("digest") || !entry["digest"].is_string() || entry["digest"] != key) {
      problem("from another case or settings");
      continue;
    }
    const auto& row_json = entry["row"];
    if (!entry.contains("check") || entry["check"] != row_check(row_json)) {
      problem("its checksum does not match its row (edited or damaged)");
      continue;
    }
    try {
      auto row = results::cell_result_from_json(row_json, mode);
      if (row.cell >= cells.size()) {
        problem(fmt::format("cell {} is not a cell of this case", row.cell));
        continue;
      }
      const std::map<std::string, Rational> parameters(row.parameters.begin(),
                                                       row.parameters.end());
      if (parameters != cells[row.cell].values) {
        problem(fmt::format("its parameters are not those of cell {}", row.cell));
        continue;
      }
      finished.insert_or_assign(row.cell, std::move(row));
    } catch (const results::FormatError& error) {
      problem(fmt::format("not a valid cell row ({})", error.what()));
    }
  }
  return finished;
}

Journal::Journal(std::filesystem::path path, std::string key, engine::Mode mode,
                 const std::vector<Cell>& cells, bool resume)
    : path_(std::move(path)), key_(std::move(key)) {
  if (resume) finished_ = read_journal(path_, key_, mode, cells, problems_);
  log_.open(path_, resume ? std::ios::app : std::ios::trunc);
  if (!log_) throw OutputError(path_.string() + ": cannot open the progress log");
}

std::optional<results::CellResult> Journal::finished(std::uint64_t cell) const {
  const auto it = finished_.find(cell);
  if (it == finished_.end()) return std::nullopt;
  return it->second;
}

void Journal::append(const results::CellResult& row) {
  const auto row_json = results::to_json(row);
  log_ << nlohmann::ordered_json{{"digest", key_},
                                 {"check", row_check(row_json)},
                                 {"row", row_json}}
              .dump()
       << "\n";
  log_.flush();
  if (!log_) throw OutputError(path_.string() + ": write failed (disk full?)");
}

}  // namespace elicit::cases
