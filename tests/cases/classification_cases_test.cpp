// The classification readings (T3/0-1-realizable, T3/subset-max-margin,
// T4/soft-label-mean) and T1's exactness (T1/gd-exact) through case files: tiny cells
// end to end, verdicts that can fail, bad values refused naming file, line and key,
// bounds that prove nothing where their assumptions fail, and the shipped cases.
#include "sim/cases/case_runner.h"
#include "sim/cases/modes.h"
#include "sim/cases/suite_file.h"
#include "sim/engine/setting_error.h"
#include "sim/readings/reading.h"
#include "sim/results/results_json.h"
#include "tests/scratch_files.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace elicit;
using namespace elicit::cases;
namespace fs = std::filesystem;

namespace {

const fs::path kCases = fs::path(ELICIT_SOURCE_DIR) / "cases";

using testing::read;
using testing::scratch;
using testing::write;

// A case file from its tables' bodies.
std::string case_text(const std::string& reading, const std::string& theorem,
                      const std::string& mode, const std::string& grid,
                      const std::string& target = "", const std::string& run = "") {
  return "[case]\nname = \"c\"\ntheorem = \"" + theorem + "\"\nreading = \"" + reading +
         "\"\nmode = \"" + mode + "\"\n[grid]\n" + grid + "[target]\n" + target +
         "[run]\nseed = 5\nreplay_trials = 1\n" + run;
}

CaseFile load(const fs::path& dir, const std::string& text) {
  return load_case_file(write(dir, "c.toml", text));
}

std::string error_of(const fs::path& dir, const std::string& text) {
  try {
    load(dir, text);
  } catch (const CaseError& error) {
    return error.what();
  }
  return "(accepted)";
}

const engine::NamedValue* fact(const results::VerdictOutcome& v, const std::string& name) {
  const auto it =
      std::find_if(v.facts.begin(), v.facts.end(), [&](const auto& f) { return f.name == name; });
  return it == v.facts.end() ? nullptr : &*it;
}

const results::BoundComparison* bound(const results::CellResult& row, const std::string& id) {
  for (const auto& b : row.bounds) {
    if (b.id == id) return &b;
  }
  return nullptr;
}

bool has_note(const results::CellResult& row, const std::string& text) {
  return std::any_of(row.notes.begin(), row.notes.end(),
                     [&](const auto& note) { return note.find(text) != std::string::npos; });
}

const std::string kT3 = "T3/0-1-realizable";
const std::string kLattice = "law = \"lattice\"\nradius = 3\nboundary = \"origin\"\n";

}  // namespace

TEST_CASE("T3 end to end: an insufficient n is VIOLATED, a large one HOLDS, with exact facts",
          "[cases][t3]") {
  const auto dir = scratch("t3-verdict");
  const CaseFile c = load(
      dir, case_text(kT3, "T3", "verdict", "d = 2\nn = [2, 400]\neps = \"0.1\"\ndelta = \"0.05\"\n",
                     kLattice, "trials = 1000\n"));
  REQUIRE(c.cells.size() == 2);
  const auto small = evaluate_cell(c, c.cells[0]);
  REQUIRE(small.verdict());
  CHECK(small.verdict()->verdict == stats::Verdict::violated);  // two examples cannot do it
  CHECK(small.verdict()->n == 2);
  const auto large = evaluate_cell(c, c.cells[1]);
  const auto* v = large.verdict();
  REQUIRE(v);
  CHECK(v->verdict == stats::Verdict::holds);
  REQUIRE(fact(*v, "perceptron_cap_hits"));
  CHECK(fact(*v, "perceptron_cap_hits")->value == 0);
  REQUIRE(fact(*v, "perceptron_mistake_bound"));
  CHECK(fact(*v, "accepted_fraction")->value == 1);
  CHECK(bound(large, "T3/paper"));
  CHECK(bound(large, "T3/behw-implicit"));
  CHECK(bound(large, "T3/behw-implicit")->caveat.empty());
  CHECK_THAT(large.engine, Catch::Contains("exact disagreement over 49 points"));
  CHECK_THAT(large.replay, Catch::Contains("weights equal"));
  // The typed row survives its JSON, facts and all.
  const auto again = results::cell_result_from_json(results::to_json(large), engine::Mode::verdict);
  CHECK(results::to_json(again) == results::to_json(large));
  fs::remove_all(dir);
}

