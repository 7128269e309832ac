// Case files: the schema, errors that name file, line and key, and runs that are
// reproducible to the byte and resumable.
#include "sim/cases/case_runner.h"
#include "sim/cases/mode_support.h"
#include "sim/cases/modes.h"
#include "sim/cases/suite_file.h"
#include "sim/engine/experiment.h"
#include "sim/readings/reading.h"
#include "sim/results/results_json.h"
#include "tests/scratch_files.h"
#include "theory/bound.h"
#include "theory/parameters.h"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>

#include <sys/stat.h>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace elicit;
using namespace elicit::cases;
namespace fs = std::filesystem;

namespace {

const fs::path kCases = fs::path(ELICIT_SOURCE_DIR) / "cases";

using testing::read;
using testing::scratch;
using testing::write;

const std::string kSmallCase = R"([case]
name = "small"
theorem = "T2"
reading = "T2/L1"
mode = "n_star"

[grid]
V = [3, 6]
m = 2
eps = "0.3"
delta = 0.1

[run]
trials = 200
seed = 42
replay_max_tokens = 400

[fit]
x = "V"
)";

RunOptions options_for(const fs::path& out, int threads, bool resume = false) {
  RunOptions options;
  options.out = out;
  options.threads = threads;
  options.resume = resume;
  return options;
}

