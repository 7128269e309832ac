// Sharded runs: `elicit run CASE --shard I/N` computes every N-th cell of each case
// (CellShare, case_runner.h) into a shard folder, and `elicit merge` combines N
// such folders into exactly the results folder one run writes. A shard folder is
//
//   DIR/shard.json        this file's ShardManifest: which shard, which build, and
//                         for each case its text, settings and journal key
//   DIR/cells.jsonl       the shard's finished cells (a suite: DIR/CASE/cells.jsonl)
//
// The pattern for cluster array jobs: N independent processes, one merge.
//
//   ShardManifest m = shard_manifest_from_json(json);
//   MergedShards merged = read_shards({"results/x.shard-1-of-2", "results/x.shard-2-of-2"});
#pragma once

#include "sim/cases/case_file.h"
#include "sim/cases/case_runner.h"
#include "sim/results/case_result.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace elicit::cases {

// One case of a sharded run, with all a merge needs to finish it without the
// original file: the text as read, and the command line's overrides.
struct ShardCase {
  std::string folder;  // relative to the shard folder: "." for a lone case
  std::string case_file;
  std::string case_sha256;
  std::string case_text;
  std::optional<std::uint64_t> seed;   // --seed, if given
  std::optional<std::int64_t> trials;  // --trials, if given
  std::string journal_key;
  std::size_t cells = 0;  // of the whole case (the shard computes its share)
};

// What shard.json records of `case_file`, run with `options` into `folder`.
ShardCase shard_case(const CaseFile& case_file, const RunOptions& options, std::string folder);

// The suite a sharded run ran, if it ran one.
struct ShardSuite {
  std::string name, title, file, sha256;
};

struct ShardManifest {
  CellShare share;  // 0-based index
  std::string elicit_version, git_commit;
  std::string command, started, finished;
  int threads = 1;
  std::optional<ShardSuite> suite;
  std::vector<ShardCase> cases;
};

nlohmann::ordered_json to_json(const ShardManifest& manifest);
ShardManifest shard_manifest_from_json(
    const nlohmann::ordered_json& document);  // throws FormatError

// "I/N" (1 ≤ I ≤ N ≤ kMaxShards) as a share; nullopt when the text is not one.
inline constexpr std::uint64_t kMaxShards = 100'000;
std::optional<CellShare> parse_shard(const std::string& text);

// The default folder of shard I of N of a run named `name`: NAME.shard-I-of-N.
std::string shard_folder_name(const std::string& name, const CellShare& share);

// A case put together again from its shards: every cell's row, in cell order.
struct MergedCase {
  CaseFile case_file;
  engine::RunSettings settings;
  std::string folder;  // as in ShardCase
  std::vector<results::CellResult> cells;
};
struct MergedShards {
  std::size_t count = 0;                   // the shards combined
  std::string elicit_version, git_commit;  // of the build that wrote them
  std::string started;                     // the earliest shard's start
  int threads = 1;                         // of shard 1
  std::optional<ShardSuite> suite;
  std::vector<MergedCase> cases;
};

// Reads and checks N shard folders: each holds a shard.json; together they are
// shards 1..N of N, each once, of the same build, cases, case texts and settings;
// each holds every cell it owns (else: resume that shard). Throws CaseError naming
// the folder at fault and what to do.
MergedShards read_shards(const std::vector<std::filesystem::path>& folders);

}  // namespace elicit::cases