TEST_CASE("T3 end to end: n* between the EHKV dimension term and BEHW, slope fitted",
          "[cases][t3]") {
  const auto dir = scratch("t3-nstar");
  const CaseFile c =
      load(dir, case_text(kT3, "T3", "n_star", "d = [1, 2]\neps = \"0.2\"\ndelta = \"0.1\"\n",
                          kLattice, "trials = 400\nmax_evaluations = 14\n") +
                    "[fit]\nx = \"d\"\n");
  const auto out = scratch("t3-nstar-out");
  RunOptions options;
  options.out = out;
  options.threads = 2;
  const auto result = run_case(c, options);
  REQUIRE(result.cells.size() == 2);
  for (const auto& row : result.cells) {
    const auto* s = row.n_star();
    REQUIRE(s);
    CHECK(s->lower >= 2);
    CHECK(static_cast<double>(s->upper) <= bound(row, "T3/behw-implicit")->value + 1);
    CHECK(bound(row, "T3/ehkv-lower-dimension")->value < static_cast<double>(s->upper));
    CHECK(bound(row, "T3/paper")->ratio_to_n_star);
  }
  REQUIRE(result.fits.size() == 1);
  CHECK(result.fits[0].expected == 1);  // the registry's predicted slope in d
  const std::string csv = read(out / "results.csv");
  CHECK_THAT(csv, Catch::Contains("ratio_t3_behw_implicit"));
  CHECK(fs::exists(out / "tables" / "c.tex"));
  CHECK(fs::exists(out / "plots" / "n_star_vs_d.svg"));
  fs::remove_all(dir);
  fs::remove_all(out);
}

TEST_CASE("T3: a perceptron that can stop at its cap counts failures and proves nothing by BEHW",
          "[cases][t3][cap]") {
  const auto dir = scratch("t3-cap");
  const std::string target = kLattice + "max_updates = 2\n";
  const CaseFile verdict =
      load(dir, case_text(kT3, "T3", "verdict", "d = 2\nn = 40\neps = \"0.5\"\ndelta = \"0.1\"\n",
                          target, "trials = 400\n"));
  const auto row = evaluate_cell(verdict, verdict.cells[0]);
  const auto* v = row.verdict();
  REQUIRE(v);
  // Capped runs are failures, whatever their error (eps = 1/2 would pass most).
  REQUIRE(fact(*v, "perceptron_cap_hits"));
  CHECK(fact(*v, "perceptron_cap_hits")->value > 0);
  CHECK(v->failures >= fact(*v, "perceptron_cap_hits")->value);
  CHECK(v->verdict == stats::Verdict::violated);
  // BEHW assumes a consistent learner: its sizes carry a caveat and do not start a search.
  CHECK_THAT(bound(row, "T3/behw-implicit")->caveat, Catch::Contains("consistent learner"));
  CHECK(has_note(row, "T3/behw-implicit proves nothing here"));
  const CaseFile search =
      load(dir, case_text(kT3, "T3", "n_star", "d = 2\neps = \"0.5\"\ndelta = \"0.1\"\n", target,
                          "trials = 200\nn_max = 64\nmax_evaluations = 8\n"));
  try {
    (void)evaluate_cell(search, search.cells[0]);
    FAIL("the search should not find the rate <= delta at n_max");
  } catch (const engine::SettingError& error) {
    CHECK(error.key() == "n_max");
  }
  fs::remove_all(dir);
}

TEST_CASE("T3 on the Gaussian: sampled errors decide through the Clopper-Pearson bracket",
          "[cases][t3]") {
  const auto dir = scratch("t3-gauss");
  const CaseFile c = load(
      dir, case_text(kT3, "T3", "verdict", "d = 3\nn = [3, 300]\neps = \"0.1\"\ndelta = \"0.1\"\n",
                     "law = \"gaussian\"\nbits = 6\nmargin = \"1/10\"\ntest_points = 4000\n",
                     "trials = 400\n"));
  const auto small = evaluate_cell(c, c.cells[0]);
  const auto large = evaluate_cell(c, c.cells[1]);
  CHECK(small.verdict()->verdict == stats::Verdict::violated);
  CHECK(large.verdict()->verdict == stats::Verdict::holds);
  CHECK_THAT(large.engine, Catch::Contains("Clopper-Pearson"));
  fs::remove_all(dir);
}