std::string error_of(const fs::path& path) {
  try {
    load_case_file(path);
  } catch (const CaseError& error) {
    return error.what();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("a case file's grid expands to the product of its lists, read exactly", "[cases]") {
  const auto dir = scratch("grid");
  const CaseFile c = load_case_file(write(dir, "small.toml", kSmallCase));
  REQUIRE(c.cells.size() == 2);
  CHECK(*c.cells[1].get("V") == 6);
  CHECK(*c.cells[0].get("delta") == Rational(1, 10));  // the float 0.1 read as 1/10
  CHECK(*c.cells[0].get("eps") == Rational(3, 10));
  CHECK(c.run.trials == 200);
  CHECK(c.fit->x == "V");
  fs::remove_all(dir);
}

TEST_CASE("grid ranges expand exactly, geometric or arithmetic", "[cases]") {
  const auto dir = scratch("range");
  std::string text = kSmallCase;
  text.replace(text.find("V = [3, 6]"), 10, "V = { from = 4, to = 256, times = 2 }");
  text.replace(text.find("eps = \"0.3\""), 11,
               "eps = { from = \"1/10\", to = \"0.3\", step = \"0.1\" }");
  const CaseFile c = load_case_file(write(dir, "range.toml", text));
  REQUIRE(c.cells.size() == 7 * 3);
  CHECK(*c.cells.back().get("V") == 256);
  CHECK(*c.cells.back().get("eps") == Rational(3, 10));  // exact: 1/10 + 1/10 + 1/10 reaches 3/10
  text.replace(text.find("times = 2"), 9, "times = 1");
  CHECK_THAT(error_of(write(dir, "range.toml", text)),
             Catch::EndsWith("key V: a geometric range needs from > 0 and times > 1"));
  fs::remove_all(dir);
}

TEST_CASE("a fit can rescale its x to the theorem's exponent", "[cases]") {
  const auto dir = scratch("fit");
  std::string text = kSmallCase;
  text.replace(text.find("x = \"V\""), 7, "x = \"eps\"\nscale = \"ln_inverse\"");
  const CaseFile c = load_case_file(write(dir, "fit.toml", text));
  CHECK(c.fit->label() == "ln(1/eps)");
  CHECK(c.fit->transform(0.1) == Approx(std::log(10.0)));
  text.replace(text.find("ln_inverse"), 10, "square");
  CHECK_THAT(error_of(write(dir, "fit.toml", text)),
             Catch::EndsWith("key scale: 'square' is not one of identity, inverse, ln_inverse"));
  fs::remove_all(dir);
}

TEST_CASE("every shipped case file loads", "[cases]") {
  int loaded = 0;
  for (const auto& entry : fs::directory_iterator(kCases)) {
    if (entry.path().extension() != ".toml") continue;
    INFO(entry.path());
    if (auto suite = load_suite_file(entry.path())) {
      for (const auto& path : suite->cases) CHECK_NOTHROW(load_case_file(path));
    } else {
      CHECK_NOTHROW(load_case_file(entry.path()));
    }
    ++loaded;
  }
  CHECK(loaded >= 8);
}

TEST_CASE("bad case files are refused naming file, line and key", "[cases][input]") {
  const auto dir = scratch("errors");
  auto variant = [&](const std::string& from, const std::string& to) {
    std::string text = kSmallCase;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return error_of(write(dir, "bad.toml", text));
  };
  const std::string file = (dir / "bad.toml").string();
  CHECK(variant("V = [3, 6]", "Vocab = [3, 6]") ==
        file +
            ":8: key Vocab: unknown key in [grid]; did you mean 'V'? (known: V, delta, eps, m, n)");
  CHECK(variant("V = [3, 6]", "W = [3, 6]") ==
        file + ":8: key W: unknown key in [grid]; did you mean 'V'? (known: V, delta, eps, m, n)");
  CHECK(variant("V = [3, 6]", "frobnicate = [3, 6]") ==
        file + ":8: key frobnicate: unknown key in [grid] (known: V, delta, eps, m, n)");
  CHECK_THAT(variant("trials = 200", "trails = 200"),
             Catch::Contains(":14: key trails: unknown key in [run]; did you mean 'trials'?"));
  CHECK_THAT(variant("[run]", "[rnu]"),
             Catch::Contains(":13: key rnu: unknown key in [top level]; did you mean 'run'?"));
  CHECK(variant("eps = \"0.3\"", "eps = 0") ==
        file + ":10: key eps: must satisfy 0 < eps < 2 (got 0)");
  CHECK(variant("V = [3, 6]", "V = [1, 6]") == file + ":8: key V: must be >= 2 (got 1)");
  CHECK(variant("delta = 0.1", "delta = 1.5") ==
        file + ":11: key delta: must satisfy 0 < delta < 1 (got 3/2)");
  CHECK(variant("mode = \"n_star\"", "mode = \"fast\"") ==
        file + ":5: key mode: 'fast' is not one of n_star, verdict, rate, worst_target");
  CHECK(variant("trials = 200", "trials = \"many\"") ==
        file + ":14: key trials: expected an integer");
  CHECK(variant("reading = \"T2/L1\"", "reading = \"T2/L2\"") ==
        file + ":4: key reading: 'T2/L2' is not a reading of T2 (known: T2/L1)");
  CHECK(variant("m = 2\n", "") == file + ":7: key m: T2/L1 in mode n_star needs it in [grid]");
  CHECK(variant("eps = \"0.3\"", "eps = \"3/0\"") == file + ":10: key eps: '3/0' divides by zero");
  CHECK_THAT(variant("name = \"small\"", "name = \"../x\""),
             Catch::StartsWith(file + ":2: key name: '../x' is not a plain name"));
  CHECK_THAT(variant("name = \"small\"", "name = \"/tmp/x\""),
             Catch::StartsWith(file + ":2: key name: '/tmp/x' is not a plain name"));
  CHECK_THAT(variant("[fit]", "[fit"),
             Catch::StartsWith(file + ":18: Error while parsing table header"));  // TOML syntax
  const std::string t5 = R"([case]
name = "t5"
theorem = "T5"
reading = "T5/min-distance"
mode = "n_star"
[grid]
V = 10
l = [2, 4]
eps = "0.1"
delta = "0.05"
)";
  CHECK(error_of(write(dir, "t5.toml", t5)) ==
        (dir / "t5.toml").string() +
            ":8: key l: V^l = 100 sequences; T5/min-distance takes at most 64 "
            "(at V=10, l=2, eps=1/10, delta=1/20)");
  std::string verdict = kSmallCase;
  verdict.replace(verdict.find("mode = \"n_star\""), 15, "mode = \"verdict\"");
  verdict.replace(verdict.find("trials = 200"), 12,
                  "trials = 200\nn_from_bound = \"T2/mcdairmid\"");
  CHECK_THAT(
      error_of(write(dir, "verdict.toml", verdict)),
      Catch::EndsWith(
          ":15: key n_from_bound: 'T2/mcdairmid' is not a bound of reading T2/L1 (known: "
          "T2/paper, T2/paper-a2-literal, T2/weissman, T2/mcdiarmid, T2/expected-l1-lower)"));
  CHECK(error_of(dir / "missing.toml") ==
        (dir / "missing.toml").string() + ": cannot open the case file (no such file)");
  fs::remove_all(dir);
}

TEST_CASE("only a regular, small file is read as a case file", "[cases][input]") {
  const auto dir = scratch("files");
  // A folder once read as an empty file ("the [case] table is missing"), a pipe
  // blocked forever, and /dev/zero ran out of memory.
  CHECK(error_of(dir) == dir.string() + ": is a folder, not a case file");
  REQUIRE(::mkfifo((dir / "pipe.toml").c_str(), 0644) == 0);
  CHECK_THAT(error_of(dir / "pipe.toml"), Catch::EndsWith("is not a regular file (a device or a "
                                                          "pipe?), not a case file"));
  CHECK_THAT(error_of("/dev/zero"), Catch::StartsWith("/dev/zero: is not a regular file"));
  const auto big = write(dir, "big.toml", kSmallCase + "# " + std::string(2 << 20, 'x') + "\n");
  CHECK_THAT(error_of(big), Catch::EndsWith("bytes; a case file may have at most 1048576 (1 MiB)"));
  fs::remove_all(dir);
}

TEST_CASE("a TOML syntax error names the key of its line when it has one", "[cases][input]") {
  auto error_with = [](const std::string& from, const std::string& to) {
    std::string text = kSmallCase;
    text.replace(text.find(from), from.size(), to);
    try {
      case_file_from_text(text, "syntax.toml");
    } catch (const CaseError& error) {
      return std::string(error.what());
    }
    return std::string("(accepted)");
  };
  CHECK_THAT(error_with("seed = 42", "seed = 18446744073709551616"),
             Catch::StartsWith("syntax.toml:15: key seed: ") &&
                 Catch::Contains("not representable in 64 bits"));
  CHECK_THAT(error_with("m = 2", "m = 2\nm = 3"),
             Catch::StartsWith("syntax.toml:10: key m: ") && Catch::Contains("redefine"));
  CHECK_THAT(error_with("name = \"small\"", "name = \"caf\xe9\""),
             Catch::StartsWith("syntax.toml:2: key name: ") && Catch::Contains("utf-8"));
  CHECK_THAT(error_with("[fit]", "[fit"), Catch::StartsWith("syntax.toml:18: Error while parsing"));
}

TEST_CASE("seeds take every value --seed takes, words and long numbers are refused",
          "[cases][input]") {
  auto load_with = [](const std::string& from, const std::string& to) {
    std::string text = kSmallCase;
    text.replace(text.find(from), from.size(), to);
    return case_file_from_text(text, "seed.toml");
  };
  // TOML integers end at 2^63 - 1; a string carries the rest of the 64-bit seeds.
  CHECK(load_with("seed = 42", "seed = \"18446744073709551615\"").run.seed ==
        18446744073709551615ULL);
  CHECK(load_with("seed = 42", "seed = 9223372036854775807").run.seed == 9223372036854775807ULL);
  CHECK_THROWS_WITH(load_with("seed = 42", "seed = \"18446744073709551616\""),
                    "seed.toml:15: key seed: must be an integer from 0 to 18446744073709551615 "
                    "(got 18446744073709551616)");
  CHECK_THROWS_WITH(load_with("seed = 42", "seed = -1"),
                    "seed.toml:15: key seed: must be >= 0 (got -1)");
  CHECK_THROWS_WITH(load_with("seed = 42", "seed = \"1/2\""),
                    Catch::StartsWith("seed.toml:15: key seed: must be an integer"));
  CHECK_THROWS_WITH(load_with("m = 2", "m = \"three\""),
                    "seed.toml:9: key m: 'three' is not a number");
  CHECK_THROWS_WITH(load_with("eps = \"0.3\"", "eps = \"0." + std::string(2000, '3') + "\""),
                    "seed.toml:10: key eps: a number written with 2002 characters; at most 1000");
  // 400 digits are fine: exact, and never a null or an inf in the results.
  const CaseFile c = load_with("eps = \"0.3\"", "eps = \"0." + std::string(400, '3') + "\"");
  CHECK_THAT(c.cells[0].describe(),
             Catch::Contains("eps=about 3.3e-1 (an exact number of 802 characters)"));
}

TEST_CASE("a value the theory cannot evaluate is refused when the file is read", "[cases][input]") {
  // eps = 1e-400 passed the key's range (0 < eps < 2) and then failed in the bounds,
  // as an internal error (exit 1) that left FOLDER.incomplete behind.
  auto with = [](const std::string& from, const std::string& to) {
    std::string text = kSmallCase;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  CHECK_THROWS_WITH(case_file_from_text(with("eps = \"0.3\"", "eps = \"1e-400\""), "tiny.toml"),
                    Catch::StartsWith("tiny.toml:10: key eps: eps must be >= 1e-100, where the "
                                      "bounds stay finite") &&
                        Catch::Contains("(at V=3, m=2, eps=about 1.0e-400"));
  CHECK_THROWS_WITH(case_file_from_text(with("delta = 0.1", "delta = \"1e-101\""), "tiny.toml"),
                    Catch::StartsWith("tiny.toml:11: key delta: delta must be >= 1e-100"));
}

TEST_CASE("work beyond the limits is refused before anything runs, with its estimate",
          "[cases][input]") {
  auto error_with = [](std::string text) {
    try {
      case_file_from_text(std::move(text), "work.toml");
    } catch (const CaseError& error) {
      return std::string(error.what());
    }
    return std::string("(accepted)");
  };
  auto replaced = [](std::vector<std::pair<std::string, std::string>> edits) {
    std::string text = kSmallCase;
    for (const auto& [from, to] : edits) text.replace(text.find(from), from.size(), to);
    return text;
  };
  // V = 2^24 with m = 2^20 contexts: 2^44 counts per trial, once std::bad_alloc (exit 1).
  CHECK(error_with(replaced({{"V = [3, 6]", "V = 16777216"}, {"m = 2\n", "m = 1048576\n"}})) ==
        "work.toml:8: key V: a trial would draw and compare m x V = 1048576 x 16777216 = "
        "1.76e+13 numbers (at V=16777216, m=1048576, eps=3/10, delta=1/10), above the limit of "
        "8388608 (2^23) per trial");
  CHECK_THAT(error_with(replaced({{"V = [3, 6]", "V = 16"}, {"m = 2\n", "m = 1048576\n"}})),
             Catch::StartsWith("work.toml:9: key m: a trial would draw"));
  // Within each trial's limit, but 40 evaluations x 10^8 trials x 2^20 numbers in all.
  CHECK(error_with(replaced({{"V = [3, 6]", "V = 1048576"},
                             {"m = 2\n", "m = 1\n"},
                             {"trials = 200", "trials = 100000000"}})) ==
        "work.toml:14: key trials: the case could draw 4.2e+15 numbers (1 cells, at most "
        "100000000 trials x 40 evaluations each), above the limit of 1e+12; lower trials or "
        "narrow the grid");
  // Each thread draws its own trial's counts: 1024 threads at 2^23 numbers is 69 GB.
  CHECK(error_with(replaced({{"V = [3, 6]", "V = 8388608"},
                             {"m = 2\n", "m = 1\n"},
                             {"trials = 200", "trials = 200\nthreads = 1024"}})) ==
        "work.toml:15: key threads: 1024 threads would hold about 69 GB at V=8388608, m=1, "
        "eps=3/10, delta=1/10 (V = 8388608 = 8.39e+06 numbers a trial, each thread its own), "
        "above the limit of 4 GB; use fewer threads");
  CHECK(error_with(replaced({{"V = [3, 6]", "V = 8388608"},
                             {"m = 2\n", "m = 1\n"},
                             {"trials = 200", "trials = 200\nthreads = 16"}})) == "(accepted)");
  // Replays: 10^9 of them per cell ran for ever; a prompt of 10^9 tokens too (T^2).
  CHECK(error_with(replaced({{"replay_max_tokens = 400", "replay_trials = 1000000000"}})) ==
        "work.toml:16: key replay_trials: must be <= 1000 (got 1000000000)");
  CHECK_THAT(error_with(replaced({{"replay_max_tokens = 400", "replay_max_tokens = 1000000000"}})),
             Catch::StartsWith("work.toml:16: key replay_max_tokens: must be <= 100000 (got "
                               "1000000000)"));
  CHECK(error_with(replaced(
            {{"replay_max_tokens = 400", "replay_max_tokens = 100000\nreplay_trials = 1000"}})) ==
        "work.toml:17: key replay_trials: the replays could cost 2e+13 token pairs (2 cells x "
        "1000 replays x 100000^2 tokens), above the limit of 1e+13; lower replay_trials or "
        "replay_max_tokens");
  // T1/gd-exact: 1000 queries x 64 exact layers over 4097 rows ran for hours a trial.
  const std::string gd = R"([case]
name = "gd"
theorem = "T1"
reading = "T1/gd-exact"
mode = "rate"
[grid]
d = 3
n = 4096
K = 64
delta = "0.05"
[target]
queries = 1000
[run]
trials = 100
)";
  CHECK(error_with(gd) ==
        "work.toml:14: key trials: the case could draw 7.5e+14 numbers (1 cells, at most 100 "
        "trials x 1 evaluations each), above the limit of 1e+12; lower trials or narrow the grid");
  // T4/soft-label-mean holds N x d coordinates a trial.
  const std::string t4 = R"([case]
name = "t4"
theorem = "T4"
reading = "T4/soft-label-mean"
mode = "rate"
[grid]
d = 64
N = 1048576
k = 10
delta = "0.05"
)";
  CHECK_THAT(error_with(t4),
             Catch::StartsWith("work.toml:8: key N: a trial would draw and compare N x d = "
                               "1048576 x 64, ranked for q = 1 queries = 6.71e+07 numbers"));
  // T5 literal over a random half of V^l: a trial draws its n samples one by one.
  const std::string half = R"([case]
name = "half"
theorem = "T5"
reading = "T5/literal-L1-minimax"
mode = "rate"
[grid]
V = 2
l = 40
n = 9007199254740992
delta = 0.1
)";
  CHECK_THAT(error_with(half),
             Catch::StartsWith("work.toml:9: key n: a trial would draw and compare n = "
                               "9007199254740992"));
  // A verdict's n taken from a bound is counted at that n.
  CHECK_THAT(error_with(replaced({{"mode = \"n_star\"", "mode = \"verdict\""},
                                  {"V = [3, 6]", "V = 3"},
                                  {"[fit]\nx = \"V\"\n", ""},
                                  {"trials = 200",
                                   "trials = 200\nn_from_bound = "
                                   "\"T2/mcdiarmid\"\nn_factor = 1"}})),
             Catch::Equals("(accepted)"));
  // The limits hold for every shipped case with room to spare (they load, above).
  const CaseFile c = case_file_from_text(kSmallCase, "small.toml");
  engine::RunSettings more = c.run;
  more.trials = engine::kMaxTrials;
  CHECK_NOTHROW(check_work(c, more));  // (6 + 12 numbers) x 10^8 trials x 40 evaluations
  more.max_evaluations = 1000;
  CHECK_THROWS_WITH(check_work(c, more), Catch::Contains("the case could draw 1.8e+12 numbers"));
}

