#include "sim/report/gnuplot_files.h"

#include "sim/io/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace elicit::report {
namespace {

// A gnuplot single-quoted string: a quote is written twice.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// Colours that stay apart in print and for colour-blind readers (Okabe–Ito).
constexpr std::array<const char*, 7> kColours = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                 "#E69F00", "#56B4E9", "#000000"};

std::string style_of(const PlotSeries& series, std::size_t index) {
  const std::string colour = fmt::format("lc rgb '{}'", kColours[index % kColours.size()]);
  switch (series.style) {
    case SeriesStyle::points_with_y_interval:
      return "using 1:2:3:4 with yerrorbars pt 7 ps 0.6 lw 1.2 " + colour;
    case SeriesStyle::points_with_x_interval:
      return "using 1:2:3:4 with xerrorbars pt 5 ps 0.8 lw 1.5 " + colour;
    case SeriesStyle::points:
      return fmt::format("using 1:2 with points pt {} ps 0.8 {}", index % 2 ? 9 : 7, colour);
    case SeriesStyle::line:
      return "using 1:2 with lines lw 2 " + colour;
    case SeriesStyle::dashed_line:
      return "using 1:2 with lines dt 2 lw 1.5 " + colour;
    case SeriesStyle::dotted_line:
      return "using 1:2 with lines dt 3 lw 1.5 " + colour;
    case SeriesStyle::level:
      return "using 1:2 with lines dt 4 lw 1.2 lc rgb '#555555'";
    case SeriesStyle::heat:
      return "using 1:2:5 with points pt 5 ps 1.1 lc palette";
    case SeriesStyle::marker:
      return "using 1:2 with points pt 6 ps 2.4 lw 2.5 " + colour;
  }
  return "using 1:2 with points";
}

std::string number(double value) { return fmt::format("{}", value); }

// The data's range on one axis (y includes the intervals of error-bar series).
std::pair<double, double> data_range(const PlotSpec& plot, bool x_axis) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  double low = kInfinity, high = -kInfinity;
  for (const auto& series : plot.series) {
    for (const auto& p : series.points) {
      const bool interval = x_axis ? series.style == SeriesStyle::points_with_x_interval
                                   : series.style == SeriesStyle::points_with_y_interval;
      for (double v : {x_axis ? p.x : p.y, interval ? p.low : NAN, interval ? p.high : NAN}) {
        if (std::isfinite(v) && v > 0) low = std::min(low, v), high = std::max(high, v);
      }
    }
  }
  return {low, high};
}

// Tics for a log axis, so that even a range within one decade is labelled:
// 1-2-3-5 steps per decade, thinned to 1-2-5 or decades when too many, 1..9 when
// too few.
std::string log_tics(double low, double high) {
  if (!(low > 0) || !(high >= low)) return "";
  auto tics_with = [&](const std::vector<double>& mantissas) {
    std::vector<double> tics;
    for (int k = static_cast<int>(std::floor(std::log10(low))) - 1;
         k <= static_cast<int>(std::ceil(std::log10(high))) + 1; ++k) {
      for (double m : mantissas) {
        const double v = m * std::pow(10.0, k);
        if (v >= low / 1.25 && v <= high * 1.25) tics.push_back(v);
      }
    }
    return tics;
  };
  std::vector<double> tics = tics_with({1, 2, 3, 5});
  if (tics.size() < 3) tics = tics_with({1, 2, 3, 4, 5, 6, 7, 8, 9});
  if (tics.size() > 8) tics = tics_with({1, 2, 5});
  if (tics.size() > 8) tics = tics_with({1});
  std::string out;
  for (double v : tics) out += (out.empty() ? "" : ", ") + fmt::format("{:g}", v);
  return out.empty() ? "" : "(" + out + ")";
}