TEST_CASE("T3 subset reading: max-margin HOLDS exactly, the perceptron on the basis does not",
          "[cases][t3][subset]") {
  const auto dir = scratch("subset");
  const std::string grid = "d = 3\nn = 8\neps = \"1/100\"\ndelta = \"0.05\"\n";
  const std::string target = "law = \"lattice\"\nradius = 4\nboundary = \"origin\"\n";
  const CaseFile exact =
      load(dir, case_text("T3/subset-max-margin", "T3", "verdict", grid,
                          target + "learner = \"max-margin\"\n", "trials = 400\n"));
  const auto held = evaluate_cell(exact, exact.cells[0]);
  CHECK(held.verdict()->verdict == stats::Verdict::holds);
  CHECK(held.verdict()->failures == 0);
  CHECK(fact(*held.verdict(), "subset_separator_differs")->value == 0);
  CHECK(bound(held, "T3/support-vectors")->value == 4);
  const CaseFile contrast =
      load(dir, case_text("T3/subset-max-margin", "T3", "verdict", grid,
                          target + "learner = \"perceptron\"\n", "trials = 400\n"));
  const auto broken = evaluate_cell(contrast, contrast.cells[0]);
  CHECK(broken.verdict()->verdict == stats::Verdict::violated);
  // The learner is a method key: both cases see the same target.
  CHECK(broken.target_law.digest == held.target_law.digest);
  fs::remove_all(dir);
}

TEST_CASE("T4 end to end: k* at zero bias, and the neighbour bias that Hoeffding cannot cover",
          "[cases][t4]") {
  const auto dir = scratch("t4");
  const std::string flat =
      "law = \"lattice\"\nradius = 4\nlink = \"clipped-linear\"\nslope = 0\noffset = \"1/2\"\n";
  const CaseFile search =
      load(dir, case_text("T4/soft-label-mean", "T4", "n_star",
                          "d = 2\nN = 400\nq = 1\neps = \"0.2\"\ndelta = \"0.1\"\n", flat,
                          "trials = 400\nmax_evaluations = 14\n"));
  const auto row = evaluate_cell(search, search.cells[0]);
  const auto* s = row.n_star();
  REQUIRE(s);
  CHECK(static_cast<double>(s->upper) <=
        bound(row, "T4/hoeffding")->value + 1);  // Hoeffding proves it here
  CHECK(bound(row, "T4/hoeffding")->caveat.empty());
  CHECK(s->lower > 5);
  // A steep link: total error VIOLATED at k where the sampling term HOLDS, on one target.
  const std::string steep = "law = \"lattice\"\nradius = 10\nslope = \"1/2\"\n";
  const std::string grid = "d = 2\nN = 1000\nq = 10\nk = 300\neps = \"0.1\"\ndelta = \"0.05\"\n";
  const CaseFile total = load(dir, case_text("T4/soft-label-mean", "T4", "verdict", grid,
                                             steep + "measure = \"total\"\n", "trials = 1000\n"));
  const CaseFile sampling =
      load(dir, case_text("T4/soft-label-mean", "T4", "verdict", grid,
                          steep + "measure = \"sampling\"\n", "trials = 1000\n"));
  const auto biased = evaluate_cell(total, total.cells[0]);
  const auto noise = evaluate_cell(sampling, sampling.cells[0]);
  CHECK(biased.verdict()->verdict == stats::Verdict::violated);
  CHECK(noise.verdict()->verdict == stats::Verdict::holds);
  CHECK(biased.target_law.digest == noise.target_law.digest);
  CHECK(fact(*biased.verdict(), "largest_neighbour_bias")->value > Rational(1, 10));
  CHECK_THAT(bound(biased, "T4/hoeffding-queries")->caveat, Catch::Contains("neighbour-bias"));
  // The sampling term is covered by the union bound over the q queries only.
  CHECK(bound(noise, "T4/hoeffding-queries")->caveat.empty());
  CHECK_THAT(bound(noise, "T4/hoeffding")->caveat, Catch::Contains("q = 10 queries"));
  // k = 1: one label per query cannot estimate p(x) within 0.2.
  const CaseFile one =
      load(dir, case_text("T4/soft-label-mean", "T4", "verdict",
                          "d = 2\nN = 400\nk = 1\neps = \"0.2\"\ndelta = \"0.1\"\n", flat,
                          "trials = 400\n"));
  CHECK(evaluate_cell(one, one.cells[0]).verdict()->verdict == stats::Verdict::violated);
  fs::remove_all(dir);
}

