// The figures of a case, built from its typed results and the reading registry:
//
//   n_star:  for each swept key (on the fit's scale, e.g. 1/ε), n* against it on
//            log–log axes with the search intervals as bars, the bound curves (each
//            paper size, the tightest rigorous size, each lower bound) and the fitted
//            line with its slope and interval in the legend; and for each cell the
//            failure rate against n around n*, each evaluation with its
//            confidence-sequence interval, δ as a level and the n* interval;
//   rate:    for each swept key, the mean and the (1 − δ)-quantile error on log–log
//            axes, the fitted line, and the slope theory predicts as a reference line
//            through the data's centre;
//   verdict: for each swept key, the failure rate with its confidence sequence, and δ.
//
//   for (const PlotSpec& plot : case_plots(result)) write_plot_files(plot, dir);
#pragma once

#include "sim/report/plot_spec.h"
#include "sim/results/case_result.h"

#include <vector>

namespace elicit::report {

std::vector<PlotSpec> case_plots(const results::CaseResult& result);

}  // namespace elicit::report
