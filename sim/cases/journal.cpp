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

}  // namespace

std::string journal_key(const std::string& case_text, const engine::RunSettings& s) {
  return fmt::format(
      "{:016x}", fnv1a(fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", case_text, s.seed, s.trials,
                                   to_string(s.confidence), s.n_max, to_string(s.n_star_tolerance),
                                   s.max_evaluations, s.search_resolution, s.search_starts,
                                   s.search_refinements, s.search_budget)));
}

Journal::Journal(std::filesystem::path path, std::string key, engine::Mode mode, bool resume)
    : path_(std::move(path)), key_(std::move(key)) {
  if (resume) {
    std::ifstream in(path_);
    std::size_t number = 0;
    for (std::string line; std::getline(in, line);) {
      ++number;
      const auto entry = nlohmann::ordered_json::parse(line, nullptr, false);
      if (entry.is_discarded() || !entry.is_object()) {
        problems_.push_back(fmt::format("line {}: not JSON (a torn last line?)", number));
        continue;
      }
      if (!entry.contains("digest") || !entry["digest"].is_string() || entry["digest"] != key_) {
        problems_.push_back(fmt::format("line {}: from another case or settings", number));
        continue;
      }
      try {
        auto row =
            results::cell_result_from_json(entry.value("row", nlohmann::ordered_json{}), mode);
        finished_.insert_or_assign(row.cell, std::move(row));
      } catch (const results::FormatError& error) {
        problems_.push_back(
            fmt::format("line {}: not a valid cell row ({})", number, error.what()));
      }
    }
  }
  log_.open(path_, resume ? std::ios::app : std::ios::trunc);
  if (!log_) throw OutputError(path_.string() + ": cannot open the progress log");
}

std::optional<results::CellResult> Journal::finished(std::uint64_t cell) const {
  const auto it = finished_.find(cell);
  if (it == finished_.end()) return std::nullopt;
  return it->second;
}

void Journal::append(const results::CellResult& row) {
  log_ << nlohmann::ordered_json{{"digest", key_}, {"row", results::to_json(row)}}.dump() << "\n";
  log_.flush();
  if (!log_) throw OutputError(path_.string() + ": write failed (disk full?)");
}

}  // namespace elicit::cases