TEST_CASE("target laws are drawn in double: their parameters stay where a double means them",
          "[cases][input]") {
  auto error_with = [](const std::string& target) {
    try {
      case_file_from_text(kSmallCase + "\n[target]\n" + target, "law.toml");
    } catch (const CaseError& error) {
      return std::string(error.what());
    }
    return std::string("(accepted)");
  };
  // alpha = 1e-4 hung (every gamma draw 0, the weights NaN); 1e400 was infinite.
  CHECK(error_with("kind = \"dirichlet\"\nalpha = \"1e-4\"\n") ==
        "law.toml:23: key alpha: must satisfy 1/20 <= alpha <= 1000000 (got 1/10000)");
  CHECK_THAT(error_with("kind = \"dirichlet\"\nalpha = \"1e400\"\n"),
             Catch::StartsWith("law.toml:23: key alpha: must satisfy"));
  // s = 1e-400 was 0 in double, 1e400 infinite ("zipf(s=inf)").
  CHECK_THAT(error_with("kind = \"zipf\"\ns = \"1e-400\"\n"),
             Catch::StartsWith("law.toml:23: key s: must satisfy 1/1000 <= s <= 100"));
  CHECK_THAT(error_with("kind = \"zipf\"\ns = \"1e400\"\n"),
             Catch::StartsWith("law.toml:23: key s: must satisfy"));
  CHECK(error_with("kind = \"dirichlet\"\nalpha = \"1/20\"\n") == "(accepted)");
  CHECK(error_with("kind = \"zipf\"\ns = 100\n") == "(accepted)");
}

