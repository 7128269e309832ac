// The progress log of a run (cells.jsonl): one line per finished cell, keyed by a
// digest of the case file and the settings that change results, so that an
// interrupted run resumes without recomputing what it finished (internal to
// sim/cases/). Each line also carries a checksum of its row. A line that is torn,
// edited, stale, not a valid cell row, or a row whose parameters are not its
// cell's is ignored and its cell computed again; problems() says which and why.
//
//   Journal journal(out / "cells.jsonl", key, mode, cells, /*resume=*/true);
//   if (auto row = journal.finished(cell.index)) ...; else journal.append(evaluate(...));
#pragma once

#include "sim/cases/grid.h"
#include "sim/engine/mode.h"
#include "sim/results/case_result.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace elicit::cases {

class Journal {
 public:
  Journal(std::filesystem::path path, std::string key, engine::Mode mode,
          const std::vector<Cell>& cells, bool resume);

  std::optional<results::CellResult> finished(std::uint64_t cell) const;
  void append(const results::CellResult& row);
  // Lines of the log that were not reused, each with its reason.
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::filesystem::path path_;
  std::string key_;
  std::map<std::uint64_t, results::CellResult> finished_;
  std::vector<std::string> problems_;
  std::ofstream log_;
};

// The finished rows of a journal (for merging shards), without opening it for
// writing; problems are added to `problems`.
std::map<std::uint64_t, results::CellResult> read_journal(const std::filesystem::path& path,
                                                          const std::string& key, engine::Mode mode,
                                                          const std::vector<Cell>& cells,
                                                          std::vector<std::string>& problems);

// The journal key of a run: FNV-1a of the case text and the settings that change
// results.
std::string journal_key(const std::string& case_text, const engine::RunSettings& settings);

}  // namespace elicit::cases
