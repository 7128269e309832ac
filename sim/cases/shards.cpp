#include "sim/cases/shards.h"

#include "sim/cases/journal.h"
#include "sim/io/sha256.h"
#include "sim/results/json_fields.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <sstream>

namespace elicit::cases {
namespace {

using nlohmann::ordered_json;
using results::field;
using results::FormatError;
using results::value_of;

template <class T>
ordered_json optional_json(const std::optional<T>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}
template <class T>
std::optional<T> optional_of(const ordered_json& object, const std::string& key) {
  if (field(object, key).is_null()) return std::nullopt;
  return value_of<T>(object, key);
}

ShardManifest read_manifest(const std::filesystem::path& folder) {
  const auto path = folder / "shard.json";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CaseError(fmt::format(
        "{}: no shard.json: not a shard folder (elicit run CASE --shard I/N writes one)",
        folder.string()));
  }
  std::stringstream text;
  text << in.rdbuf();
  const auto document = ordered_json::parse(text.str(), nullptr, false);
  if (document.is_discarded())
    throw CaseError(fmt::format("{}: not JSON (damaged?); run the shard again", path.string()));
  try {
    return shard_manifest_from_json(document);
  } catch (const FormatError& error) {
    throw CaseError(
        fmt::format("{}: {} (damaged?); run the shard again", path.string(), error.what()));
  }
}

std::string shard_name(const ShardManifest& m) {
  return fmt::format("shard {} of {}", m.share.index + 1, m.share.count);
}

// The cases of two shards must be the same cases, read from the same texts, with
// the same settings: anything else would mix two experiments.
void check_same_run(const std::filesystem::path& first_folder, const ShardManifest& first,
                    const std::filesystem::path& folder, const ShardManifest& m) {
  auto differ = [&](const std::string& what, const std::string& a, const std::string& b) {
    return CaseError(fmt::format(
        "{} ({}) and {} ({}) differ in {}: {} against {}; shards merge only when they come "
        "from one command with another --shard",
        first_folder.string(), shard_name(first), folder.string(), shard_name(m), what, a, b));
  };
  if (m.share.count != first.share.count)
    throw differ("their shard count", std::to_string(first.share.count),
                 std::to_string(m.share.count));
  if (m.elicit_version != first.elicit_version || m.git_commit != first.git_commit)
    throw differ("the elicit that wrote them", first.elicit_version + " " + first.git_commit,
                 m.elicit_version + " " + m.git_commit);
  const std::string suite_a = first.suite ? first.suite->sha256 : "no suite";
  const std::string suite_b = m.suite ? m.suite->sha256 : "no suite";
  if (suite_a != suite_b) throw differ("the suite file (SHA-256)", suite_a, suite_b);
  if (m.cases.size() != first.cases.size())
    throw differ("their number of cases", std::to_string(first.cases.size()),
                 std::to_string(m.cases.size()));
  for (std::size_t i = 0; i < m.cases.size(); ++i) {
    const ShardCase& a = first.cases[i];
    const ShardCase& b = m.cases[i];
    const std::string label = a.folder == "." ? a.case_file : a.folder;
    if (a.folder != b.folder) throw differ("case " + std::to_string(i + 1), a.folder, b.folder);
    if (a.case_sha256 != b.case_sha256)
      throw differ("the text of case " + label + " (SHA-256)", a.case_sha256, b.case_sha256);
    if (a.journal_key != b.journal_key)
      throw differ("the settings of case " + label + " (--seed, --trials)", a.journal_key,
                   b.journal_key);
  }
}

}  // namespace

ordered_json to_json(const ShardManifest& m) {
  ordered_json cases = ordered_json::array();
  for (const ShardCase& c : m.cases) {
    cases.push_back({{"folder", c.folder},
                     {"case_file", c.case_file},
                     {"case_sha256", c.case_sha256},
                     {"case_text", c.case_text},
                     {"seed", optional_json(c.seed)},
                     {"trials", optional_json(c.trials)},
                     {"journal_key", c.journal_key},
                     {"cells", c.cells}});
  }
  ordered_json suite = nullptr;
  if (m.suite) {
    suite = {{"name", m.suite->name},
             {"title", m.suite->title},
             {"file", m.suite->file},
             {"sha256", m.suite->sha256}};
  }
  return {{"shard", m.share.index + 1},
          {"shards", m.share.count},
          {"elicit_version", m.elicit_version},
          {"git_commit", m.git_commit},
          {"command", m.command},
          {"threads", m.threads},
          {"started", m.started},
          {"finished", m.finished},
          {"suite", suite},
          {"cases", cases}};
}

ShardManifest shard_manifest_from_json(const ordered_json& document) {
  ShardManifest m;
  const auto shard = value_of<std::uint64_t>(document, "shard");
  const auto shards = value_of<std::uint64_t>(document, "shards");
  if (shards < 1 || shards > kMaxShards || shard < 1 || shard > shards)
    throw FormatError(fmt::format("shard {} of {} is no shard", shard, shards));
  m.share = {shard - 1, shards};
  m.elicit_version = value_of<std::string>(document, "elicit_version");
  m.git_commit = value_of<std::string>(document, "git_commit");
  m.command = value_of<std::string>(document, "command");
  m.threads = value_of<int>(document, "threads");
  m.started = value_of<std::string>(document, "started");
  m.finished = value_of<std::string>(document, "finished");
  if (const auto& suite = field(document, "suite"); !suite.is_null()) {
    m.suite =
        ShardSuite{value_of<std::string>(suite, "name"), value_of<std::string>(suite, "title"),
                   value_of<std::string>(suite, "file"), value_of<std::string>(suite, "sha256")};
  }
  const auto& cases = field(document, "cases");
  if (!cases.is_array() || cases.empty()) throw FormatError("field 'cases' is not a list of cases");
  for (const auto& c : cases) {
    ShardCase entry;
    entry.folder = value_of<std::string>(c, "folder");
    entry.case_file = value_of<std::string>(c, "case_file");
    entry.case_sha256 = value_of<std::string>(c, "case_sha256");
    entry.case_text = value_of<std::string>(c, "case_text");
    entry.seed = optional_of<std::uint64_t>(c, "seed");
    entry.trials = optional_of<std::int64_t>(c, "trials");
    entry.journal_key = value_of<std::string>(c, "journal_key");
    entry.cells = value_of<std::size_t>(c, "cells");
    if (sha256_hex(entry.case_text) != entry.case_sha256)
      throw FormatError(
          fmt::format("the text of case '{}' does not match its SHA-256", entry.folder));
    // A case writes below the merged folder: its name must stay there.
    if (entry.folder != "." && std::filesystem::path(entry.folder).filename() != entry.folder)
      throw FormatError(fmt::format("case folder '{}' is not a plain name", entry.folder));
    m.cases.push_back(std::move(entry));
  }
  return m;
}