TEST_CASE("a key of [target] at fault is named at its table", "[cases][input]") {
  std::string text = kSmallCase + "\n[target]\nkind = \"sparse\"\n";
  CHECK_THROWS_WITH(case_file_from_text(text, "target.toml"),
                    "target.toml:21: key support: a sparse law needs its support (at V=3, m=2, "
                    "eps=3/10, delta=1/10)");
  text += "support = 5\n";
  CHECK_THROWS_WITH(case_file_from_text(text, "target.toml"),
                    "target.toml:23: key support: must be <= 3 outcomes (got 5) (at V=3, m=2, "
                    "eps=3/10, delta=1/10)");
}

TEST_CASE("a suite includes case files only: no folder, no suite, not itself", "[cases][input]") {
  const auto dir = scratch("suites");
  write(dir, "case.toml", kSmallCase);
  fs::create_directories(dir / "folder");
  auto suite_error = [&](const std::string& include) {
    const auto path =
        write(dir, "suite.toml", "[suite]\nname = \"s\"\ninclude = [\"" + include + "\"]\n");
    try {
      load_suite_file(path);
    } catch (const CaseError& error) {
      return std::string(error.what());
    }
    return std::string("(accepted)");
  };
  const std::string at = (dir / "suite.toml").string() + ":3: key include: ";
  CHECK(suite_error("case.toml") == "(accepted)");
  CHECK(suite_error("folder") == at + (dir / "folder").string() + " is a folder, not a case file");
  CHECK(suite_error("suite.toml") ==
        at + (dir / "suite.toml").string() +
            " is this suite itself: a suite includes case files, not suites");
  write(dir, "other.toml", "[suite]\nname = \"o\"\ninclude = [\"suite.toml\"]\n");
  CHECK(suite_error("other.toml") == at + (dir / "other.toml").string() +
                                         " is a suite: a suite includes case files, not suites");
  CHECK(suite_error("missing.toml") == at + (dir / "missing.toml").string() + " does not exist");
  fs::remove_all(dir);
}