TEST_CASE("T4: a search whose bounds prove nothing stops at k = N and says so", "[cases][t4]") {
  const auto dir = scratch("t4-limit");
  const CaseFile c =
      load(dir, case_text("T4/soft-label-mean", "T4", "n_star",
                          "d = 2\nN = 200\nq = 10\neps = \"0.05\"\ndelta = \"0.05\"\n",
                          "law = \"lattice\"\nradius = 10\nslope = \"1/2\"\n", "trials = 300\n"));
  try {
    (void)evaluate_cell(c, c.cells[0]);
    FAIL("a biased total error cannot hold at k = N");
  } catch (const engine::SettingError& error) {
    CHECK(error.key() == "n_max");
    CHECK_THAT(std::string(error.what()),
               Catch::Contains("n = 200") && Catch::Contains("k <= N = 200"));
  }
  fs::remove_all(dir);
}

TEST_CASE("T1 exactness end to end: eps = 0 HOLDS, with the double drift beside it",
          "[cases][t1]") {
  const auto dir = scratch("t1");
  const CaseFile c = load(dir, case_text("T1/gd-exact", "T1", "verdict",
                                         "d = 2\nn = 6\nK = [1, 2]\neps = 0\ndelta = \"0.05\"\n",
                                         "", "trials = 1000\n"));
  for (const auto& cell : c.cells) {
    const auto row = evaluate_cell(c, cell);
    const auto* v = row.verdict();
    REQUIRE(v);
    CHECK(v->verdict == stats::Verdict::holds);
    CHECK(v->failures == 0);
    CHECK(v->error_trial_0 == 0);
    CHECK(fact(*v, "largest_exact_difference")->value == 0);
    CHECK(fact(*v, "largest_double_drift")->value > 0);
    CHECK(fact(*v, "largest_double_drift")->value < Rational(1, 1000000000));
    CHECK(row.bounds.empty());
    CHECK_THAT(row.replay, Catch::Contains("transformer =="));
  }
  // Measuring the drift itself: the same machine precision fails eps = 0 at once.
  const CaseFile drift = load(dir, case_text("T1/gd-exact", "T1", "verdict",
                                             "d = 2\nn = 6\nK = 2\neps = 0\n"
                                             "delta = \"0.05\"\n",
                                             "measure = \"double-drift\"\n", "trials = 1000\n"));
  CHECK(evaluate_cell(drift, drift.cells[0]).verdict()->verdict == stats::Verdict::violated);
  fs::remove_all(dir);
}

