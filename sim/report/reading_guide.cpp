#include "sim/report/reading_guide.h"

#include "sim/readings/reading.h"
#include "sim/report/formula_text.h"
#include "sim/report/latex_text.h"
#include "sim/report/number_format.h"

#include <fmt/format.h>

namespace elicit::report {
namespace {

Text mode_explanation(const results::CaseResult& result, const readings::Reading* reading) {
  const std::string metric =
      reading ? std::string(theory::metric_name(reading->metric)) + " error" : "error";
  const std::string confidence = exact_parameter(result.settings.confidence).plain;
  switch (result.mode) {
    case engine::Mode::n_star:
      return prose(fmt::format(
          "Each cell draws a fine-tuned model (the target), then asks how many samples the "
          "in-context learner needs: n* is the smallest sample size from which the failure rate "
          "P({} > ε) stays at or below δ. elicit brackets n* by a search of sequential verdicts, "
          "all right at once with probability at least {}; the lower end of the interval is "
          "proven, the upper end rests on the sizes the search evaluated. Each bound is divided "
          "by n*: a ratio above 1 asks for more samples than this target needed (the bound is "
          "loose by that factor), a paper size below the whole interval is insufficient.",
          metric, confidence));
    case engine::Mode::verdict:
      return prose(fmt::format(
          "Each cell fixes a sample size n and decides whether the failure rate P({} > ε) is at "
          "most δ: trials are drawn one after another and looked at after every one, and the "
          "verdict (HOLDS, VIOLATED, or INCONCLUSIVE at the trial cap) is wrong with probability "
          "at most {} whatever the true rate. The interval is the confidence sequence of the "
          "rate when the verdict stopped.",
          metric, exact_parameter(1 - result.settings.confidence).plain));
    case engine::Mode::rate:
      return prose(fmt::format(
          "Each cell measures the {} of the learner over {} independent datasets of size n: its "
          "mean and its (1 − δ)-quantile. How the error falls with n is the rate the theorem "
          "claims; the slope of log error against log n measures it.",
          metric, result.settings.trials));
    case engine::Mode::worst_target:
      return prose(fmt::format(
          "The theorem bounds the sample size for every fine-tuned model, so each cell searches "
          "the models (the laws on the simplex) for the hardest one: at the size where the "
          "uniform law last fails, it looks for the law with the largest failure probability "
          "P({} > ε) — exact where the dynamic program reaches — by a grid, then moves of mass "
          "between symbols on finer and finer grids. The law found fails at least as often as "
          "the uniform law there, so it needs at least as many samples; its n* is then set "
          "beside the uniform law's and the bounds. A bound that suffices for the uniform law "
          "but not for the hardest law found shows that a chosen target was too easy.",
          metric));
  }
  return {};
}

}  // namespace

ReadingGuide reading_guide(const results::CaseResult& result) {
  ReadingGuide guide;
  const readings::Reading* reading = readings::find_reading(result.reading);
  if (const auto theorem = theory::parse_theorem(result.theorem)) {
    guide.paragraphs.push_back(prose("The claim (" + result.theorem +
                                     "): " + std::string(theory::theorem_summary(*theorem)) + "."));
  }
  if (reading) {
    guide.paragraphs.push_back(
        prose(fmt::format("The reading tested, {}: {}; the error is measured in {}.", reading->id,
                          reading->summary, theory::metric_name(reading->metric))));
  } else {
    guide.paragraphs.push_back(prose("The reading tested: " + result.reading + "."));
  }
  guide.paragraphs.push_back(mode_explanation(result, reading));
  if (reading) {
    for (const auto& predicted : reading->predicted_slopes) {
      guide.paragraphs.push_back(prose(
          fmt::format("Theory predicts a log-log slope of {} against {}: {}.", predicted.slope,
                      stats::scaled_label(predicted.scale, predicted.x), predicted.why)));
    }
    for (const theory::Bound* bound : readings::compared_bounds(*reading)) {
      guide.bounds.push_back(
          {prose(bound->id + " (" + std::string(theory::kind_name(bound->kind)) + ")"),
           {formula_plain(bound->formula), formula_latex(bound->formula),
            html_escape(formula_plain(bound->formula))},
           prose(bound->source + (bound->constant_verified ? "" : "; constants unverified"))});
    }
  }
  return guide;
}

}  // namespace elicit::report
