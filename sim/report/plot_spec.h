// A figure as data: axes with their labels and scales, and series of points (with
// an optional interval on y or on x) drawn as points, lines or error bars. The
// plots of a case are built as these (case_plots.h) and written as gnuplot files
// (gnuplot_files.h), so an author can restyle a figure from its script and data
// without rerunning anything.
//
//   PlotSpec p{"n_star_vs_V", "n* against V", "vocabulary size V", "n*", true, true, {}};
//   p.series.push_back({"n* [interval]", SeriesStyle::points_with_y_interval, {{4, 91, 85, 104}}});
#pragma once

#include <string>
#include <vector>

namespace elicit::report {

enum class SeriesStyle {
  points_with_y_interval,  // measured values with their intervals
  points_with_x_interval,  // a point with a horizontal interval (n* on a rate plot)
  points,                  // measured values without intervals
  line,                    // a fitted line
  dashed_line,             // a bound or a reference
  dotted_line,             // a second kind of bound
  level,                   // a horizontal level (δ)
  heat,                    // points coloured by z on a palette (a heat map)
  marker,                  // a large open marker around chosen points
};

// x, y, the interval's ends (on y, or on x for points_with_x_interval), and the
// value a heat map colours the point by.
struct PlotPoint {
  double x = 0, y = 0, low = 0, high = 0, z = 0;
};

struct PlotSeries {
  std::string title;  // the legend entry
  SeriesStyle style = SeriesStyle::points;
  std::vector<PlotPoint> points;
};

struct PlotSpec {
  std::string name;  // file stem: name.dat, name.gp, name.svg, name.pdf
  std::string title;
  std::string x_label, y_label;
  bool log_x = true, log_y = true;
  std::vector<PlotSeries> series;
  std::string caption;  // one sentence for the report under the figure
  // A ternary diagram: x, y are points of the triangle (0,0), (1,0), (1/2, √3/2),
  // drawn without axes, the corners named by these labels (in that order), and the
  // heat series' z shown on a colour bar named z_label.
  bool ternary = false;
  std::vector<std::string> corner_labels;
  std::string z_label;
};

}  // namespace elicit::report