TEST_CASE("bad classification values are refused naming file, line and key",
          "[cases][input][classification]") {
  const auto dir = scratch("bad");
  const std::string file = (dir / "c.toml").string();
  // Line numbers: [case] is lines 1-5, [grid] starts at line 6, keys from line 7.
  CHECK(error_of(dir, case_text(kT3, "T3", "verdict",
                                "d = 0\nn = 5\neps = \"0.1\"\n"
                                "delta = \"0.1\"\n")) == file + ":7: key d: must be >= 1 (got 0)");
  CHECK(error_of(dir, case_text(kT3, "T3", "n_star", "d = 11\neps = \"0.1\"\ndelta = \"0.1\"\n",
                                "law = \"lattice\"\nradius = 1\ndisagreement = \"exact\"\n")) ==
        file +
            ":7: key d: lattice(d=11, R=1) has 177147 points; disagreement = \"exact\" "
            "enumerates at most 65536 (a smaller d or radius, or disagreement = \"sampled\") "
            "(at eps=1/10, delta=1/10, d=11)");
  CHECK(error_of(dir, case_text(kT3, "T3", "n_star", "d = 2\neps = \"0.1\"\ndelta = \"0.1\"\n",
                                "law = \"cauchy\"\n")) ==
        file + ":11: key law: 'cauchy' is not one of lattice, gaussian, fractions");
  CHECK(error_of(dir, case_text(kT3, "T3", "n_star", "d = 2\neps = \"0.1\"\ndelta = \"0.1\"\n",
                                "law = \"lattice\"\nbits = 4\n")) ==
        file + ":12: key bits: only with law = \"gaussian\" (at eps=1/10, delta=1/10, d=2)");
  CHECK(error_of(dir, case_text(kT3, "T3", "n_star", "d = 2\neps = 0\ndelta = \"0.1\"\n")) ==
        file + ":8: key eps: must satisfy 0 < eps < 1 (got 0)");
  CHECK(error_of(dir, case_text(kT3, "T3", "n_star", "d = 3\neps = \"0.1\"\ndelta = \"0.1\"\n",
                                "law = \"gaussian\"\ntest_level = \"0.2\"\n")) ==
        file +
            ":12: key test_level: must be below delta = 1/10 and 1 - delta (the bracket's "
            "slack is taken from delta) (at eps=1/10, delta=1/10, d=3)");
  CHECK(error_of(dir, case_text(kT3, "T3", "n_star", "d = 2\neps = \"0.1\"\ndelta = \"0.1\"\n",
                                "max_updates = 0\n")) ==
        file + ":11: key max_updates: must be >= 1 (got 0)");
  CHECK(error_of(dir, case_text("T3/subset-max-margin", "T3", "verdict",
                                "d = 4\nn = 10\neps = \"0.1\"\ndelta = \"0.1\"\n")) ==
        file + ":7: key d: must be <= 3 (got 4)");
  CHECK(error_of(dir, case_text("T3/subset-max-margin", "T3", "verdict",
                                "d = 2\nn = 33\neps = \"0.1\"\ndelta = \"0.1\"\n")) ==
        file + ":8: key n: must be <= 32 (got 33)");
  CHECK(error_of(dir, case_text("T3/subset-max-margin", "T3", "n_star",
                                "d = 2\neps = \"0.1\"\ndelta = \"0.1\"\n")) ==
        file + ":5: key mode: T3/subset-max-margin supports no mode 'n_star'");
  const std::string t4 = "T4/soft-label-mean";
  CHECK(error_of(dir, case_text(t4, "T4", "verdict",
                                "d = 2\nN = 100\nk = 0\neps = \"0.1\"\ndelta = \"0.1\"\n")) ==
        file + ":9: key k: must be >= 1 (got 0)");
  CHECK(
      error_of(dir, case_text(t4, "T4", "verdict",
                              "d = 2\nN = 100\nk = [10, 101]\neps = \"0.1\"\ndelta = \"0.1\"\n")) ==
      file +
          ":9: key k: must be <= N = 100: the k nearest of the N examples (at N=100, eps=1/10, "
          "delta=1/10, d=2, k=101)");
  CHECK(error_of(dir, case_text(t4, "T4", "n_star", "d = 2\neps = \"0.1\"\ndelta = \"0.1\"\n")) ==
        file + ":6: key N: T4/soft-label-mean in mode n_star needs it in [grid]");
  CHECK(error_of(dir,
                 case_text(t4, "T4", "n_star", "d = 2\nN = 100\neps = \"0.1\"\ndelta = \"0.1\"\n",
                           "link = \"piecewise-sigmoid\"\noffset = \"1/2\"\n")) ==
        file +
            ":13: key offset: only with link = \"clipped-linear\" (at N=100, eps=1/10, "
            "delta=1/10, d=2)");
  CHECK(error_of(dir,
                 case_text(t4, "T4", "n_star", "d = 2\nN = 100\neps = \"0.1\"\ndelta = \"0.1\"\n",
                           "slope = \"1/2048\"\n")) ==
        file +
            ":12: key slope: its numerator and denominator must be at most 1024 (got 1/2048) (at "
            "N=100, eps=1/10, delta=1/10, d=2)");
  CHECK(error_of(dir,
                 case_text(t4, "T4", "n_star", "d = 2\nN = 100\neps = \"0.1\"\ndelta = \"0.1\"\n",
                           "measure = \"variance\"\n")) ==
        file + ":12: key measure: 'variance' is not one of total, sampling, bias");
  CHECK(error_of(dir, case_text("T1/gd-exact", "T1", "verdict",
                                "d = 2\nn = 5\nK = 0\neps = 0\ndelta = \"0.1\"\n")) ==
        file + ":9: key K: must be >= 1 (got 0)");
  CHECK(error_of(dir, case_text("T1/gd-exact", "T1", "verdict",
                                "d = 2\nn = 5\nK = 1\neps = -1\ndelta = \"0.1\"\n")) ==
        file + ":10: key eps: must satisfy 0 <= eps < 1 (got -1)");
  CHECK(error_of(dir, case_text("T1/gd-exact", "T1", "verdict",
                                "d = 2\nn = 5000\nK = 1\neps = 0\ndelta = \"0.1\"\n")) ==
        file + ":8: key n: must be <= 4096 (got 5000)");
  fs::remove_all(dir);
}