TEST_CASE("run settings beyond what the engine counts are refused, not wrapped", "[cases][input]") {
  auto error_with = [](const std::string& from, const std::string& to) {
    std::string text = kSmallCase;
    text.replace(text.find(from), from.size(), to);
    try {
      case_file_from_text(text, "big.toml");
    } catch (const CaseError& error) {
      return std::string(error.what());
    }
    return std::string("(accepted)");
  };
  // 2^32 + 1 threads once became 1 thread (an int cast), 2^31 a negative count.
  CHECK(error_with("seed = 42", "threads = 4294967297") ==
        "big.toml:15: key threads: must be <= 1024 (got 4294967297)");
  CHECK(error_with("seed = 42", "threads = 2147483648") ==
        "big.toml:15: key threads: must be <= 1024 (got 2147483648)");
  CHECK(error_with("seed = 42", "n_max = 4611686018427387904") ==
        "big.toml:15: key n_max: must be <= 2^53 = 9007199254740992 (got 4611686018427387904)");
  CHECK(error_with("seed = 42", "max_evaluations = 4294967297") ==
        "big.toml:15: key max_evaluations: must be <= 1000 (got 4294967297)");
  CHECK(error_with("seed = 42", "threads = 1024") == "(accepted)");
}

TEST_CASE("a float beyond int64 is read exactly, never cast to an integer", "[cases][input]") {
  // Found by fuzz/case_file_fuzz (corpus: finding-float-beyond-int64.toml): toml++
  // cast the float to int64 when asked for an integer, undefined past 2^63.
  // Read exactly, then refused by alpha's range (<= 10^6) with the exact value.
  CHECK_THROWS_WITH(
      case_file_from_text(kSmallCase + "\n[target]\nkind = \"dirichlet\"\nalpha = 5.5e92\n",
                          "float.toml"),
      "float.toml:23: key alpha: must satisfy 1/20 <= alpha <= 1000000 (got 55" +
          std::string(91, '0') + ")");
}

TEST_CASE("a grid of more than 100000 cells is refused before it is expanded", "[cases][input]") {
  std::string text = kSmallCase;
  text.replace(text.find("V = [3, 6]"), 10, "V = {from = 2, to = 2000, step = 1}");
  text.replace(text.find("\nm = 2\n"), 7, "\nm = {from = 1, to = 2000, step = 1}\n");
  CHECK_THROWS_WITH(case_file_from_text(text, "grid.toml"),
                    "grid.toml:9: key m: the grid would have 4e+06 cells (1999 V x 2000 m), above "
                    "the limit of 100000 cells");
  // 10^4 x 10^4 x 10^4 is counted without overflow, before anything is expanded.
  std::string cube = text;
  cube.replace(cube.find("V = {from = 2, to = 2000"), 24, "V = {from = 2, to = 10001");
  cube.replace(cube.find("m = {from = 1, to = 2000"), 24, "m = {from = 1, to = 10000");
  cube.replace(cube.find("eps = \"0.3\""), 11,
               "eps = {from = \"1/10001\", to = \"10000/10001\", step = \"1/10001\"}");
  CHECK_THROWS_WITH(case_file_from_text(cube, "cube.toml"),
                    Catch::StartsWith("cube.toml:8: key V: the grid would have 1e+12 cells"));
  text.replace(text.find("to = 2000, step = 1}\nm"), 9, "to = 10");
  CHECK(case_file_from_text(text, "grid.toml").cells.size() == 9 * 2000);
}

TEST_CASE("a verdict size past 2^53 (n_factor x bound) is refused, not cast", "[cases][input]") {
  std::string text = kSmallCase;
  text.replace(text.find("mode = \"n_star\""), 15, "mode = \"verdict\"");
  text.replace(text.find("V = [3, 6]"), 10, "V = 3");
  text.replace(text.find("[fit]\nx = \"V\"\n"), 16, "");
  text.replace(text.find("trials = 200"), 12,
               "trials = 200\nn_from_bound = \"T2/mcdiarmid\"\nn_factor = \"1e300\"");
  // Refused when the file is read, naming its line (every cell's bound is evaluated then).
  CHECK_THROWS_WITH(case_file_from_text(text, "huge.toml"),
                    Catch::StartsWith("huge.toml:16: key n_factor: n = ceil(about 1.0e+300") &&
                        Catch::Contains("is not a sample size in [1, 2^53]"));
  // And by the mode itself, should settings change after loading.
  text.replace(text.find("n_factor = \"1e300\""), 18, "n_factor = 1");
  CaseFile c = case_file_from_text(text, "huge.toml");
  c.run.n_factor = parse_rational("1e300");
  CHECK_THROWS_WITH(evaluate_cell(c, c.cells.at(0)),
                    Catch::Contains("ceil(about 1.0e+300") &&
                        Catch::Contains("is not a sample size in [1, 2^53]"));
}

