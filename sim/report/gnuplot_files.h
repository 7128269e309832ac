// A figure (plot_spec.h) as gnuplot files an author can edit: NAME.dat holds the
// data, one block per series in legend order, and NAME.gp the script that draws it
// to NAME.svg and NAME.pdf. Run `gnuplot NAME.gp` in the plots folder to redraw
// after restyling; nothing is recomputed. render_plots runs Debian's gnuplot
// (gnuplot-nox) on every script of a folder at once.
//
//   write_plot_files(plot, "results/t2_vocab/plots");
//   PlotRendering r = render_plots("results/t2_vocab/plots", {"n_star_vs_V"});
//   if (!r.problem.empty()) warn(r.problem);
#pragma once

#include "sim/report/plot_spec.h"

#include <filesystem>
#include <string>
#include <vector>

namespace elicit::report {

std::string plot_data(const PlotSpec& plot);    // NAME.dat
std::string plot_script(const PlotSpec& plot);  // NAME.gp

// Writes NAME.dat and NAME.gp (atomically); throws OutputError.
void write_plot_files(const PlotSpec& plot, const std::filesystem::path& folder);

struct PlotRendering {
  std::vector<std::string> rendered;  // names whose .svg and .pdf exist
  std::string problem;                // why some were not drawn ("" when all were)
};

// Runs gnuplot in `folder` on NAME.gp for each name. A missing gnuplot is a problem
// reported, not an error: the data and scripts stay for later.
PlotRendering render_plots(const std::filesystem::path& folder,
                           const std::vector<std::string>& names);

}  // namespace elicit::report