TEST_CASE("a margin band that leaves no point of the law is refused naming the key",
          "[cases][input][classification]") {
  const auto dir = scratch("band");
  const CaseFile c =
      load(dir, case_text(kT3, "T3", "verdict", "d = 1\nn = 5\neps = \"0.1\"\ndelta = \"0.1\"\n",
                          "law = \"lattice\"\nradius = 1\nmargin = 2\n"));
  try {
    (void)evaluate_cell(c, c.cells[0]);
    FAIL("the band rejects every lattice point");
  } catch (const engine::SettingError& error) {
    CHECK(error.key() == "margin");
    CHECK_THAT(std::string(error.what()), Catch::Contains("rejects every point"));
  }
  fs::remove_all(dir);
}

TEST_CASE("the classification readings' method keys are target keys", "[cases][registry]") {
  for (const auto& reading : readings::all_readings()) {
    INFO("reading " << reading.id);
    for (const auto& key : reading.method_keys) CHECK(reading.target_rule(key) != nullptr);
  }
}

TEST_CASE("shipped T3 subset cases: max-margin HOLDS at d = 2, the perceptron fails at d = 3",
          "[cases][t3][shipped]") {
  const auto suite = load_suite_file(kCases / "t3_subset.toml");
  REQUIRE(suite);
  REQUIRE(suite->cases.size() == 2);
  const auto exact = load_case_file(suite->cases[0]);
  const auto contrast = load_case_file(suite->cases[1]);
  CHECK(exact.name == "t3_subset_max_margin");
  CHECK(contrast.name == "t3_subset_perceptron");
  // A cheap cell (d = 2) of the exact check; the perceptron at d = 3.
  auto settings = exact.run;
  settings.replay_trials = 0;
  CHECK(cases::evaluate_cell(exact, exact.cells.at(1), settings).verdict()->verdict ==
        stats::Verdict::holds);
  CHECK(cases::evaluate_cell(contrast, contrast.cells.at(2), settings).verdict()->verdict ==
        stats::Verdict::violated);
}

TEST_CASE("shipped T4 bias cases: the total error fails at Hoeffding's k, its sampling term holds",
          "[cases][t4][shipped]") {
  const auto suite = load_suite_file(kCases / "t4_bias.toml");
  REQUIRE(suite);
  const auto total = load_case_file(suite->cases.at(0));
  const auto sampling = load_case_file(suite->cases.at(1));
  const auto& last = total.cells.back();  // k = 300
  REQUIRE(*last.get("k") == 300);
  CHECK(evaluate_cell(total, last).verdict()->verdict == stats::Verdict::violated);
  CHECK(evaluate_cell(sampling, sampling.cells.back()).verdict()->verdict == stats::Verdict::holds);
}

TEST_CASE("the paper suite includes every classification case", "[cases][shipped]") {
  const auto suite = load_suite_file(kCases / "paper.toml");
  REQUIRE(suite);
  std::vector<std::string> names;
  for (const auto& path : suite->cases) names.push_back(path.filename().string());
  for (const char* name :
       {"t3_dim.toml", "t3_eps.toml", "t3_subset_max_margin.toml", "t3_subset_perceptron.toml",
        "t4_context.toml", "t4_bias_total.toml", "t4_bias_sampling.toml", "t1_exact.toml"}) {
    INFO(name);
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  }
}