// Where `program` is on the PATH, or "".
std::string find_program(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream folders(path ? path : "/usr/bin:/bin");
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    const auto candidate = std::filesystem::path(folder.empty() ? "." : folder) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

// Runs `arguments` in `folder`, its stderr captured; returns the exit status.
int run_in(const std::filesystem::path& folder, const std::vector<std::string>& arguments,
           std::string& errors) {
  int pipe_ends[2];
  if (::pipe(pipe_ends) != 0) return -1;
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(pipe_ends[0]);
    ::close(pipe_ends[1]);
    return -1;
  }
  if (child == 0) {
    ::dup2(pipe_ends[1], STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) ::dup2(null, STDOUT_FILENO), ::dup2(null, STDIN_FILENO);
    ::close(pipe_ends[0]);
    if (::chdir(folder.c_str()) != 0) ::_exit(126);
    std::vector<char*> argv;
    argv.reserve(arguments.size() + 1);
    for (const auto& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_ends[1]);
  std::array<char, 4096> buffer;
  ssize_t got;
  while ((got = ::read(pipe_ends[0], buffer.data(), buffer.size())) > 0)
    errors.append(buffer.data(), static_cast<std::size_t>(got));
  ::close(pipe_ends[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string series_commands(const PlotSpec& plot) {
  const std::string data = quoted(plot.name + ".dat");
  std::string command = "plot";
  for (std::size_t i = 0; i < plot.series.size(); ++i) {
    const auto& series = plot.series[i];
    command += fmt::format("{} {} index {} {} title {} noenhanced", i ? ", \\\n    " : " ", data, i,
                           style_of(series, i), quoted(series.title));
  }
  return command + "\n";
}

std::string terminals(const PlotSpec& plot, const std::string& svg_size,
                      const std::string& pdf_size) {
  std::string out = "set terminal svg size " + svg_size +
                    " dynamic enhanced font 'sans,11' background '#ffffff'\n";
  out += "set output " + quoted(plot.name + ".svg") + "\n" + series_commands(plot);
  out += "set terminal pdfcairo size " + pdf_size + " enhanced font 'sans,8'\n";
  out += "set output " + quoted(plot.name + ".pdf") + "\nreplot\nunset output\n";
  return out;
}

// A ternary diagram: the triangle and its corner labels, no axes, a colour bar.
std::string ternary_body(const PlotSpec& plot) {
  std::string out =
      "unset xtics\nunset ytics\nunset border\nset size ratio -1\n"
      "set xrange [-0.08:1.08]\nset yrange [-0.1:0.96]\n"
      "set arrow from 0,0 to 1,0 nohead lw 1.2\n"
      "set arrow from 1,0 to 0.5,0.8660254 nohead lw 1.2\n"
      "set arrow from 0.5,0.8660254 to 0,0 nohead lw 1.2\n";
  const std::array<const char*, 3> places = {"at -0.02,-0.05 right", "at 1.02,-0.05 left",
                                             "at 0.5,0.91 center"};
  for (std::size_t i = 0; i < plot.corner_labels.size() && i < 3; ++i)
    out += "set label " + quoted(plot.corner_labels[i]) + " " + places[i] + " noenhanced\n";
  // Viridis: dark blue for the smallest values, yellow for the largest.
  out +=
      "set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 "
      "'#fde725')\n";
  out += "set cblabel " + quoted(plot.z_label) + " noenhanced\n";
  out += "set key below left Left reverse samplen 2\n";
  return out + terminals(plot, "720,620", "5in,4.3in");
}

}  // namespace

std::string plot_data(const PlotSpec& plot) {
  std::string out = fmt::format(
      "# elicit: {}\n# one block per series (gnuplot 'index' 0, 1, ...): "
      "x y low high z\n",
      plot.title);
  for (std::size_t i = 0; i < plot.series.size(); ++i) {
    const auto& series = plot.series[i];
    out += fmt::format("\n\n# index {}: {}\n", i, series.title);
    for (const auto& p : series.points) {
      out += fmt::format("{} {} {} {} {}\n", number(p.x), number(p.y), number(p.low),
                         number(p.high), number(p.z));
    }
  }
  return out;
}

std::string plot_script(const PlotSpec& plot) {
  std::string out = fmt::format(
      "# elicit: {}\n"
      "# The data is {}.dat (one block per series, in legend order). Restyle freely, then run\n"
      "#   gnuplot {}.gp\n"
      "# in this folder: it redraws {}.svg and {}.pdf from the data, without rerunning elicit.\n"
      "reset\nset encoding utf8\n",
      plot.title, plot.name, plot.name, plot.name, plot.name);
  // Texts are literal ("noenhanced": '_' and '^' stay as they are); the terminals are
  // enhanced only so that the SVG names each series by its legend title.
  out += "set title " + quoted(plot.title) + " noenhanced\n";
  if (plot.ternary) return out + ternary_body(plot);
  out += "set xlabel " + quoted(plot.x_label) + " offset 0,0.4 noenhanced\n";
  out += "set ylabel " + quoted(plot.y_label) + " noenhanced\n";
  // Axes end at the data plus a margin, not at the next decade.
  const auto [x_low, x_high] = data_range(plot, true);
  const auto [y_low, y_high] = data_range(plot, false);
  if (plot.log_x && std::isfinite(x_low))
    out += fmt::format("set xrange [{:g}:{:g}]\n", x_low / 1.1, x_high * 1.1);
  if (plot.log_y && std::isfinite(y_low))
    out += fmt::format("set yrange [{:g}:{:g}]\n", y_low / 1.2, y_high * 1.2);
  if (!plot.log_y) out += "set yrange [0:*]\n";
  if (plot.log_x) {
    out += "set logscale x\n";
    if (const std::string tics = log_tics(x_low, x_high); !tics.empty())
      out += "set xtics " + tics + "\n";
  }
  if (plot.log_y) {
    out += "set logscale y\n";
    if (const std::string tics = log_tics(y_low, y_high); !tics.empty())
      out += "set ytics " + tics + "\n";
  }
  out += "set grid lc rgb '#dddddd'\nset key below left Left reverse samplen 2\n";
  return out + terminals(plot, "720,450", "5in,3.2in");
}

void write_plot_files(const PlotSpec& plot, const std::filesystem::path& folder) {
  write_file_atomically(folder / (plot.name + ".dat"), plot_data(plot));
  write_file_atomically(folder / (plot.name + ".gp"), plot_script(plot));
}

PlotRendering render_plots(const std::filesystem::path& folder,
                           const std::vector<std::string>& names) {
  PlotRendering rendering;
  if (names.empty()) return rendering;
  const std::string gnuplot = find_program("gnuplot");
  if (gnuplot.empty()) {
    rendering.problem =
        "gnuplot is not installed (apt-get install gnuplot-nox): the plots' data and scripts "
        "are written, not drawn";
    return rendering;
  }
  std::vector<std::string> arguments = {gnuplot};
  for (const auto& name : names) {
    std::filesystem::remove(folder / (name + ".svg"));
    std::filesystem::remove(folder / (name + ".pdf"));
    arguments.push_back(name + ".gp");
  }
  std::string errors;
  const int status = run_in(folder, arguments, errors);
  for (const auto& name : names) {
    if (std::filesystem::exists(folder / (name + ".svg")) &&
        std::filesystem::exists(folder / (name + ".pdf")))
      rendering.rendered.push_back(name);
  }
  if (status != 0 || rendering.rendered.size() != names.size()) {
    const auto line_end = errors.find_last_not_of('\n');
    rendering.problem = fmt::format(
        "gnuplot drew {} of {} plots in {} (status {}){}", rendering.rendered.size(), names.size(),
        folder.string(), status, errors.empty() ? "" : ": " + errors.substr(0, line_end + 1));
  }
  return rendering;
}

}  // namespace elicit::report