ShardCase shard_case(const CaseFile& c, const RunOptions& options, std::string folder) {
  ShardCase entry;
  entry.folder = std::move(folder);
  entry.case_file = c.path.string();
  entry.case_sha256 = sha256_hex(c.text);
  entry.case_text = c.text;
  entry.seed = options.seed;
  entry.trials = options.trials;
  entry.journal_key = journal_key(c.text, effective_settings(c, options));
  entry.cells = c.cells.size();
  return entry;
}

std::optional<CellShare> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  auto number = [](std::string_view digits) -> std::optional<std::uint64_t> {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size())
      return std::nullopt;
    return value;
  };
  const auto index = number(std::string_view(text).substr(0, slash));
  const auto count = number(std::string_view(text).substr(slash + 1));
  if (!index || !count || *count < 1 || *count > kMaxShards || *index < 1 || *index > *count)
    return std::nullopt;
  return CellShare{*index - 1, *count};
}

std::string shard_folder_name(const std::string& name, const CellShare& share) {
  return fmt::format("{}.shard-{}-of-{}", name, share.index + 1, share.count);
}

MergedShards read_shards(const std::vector<std::filesystem::path>& folders) {
  if (folders.empty()) throw CaseError("merge: no shard folders given");
  std::vector<ShardManifest> manifests;
  manifests.reserve(folders.size());
  for (const auto& folder : folders) manifests.push_back(read_manifest(folder));
  const ShardManifest& first = manifests.front();
  // Shards 1..N, each once.
  std::vector<std::optional<std::size_t>> given(first.share.count);
  for (std::size_t s = 0; s < manifests.size(); ++s) {
    check_same_run(folders.front(), first, folders[s], manifests[s]);
    auto& slot = given[manifests[s].share.index];
    if (slot) {
      throw CaseError(fmt::format("{} and {} are both {}; give each shard once",
                                  folders[*slot].string(), folders[s].string(),
                                  shard_name(manifests[s])));
    }
    slot = s;
  }
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (!given[i]) {
      throw CaseError(fmt::format(
          "shard {} of {} is missing ({} of {} given); run it with --shard {}/{} and merge "
          "all {}",
          i + 1, given.size(), folders.size(), given.size(), i + 1, given.size(), given.size()));
    }
  }
  MergedShards merged;
  merged.count = first.share.count;
  merged.elicit_version = first.elicit_version;
  merged.git_commit = first.git_commit;
  merged.threads = manifests[*given.front()].threads;
  merged.suite = first.suite;
  merged.started = first.started;
  for (const auto& m : manifests) merged.started = std::min(merged.started, m.started);
  for (std::size_t k = 0; k < first.cases.size(); ++k) {
    const ShardCase& entry = first.cases[k];
    MergedCase c;
    c.folder = entry.folder;
    try {
      c.case_file = case_file_from_text(entry.case_text, entry.case_file);
    } catch (const CaseError& error) {
      throw CaseError(fmt::format("{} (the text shard.json holds, in {})", error.what(),
                                  folders.front().string()));
    }
    RunOptions overrides;
    overrides.seed = entry.seed;
    overrides.trials = entry.trials;
    c.settings = effective_settings(c.case_file, overrides);
    if (journal_key(c.case_file.text, c.settings) != entry.journal_key ||
        c.case_file.cells.size() != entry.cells) {
      throw CaseError(
          fmt::format("{}: case {} does not give the cells and settings it names "
                      "(damaged?); run the shards again",
                      (folders.front() / "shard.json").string(), entry.folder));
    }
    std::vector<std::optional<results::CellResult>> rows(entry.cells);
    for (std::size_t s = 0; s < manifests.size(); ++s) {
      const auto journal = (folders[s] / entry.folder / "cells.jsonl").lexically_normal();
      std::vector<std::string> problems;
      auto finished =
          read_journal(journal, entry.journal_key, c.case_file.mode, c.case_file.cells, problems);
      const CellShare share = manifests[s].share;
      for (std::size_t i = 0; i < entry.cells; ++i) {
        if (!share.owns(i)) continue;
        auto row = finished.find(i);
        if (row == finished.end()) {
          throw CaseError(fmt::format(
              "{}: cell {} ({}) is not finished{}; complete the shard with its command and "
              "--resume --out {}",
              journal.string(), i + 1, c.case_file.cells[i].describe(),
              problems.empty() ? "" : " (" + problems.front() + ")", folders[s].string()));
        }
        rows[i] = std::move(row->second);
      }
    }
    for (auto& row : rows) c.cells.push_back(std::move(*row));
    merged.cases.push_back(std::move(c));
  }
  return merged;
}

}  // namespace elicit::cases