TEST_CASE("results are the same bytes for 1 and 2 threads", "[cases][threads]") {
  const auto dir = scratch("threads");
  const CaseFile c = load_case_file(write(dir, "small.toml", kSmallCase));
  const RunOptions one = options_for(dir / "one", 1);
  const RunOptions two = options_for(dir / "two", 2);
  run_case(c, one);
  run_case(c, two);
  for (const char* file : {"results.json", "results.csv", "summary.md"}) {
    INFO(file);
    CHECK(read(dir / "one" / file) == read(dir / "two" / file));
    CHECK_FALSE(read(dir / "one" / file).empty());
  }
  fs::remove_all(dir);
}

TEST_CASE("an interrupted run resumes from its log and ends with the same results",
          "[cases][resume]") {
  const auto dir = scratch("resume");
  const CaseFile c = load_case_file(write(dir, "small.toml", kSmallCase));
  run_case(c, options_for(dir / "full", 1));
  // Simulate an interruption after the first cell, mid-way through writing the second.
  const std::string log = read(dir / "full" / "cells.jsonl");
  const std::string first_line = log.substr(0, log.find('\n') + 1);
  fs::create_directories(dir / "cut");
  std::ofstream(dir / "cut" / "cells.jsonl") << first_line << "{\"digest\": \"trunc";
  std::vector<std::string> progress;
  RunOptions resume = options_for(dir / "cut", 1, true);
  resume.progress = [&](std::size_t finished, std::size_t total, const std::string& line) {
    progress.push_back(std::to_string(finished) + "/" + std::to_string(total) + " " + line);
  };
  run_case(c, resume);
  REQUIRE(progress.size() == 2);
  CHECK_THAT(progress[0], Catch::StartsWith("1/2") && Catch::EndsWith("resumed"));
  CHECK_THAT(progress[1], Catch::StartsWith("2/2") && Catch::EndsWith("done"));
  CHECK(read(dir / "cut" / "results.json") == read(dir / "full" / "results.json"));
  fs::remove_all(dir);
}

TEST_CASE("shipped verdict cases: a quarter of McDiarmid is VIOLATED, McDiarmid HOLDS",
          "[cases][verdict]") {
  const auto quarter = load_case_file(kCases / "t2_bound_quarter.toml");
  CHECK(evaluate_cell(quarter, quarter.cells.at(0)).verdict()->verdict == stats::Verdict::violated);
  const auto full = load_case_file(kCases / "t2_bound_full.toml");
  CHECK(evaluate_cell(full, full.cells.at(0)).verdict()->verdict == stats::Verdict::holds);
}

TEST_CASE("shipped T5 counterexample: VIOLATED, with the exact error above the floor",
          "[cases][t5]") {
  const auto c = load_case_file(kCases / "t5_literal_counterexample.toml");
  const auto row = evaluate_cell(c, c.cells.at(0));
  const auto* verdict = row.verdict();
  REQUIRE(verdict);
  CHECK(verdict->verdict == stats::Verdict::violated);
  CHECK(verdict->n == 5405);
  const Rational error = verdict->error_trial_0;
  REQUIRE(verdict->facts.size() == 1);
  CHECK(verdict->facts[0].name == "l1_floor");
  const Rational floor = verdict->facts[0].value;
  CHECK(floor == 2 * (1 - Rational(5405, 125000)));
  CHECK(error >= floor);
}

TEST_CASE("shipped eps/delta case: the constant-1 T2 formula is found insufficient at large delta",
          "[cases][finding]") {
  const auto c = load_case_file(kCases / "t2_eps_delta.toml");
  int insufficient = 0, sufficient = 0;
  for (const auto& cell : c.cells) {
    if (*cell.get("eps") != Rational(2, 5)) continue;  // the cheap cells
    const auto row = evaluate_cell(c, cell);
    const bool flagged = std::any_of(row.notes.begin(), row.notes.end(), [](const auto& note) {
      return note.find("the constant-1 formula is insufficient") != std::string::npos;
    });
    (flagged ? insufficient : sufficient) += 1;
    if (*cell.get("delta") == Rational(4, 5)) CHECK(flagged);
    if (*cell.get("delta") == Rational(1, 20)) CHECK_FALSE(flagged);
  }
  CHECK(insufficient >= 1);
  CHECK(sufficient >= 1);
}

TEST_CASE("cells along a swept axis share one target law (T1 rate: one law for every n)",
          "[cases][target]") {
  const auto c = load_case_file(kCases / "t1_rate.toml");
  std::map<std::string, std::set<std::string>> digests_by_v;
  for (const auto& cell : c.cells) {
    auto settings = c.run;
    settings.trials = 5;
    settings.replay_trials = 0;
    const auto row = cases::evaluate_cell(c, cell, settings);
    digests_by_v[to_string(*cell.get("V"))].insert(row.target_law.digest);
    CHECK_FALSE(row.target_law.values.empty());  // small laws are listed exactly
  }
  REQUIRE(digests_by_v.size() == 2);
  for (const auto& [v, digests] : digests_by_v) {
    INFO("V = " << v);
    CHECK(digests.size() == 1);
  }
}

TEST_CASE("a resume with other settings recomputes every cell, and says why", "[cases][resume]") {
  const auto dir = scratch("resume-settings");
  const CaseFile c = load_case_file(write(dir, "small.toml", kSmallCase));
  run_case(c, options_for(dir / "run", 1));
  RunOptions other = options_for(dir / "run", 1, true);
  other.seed = 43;  // another seed: none of the logged cells may be reused
  std::vector<std::string> progress, warnings;
  other.progress = [&](std::size_t, std::size_t, const std::string& line) {
    progress.push_back(line);
  };
  other.warning = [&](const std::string& message) { warnings.push_back(message); };
  run_case(c, other);
  REQUIRE(progress.size() == 2);
  for (const auto& line : progress) CHECK_THAT(line, Catch::EndsWith("done"));
  REQUIRE_FALSE(warnings.empty());
  CHECK_THAT(warnings.front(), Catch::Contains("from another case or settings"));
  fs::remove_all(dir);
}

namespace {

// The journal's row checksum: FNV-1a (64 bits) of the row's compact JSON, in hex.
std::string row_check(const std::string& row) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char ch : row) h = (h ^ ch) * 0x100000001b3ULL;
  return fmt::format("{:016x}", h);
}

}  // namespace

TEST_CASE("a hand-edited journal row is not reused: its cell is computed again, and said so",
          "[cases][resume][input]") {
  const auto dir = scratch("resume-edited");
  const CaseFile c = load_case_file(write(dir, "small.toml", kSmallCase));
  run_case(c, options_for(dir / "full", 1));
  const std::string log = read(dir / "full" / "cells.jsonl");
  std::vector<nlohmann::ordered_json> lines;
  for (std::size_t at = 0; at < log.size(); at = log.find('\n', at) + 1)
    lines.push_back(nlohmann::ordered_json::parse(log.substr(at, log.find('\n', at) - at)));
  REQUIRE(lines.size() == 2);
  const std::string key = lines[0]["digest"];
  CHECK(lines[0]["check"] == row_check(lines[0]["row"].dump()));

  auto edited_number = lines[1];  // a failure count changed, the checksum kept
  edited_number["row"]["evaluations"][0]["failures"] = 0;
  auto moved = lines[1];  // cell 1's row claimed for cell 0, with a fresh checksum
  moved["row"]["cell"] = 0;
  moved["check"] = row_check(moved["row"].dump());
  auto empty = nlohmann::ordered_json{{"digest", key}, {"row", nlohmann::ordered_json::object()}};
  empty["check"] = row_check(empty["row"].dump());
  fs::create_directories(dir / "edited");
  std::ofstream(dir / "edited" / "cells.jsonl")
      << "{\"digest\":\"" << key << "\",\"row\":{}}\n"  // no checksum
      << empty.dump() << "\n"
      << edited_number.dump() << "\n"
      << moved.dump() << "\n"
      << "[1, 2]\n";
  RunOptions resume = options_for(dir / "edited", 1, true);
  std::vector<std::string> warnings, progress;
  resume.warning = [&](const std::string& message) { warnings.push_back(message); };
  resume.progress = [&](std::size_t, std::size_t, const std::string& line) {
    progress.push_back(line);
  };
  run_case(c, resume);
  REQUIRE(warnings.size() == 5);
  CHECK_THAT(warnings[0], Catch::Contains("line 1: its checksum does not match"));
  CHECK_THAT(warnings[1], Catch::Contains("line 2: not a valid cell row"));
  CHECK_THAT(warnings[2], Catch::Contains("line 3: its checksum does not match"));
  CHECK_THAT(warnings[3], Catch::Contains("line 4: its parameters are not those of cell 0"));
  CHECK_THAT(warnings[4], Catch::Contains("line 5: not a journal line"));
  for (const auto& line : progress) CHECK_THAT(line, Catch::EndsWith("done"));
  CHECK(read(dir / "edited" / "results.json") == read(dir / "full" / "results.json"));
  fs::remove_all(dir);
}

TEST_CASE("an integer field holds an integer its type can hold, never one cast into it",
          "[cases][resume][input]") {
  const CaseFile c = case_file_from_text(kSmallCase, "small.toml");
  const auto row = results::to_json(evaluate_cell(c, c.cells.at(0)));
  auto with = [&](const std::string& key, const nlohmann::ordered_json& value) {
    auto edited = row;
    edited[key] = value;
    try {
      results::cell_result_from_json(edited, engine::Mode::n_star);
    } catch (const results::FormatError& error) {
      return std::string(error.what());
    }
    return std::string("(accepted)");
  };
  CHECK(with("n_star", row["n_star"]) == "(accepted)");
  // nlohmann::json converted 1e308 to int64 by a cast (undefined), 2^64 - 1 by wrapping.
  CHECK(with("n_star", 1e308) ==
        "field 'n_star' is not an integer from -9223372036854775808 to 9223372036854775807 (got "
        "1e+308)");
  CHECK_THAT(with("n_star", 18446744073709551615ULL),
             Catch::StartsWith("field 'n_star' is not an integer"));
  CHECK_THAT(with("n_star", 65.5), Catch::StartsWith("field 'n_star' is not an integer"));
  CHECK_THAT(with("cell", -1), Catch::StartsWith("field 'cell' is not an integer from 0 to"));
  CHECK(with("n_star", "65") ==
        "field 'n_star' is not an integer from -9223372036854775808 to "
        "9223372036854775807 (got \"65\")");
}

namespace {

// An experiment whose transformer disagrees with its fast path on every replay.
class WrongReference : public engine::Experiment {
 public:
  Rational error(std::int64_t, std::uint64_t) const override { return 0; }
  engine::ReplayOutcome replay(std::int64_t, std::uint64_t, std::int64_t) const override {
    throw engine::ReplayMismatch("trial 0: transformer output [1/2] != fast path [1/3]");
  }
  std::string engine() const override { return "wrong reference"; }
  std::string target_description() const override { return "none"; }
  engine::TargetLaw target_law() const override { return {"none", {}}; }
};

}  // namespace

TEST_CASE("a replay mismatch stops the run and writes no results", "[cases][replay]") {
  const auto dir = scratch("mismatch");
  CaseFile c = load_case_file(write(dir, "small.toml", kSmallCase));
  readings::Reading wrong = *c.reading;
  wrong.make_experiment = [](const readings::ExperimentRequest&) {
    return std::unique_ptr<engine::Experiment>(new WrongReference());
  };
  c.reading = &wrong;
  c.run.replay_trials = 1;
  CHECK_THROWS_AS(run_case(c, options_for(dir / "out", 2)), engine::ReplayMismatch);
  CHECK_FALSE(fs::exists(dir / "out" / "results.json"));
  fs::remove_all(dir);
}

TEST_CASE("every reading's row is consistent: keys, modes, law keys, slopes and experiment",
          "[cases][registry]") {
  for (const auto& reading : readings::all_readings()) {
    INFO("reading " << reading.id);
    CHECK(readings::find_reading(reading.id) == &reading);
    CHECK_FALSE(reading.modes.empty());
    // A reading with verdicts has an eps to compare errors with; every one a delta.
    if (reading.supports(engine::Mode::verdict)) CHECK(reading.grid_rule("eps") != nullptr);
    CHECK(reading.grid_rule("delta") != nullptr);
    int sample_keys = 0;
    for (const auto& rule : reading.grid) sample_keys += rule.sample_size ? 1 : 0;
    CHECK(sample_keys == 1);
    for (const auto& key : reading.law_keys) CHECK(reading.grid_rule(key) != nullptr);
    for (const auto& slope : reading.predicted_slopes) CHECK(reading.grid_rule(slope.x) != nullptr);
    // The eps range is the metric's: (0, 2) for L1, (0, 1) otherwise.
    if (const auto* eps = reading.grid_rule("eps"))
      CHECK(*eps->maximum == theory::metric_maximum(reading.metric));
    if (reading.bound_theorem) CHECK_FALSE(readings::compared_bounds(reading).empty());
  }
}

TEST_CASE("partial access keeps |D'| <= |D|/20, the regime the claim is about", "[cases][input]") {
  const auto dir = scratch("partial");
  const std::string text = R"([case]
name = "pa"
theorem = "partial-access"
reading = "partial/TV"
mode = "rate"
[grid]
V = 10
N = 1000
n = [10, 50, 51]
delta = 0.05
)";
  CHECK_THAT(
      error_of(write(dir, "pa.toml", text)),
      Catch::Contains(":9: key n: |D'| = n must be at most |D|/20") && Catch::Contains("n=51"));
  fs::remove_all(dir);
}

TEST_CASE(
    "worst_target mode: the hardest law found is never easier than the uniform law, and "
    "the V = 3 map covers the simplex",
    "[cases][worst]") {
  const auto c = load_case_file(kCases / "t2_worst_target_map.toml");
  const auto row = cases::evaluate_cell(c, c.cells.at(0), c.run);
  const auto* w = row.worst_target();
  REQUIRE(w);
  CHECK(w->exact);
  CHECK(w->n == 12);
  CHECK(w->uniform.value == Approx(0.070433).margin(1e-6));
  CHECK(w->worst.value >= w->uniform.value);
  CHECK(w->worst.value > 0.15);  // laws next to the uniform one fail far more often
  CHECK(w->worst_n_star.lower >= w->uniform_n_star.lower);
  CHECK(w->uniform_n_star.lower == w->uniform_n_star.upper);  // exact: 16
  CHECK(w->uniform_n_star.lower == 16);
  CHECK(w->map.size() == 31 * 32 / 2);  // every law of the grid of resolution 30
  // The typed result survives its JSON.
  const auto again =
      results::cell_result_from_json(results::to_json(row), engine::Mode::worst_target);
  CHECK(results::to_json(again) == results::to_json(row));
}

TEST_CASE("a paper size is insufficient only below the whole n* interval, rounded up",
          "[cases][findings]") {
  // n* lies in [18, 20] at the run's confidence: 18 itself may be n*.
  CHECK(detail::below_n_star_interval(16.2, 18));        // 17 < 18
  CHECK(detail::below_n_star_interval(17.0, 18));        // exactly 17
  CHECK_FALSE(detail::below_n_star_interval(17.2, 18));  // rounded up: 18, the lower end
  CHECK_FALSE(detail::below_n_star_interval(18.0, 18));
  CHECK_FALSE(detail::below_n_star_interval(19.5, 18));
}

TEST_CASE("the proven size is a rigorous sufficient bound rounded up, never down",
          "[cases][findings]") {
  // T4's Hoeffding size ln(2/delta)/(2 eps^2) = 184.4 at eps = 1/10, delta = 1/20.
  theory::Parameters p;
  p.set(theory::Param::eps, Rational(1, 10));
  p.set(theory::Param::delta, Rational(1, 20));
  const auto rows =
      theory::evaluate_bounds(theory::Theorem::T4, theory::validate(theory::Theorem::T4, p));
  const auto [size, id] = detail::proven_sufficient(rows);
  REQUIRE(id == "T4/hoeffding");
  CHECK(size == 185);
  for (const auto& row : rows) {
    if (row.bound->id != id) continue;
    const double value = detail::per_context(row);
    REQUIRE(value != std::floor(value));  // else rounding either way gives the same size
    CHECK(static_cast<double>(size) >= value);
    CHECK(static_cast<double>(size) < value + 1);
  }
}
