#include "sim/report/case_plots.h"

#include "sim/report/case_view.h"
#include "sim/report/number_format.h"
#include "sim/stats/sequential_test.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace elicit::report {
namespace {

using results::CaseResult;
using results::CellResult;

// "ε", "1/ε", "ln(1/ε)" for a key on a scale.
std::string scaled_symbol(const FitAxis& axis) {
  std::string s = symbol(axis.key).plain;
  switch (axis.scale) {
    case stats::FitScale::identity:
      return s;
    case stats::FitScale::inverse:
      return "1/" + s;
    case stats::FitScale::ln_inverse:
      return "ln(1/" + s + ")";
  }
  return s;
}

std::string axis_label(const CaseView& view, const FitAxis& axis) {
  const std::string meaning = key_meaning(view, axis.key);
  std::string s = scaled_symbol(axis);
  if (meaning.empty()) return s;
  if (axis.scale == stats::FitScale::identity) return s + ": " + meaning;
  return s + "  (" + symbol(axis.key).plain + ": " + meaning + ")";
}

// "δ = 0.05, ε = 0.25" from a group's "delta=1/20, eps=1/4".
std::string group_words(const CellResult& cell, const std::string& key) {
  std::string out;
  for (const auto& [name, value] : cell.parameters) {
    if (name == key) continue;
    out += (out.empty() ? "" : ", ") + symbol(name).plain + " = " + exact_parameter(value).plain;
  }
  return out;
}

std::string group_stem(const CellResult& cell, const std::string& key) {
  std::string out;
  for (const auto& [name, value] : cell.parameters) {
    if (name == key) continue;
    std::string text = to_string(value);
    std::replace(text.begin(), text.end(), '/', '_');
    std::replace(text.begin(), text.end(), '-', 'm');
    out.append("_").append(name).append(text);
  }
  return out;
}

// The cells of each group along `key`, groups in order of first appearance.
std::vector<std::vector<const CellResult*>> groups_along(const CaseResult& result,
                                                         const std::string& key) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const CellResult*>> groups;
  for (const auto& cell : result.cells) {
    const std::string group = group_of(cell, key);
    if (!groups.count(group)) order.push_back(group);
    groups[group].push_back(&cell);
  }
  std::vector<std::vector<const CellResult*>> out;
  for (const auto& group : order) {
    if (groups[group].size() >= 2) out.push_back(groups[group]);
  }
  return out;
}

// The axis a swept key is drawn on: the fit's scale when the case fits along it.
FitAxis axis_for(const CaseResult& result, const CaseView& view, const std::string& key) {
  for (const auto& fit : result.fits) {
    if (auto axis = fit_axis(view, fit.x); axis && axis->key == key) return *axis;
  }
  return {key, stats::FitScale::identity};
}

std::string fit_title(const results::SlopeFitResult& fit) {
  std::string title = "fit: slope " + fixed(fit.slope, 3).plain;
  if (fit.lower) {
    title += " [" + fixed(*fit.lower, 3).plain + ", " + fixed(*fit.upper, 3).plain + "]";
  }
  if (fit.expected) title += "; theory " + shortest(*fit.expected).plain;
  return title;
}

// A straight line on log–log axes with `slope`, through the centre of the points.
PlotSeries line_through(const std::vector<PlotPoint>& data, double slope, std::string title,
                        SeriesStyle style) {
  double mean_x = 0, mean_y = 0;
  for (const auto& p : data) mean_x += std::log(p.x), mean_y += std::log(p.y);
  mean_x /= static_cast<double>(data.size());
  mean_y /= static_cast<double>(data.size());
  PlotSeries line{std::move(title), style, {}};
  for (const auto& p : data) {
    line.points.push_back({p.x, std::exp(mean_y + slope * (std::log(p.x) - mean_x)), 0, 0});
  }
  return line;
}

bool positive(const PlotPoint& p) { return p.x > 0 && p.y > 0; }

void keep_positive(PlotSeries& series) {
  auto& pts = series.points;
  pts.erase(std::remove_if(pts.begin(), pts.end(), [](const auto& p) { return !positive(p); }),
            pts.end());
  std::sort(pts.begin(), pts.end(), [](const auto& a, const auto& b) { return a.x < b.x; });
}

std::string kind_words(theory::BoundKind kind) { return std::string(theory::kind_name(kind)); }

// The series of a group of cells on an axis: the measured n* with its search interval,
// each bound but the sufficient ones and the paper's literal (ids in first-seen order),
// and the tightest sufficient bound.
struct NStarSeries {
  PlotSeries measured{"n* [search interval]", SeriesStyle::points_with_y_interval, {}};
  std::vector<std::string> bound_ids;
  std::map<std::string, PlotSeries> bounds;
  PlotSeries tightest{"tightest sufficient bound", SeriesStyle::dotted_line, {}};
};

NStarSeries n_star_series(const std::vector<const CellResult*>& group, const FitAxis& axis) {
  NStarSeries out;
  for (const auto* cell : group) {
    const double x = axis_value(*cell, axis);
    const auto* s = cell->n_star();
    out.measured.points.push_back({x, static_cast<double>(s->estimate),
                                   static_cast<double>(s->lower), static_cast<double>(s->upper)});
    for (const auto& b : cell->bounds) {
      if (b.kind == theory::BoundKind::sufficient || b.kind == theory::BoundKind::paper_literal)
        continue;
      if (!out.bounds.count(b.id)) {
        out.bound_ids.push_back(b.id);
        out.bounds[b.id] = {
            b.id + " (" + kind_words(b.kind) + ")",
            theory::is_lower(b.kind) ? SeriesStyle::dotted_line : SeriesStyle::dashed_line,
            {}};
      }
      out.bounds[b.id].points.push_back({x, b.value, 0, 0});
    }
    if (const auto* best = tightest_sufficient(*cell))
      out.tightest.points.push_back({x, best->value, 0, 0});
  }
  return out;
}

// The n* plot of one group of cells along `key`, drawn on `axis`; `several`: the key
// has several groups, so the plot's name tells which.
PlotSpec n_star_plot(const CaseResult& result, const CaseView& view, const std::string& key,
                     const FitAxis& axis, const std::vector<const CellResult*>& group,
                     bool several) {
  PlotSpec plot;
  plot.name = "n_star_vs_" + key + (several ? group_stem(*group[0], key) : "");
  const std::string words = group_words(*group[0], key);
  plot.title = "n* against " + scaled_symbol(axis) + (words.empty() ? "" : " (" + words + ")");
  plot.x_label = axis_label(view, axis);
  plot.y_label = "n* (" + view.sample_meaning + ")";
  NStarSeries series = n_star_series(group, axis);
  auto& [measured, bound_ids, bounds, tightest] = series;
  keep_positive(measured);
  plot.series.push_back(measured);
  if (const auto* fit = find_fit(result, axis, group_of(*group[0], key))) {
    std::vector<PlotPoint> middles;
    for (const auto& p : measured.points) middles.push_back({p.x, std::sqrt(p.low * p.high)});
    if (!middles.empty())
      plot.series.push_back(line_through(middles, fit->slope, fit_title(*fit), SeriesStyle::line));
  }
  // Paper sizes first, then the tightest rigorous size, then lower bounds.
  for (const auto& id : bound_ids) {
    if (bounds[id].style == SeriesStyle::dashed_line) plot.series.push_back(bounds[id]);
  }
  if (!tightest.points.empty()) plot.series.push_back(tightest);
  for (const auto& id : bound_ids) {
    if (bounds[id].style == SeriesStyle::dotted_line) plot.series.push_back(bounds[id]);
  }
  for (auto& s : plot.series) keep_positive(s);
  plot.caption =
      "The measured n* with its search interval, the bounds of the reading at each cell, and "
      "the least-squares line on the intervals' geometric middles.";
  return plot;
}

std::vector<PlotSpec> n_star_plots(const CaseResult& result, const CaseView& view) {
  std::vector<PlotSpec> plots;
  for (const auto& key : view.varying) {
    const FitAxis axis = axis_for(result, view, key);
    const auto groups = groups_along(result, key);
    for (const auto& group : groups) {
      plots.push_back(n_star_plot(result, view, key, axis, group, groups.size() > 1));
    }
  }
  return plots;
}

std::vector<PlotSpec> evaluation_plots(const CaseResult& result, const CaseView& view) {
  std::vector<PlotSpec> plots;
  for (const auto& cell : result.cells) {
    const auto* s = cell.n_star();
    const auto delta = cell.parameter("delta");
    if (!s || (s->evaluations.empty() && s->range.empty()) || !delta) continue;
    // The checked sizes around the bracket (every one of them has a verdict), else the
    // locating stage's evaluations; each with the interval of its own level.
    const bool checked = !s->range.empty();
    const double level = checked ? s->alpha_per_size : s->alpha_per_evaluation;
    const std::int64_t margin = s->upper - s->lower + 5;
    std::vector<engine::Evaluation> shown;
    for (const auto& e : checked ? s->range : s->evaluations) {
      if (!checked || (e.n >= s->lower - margin && e.n <= s->upper + margin)) shown.push_back(e);
    }
    std::optional<stats::SequentialTest> test;
    try {
      test.emplace(*delta, level, std::max<std::int64_t>(result.settings.trials, 1));
    } catch (const std::exception&) {
      test.reset();  // an unusable level: Clopper–Pearson intervals instead
    }
    const double confidence = 1 - level;
    PlotSeries rates{
        test ? "failure rate [confidence sequence]" : "failure rate [Clopper–Pearson interval]",
        SeriesStyle::points_with_y_interval,
        {}};
    double low_n = static_cast<double>(s->lower), high_n = static_cast<double>(s->upper);
    for (const auto& e : shown) {
      if (e.trials <= 0) continue;
      const auto interval = test ? test->interval(e.trials, e.failures)
                                 : stats::clopper_pearson(e.failures, e.trials, confidence);
      rates.points.push_back({static_cast<double>(e.n),
                              static_cast<double>(e.failures) / static_cast<double>(e.trials),
                              interval.lower, interval.upper});
      low_n = std::min(low_n, static_cast<double>(e.n));
      high_n = std::max(high_n, static_cast<double>(e.n));
    }
    if (rates.points.empty()) continue;
    std::sort(rates.points.begin(), rates.points.end(),
              [](const auto& a, const auto& b) { return a.x < b.x; });
    const double d = to_double(*delta);
    PlotSpec plot;
    plot.name = fmt::format("failure_rate_cell{}", cell.cell);
    std::string words;
    for (const auto& [name, value] : cell.parameters)
      words +=
          (words.empty() ? "" : ", ") + symbol(name).plain + " = " + exact_parameter(value).plain;
    plot.title = fmt::format("Failure rate around n*, cell {} ({})", cell.cell, words);
    plot.x_label = view.sample_key + ": " + view.sample_meaning;
    plot.y_label = "failure rate P(error > ε)";
    plot.log_y = false;
    plot.series.push_back(rates);
    plot.series.push_back({"δ = " + exact_parameter(*delta).plain,
                           SeriesStyle::level,
                           {{low_n / 1.1, d, 0, 0}, {high_n * 1.1, d, 0, 0}}});
    plot.series.push_back({fmt::format("n* = {} [{}, {}]", s->estimate, s->lower, s->upper),
                           SeriesStyle::points_with_x_interval,
                           {{static_cast<double>(s->estimate), d, static_cast<double>(s->lower),
                             static_cast<double>(s->upper)}}});
    plot.caption = fmt::format(
        "{}, with the failure rate's {} interval at level {:.3g} per size; n* is where the "
        "rate stays at or below δ.",
        checked ? "Every size checked around the n* bracket" : "Every size the n* search evaluated",
        test ? "confidence-sequence" : "Clopper–Pearson", level);
    plots.push_back(std::move(plot));
  }
  return plots;
}

std::vector<PlotSpec> rate_plots(const CaseResult& result, const CaseView& view) {
  std::vector<PlotSpec> plots;
  const std::string metric =
      view.reading ? std::string(theory::metric_name(view.reading->metric)) + " error" : "error";
  for (const auto& key : view.varying) {
    const FitAxis axis = axis_for(result, view, key);
    const auto groups = groups_along(result, key);
    for (const auto& group : groups) {
      PlotSpec plot;
      plot.name = "error_vs_" + key + (groups.size() > 1 ? group_stem(*group[0], key) : "");
      const std::string words = group_words(*group[0], key);
      plot.title =
          metric + " against " + scaled_symbol(axis) + (words.empty() ? "" : " (" + words + ")");
      plot.x_label = axis_label(view, axis);
      plot.y_label = metric;
      PlotSeries mean{"mean " + metric, SeriesStyle::points, {}};
      PlotSeries quantile{"(1 − δ)-quantile of the " + metric, SeriesStyle::points, {}};
      for (const auto* cell : group) {
        const double x = axis_value(*cell, axis);
        mean.points.push_back({x, cell->rate()->mean_error, 0, 0});
        quantile.points.push_back({x, to_double(cell->rate()->quantile_error), 0, 0});
      }
      keep_positive(mean);
      keep_positive(quantile);
      if (mean.points.empty()) continue;
      plot.series = {mean, quantile};
      const auto* fit = find_fit(result, axis, group_of(*group[0], key));
      if (fit)
        plot.series.push_back(
            line_through(mean.points, fit->slope, fit_title(*fit), SeriesStyle::line));
      std::optional<double> predicted;
      if (fit && fit->expected) predicted = fit->expected;
      if (!predicted && view.reading) {
        if (const auto* p = view.reading->predicted_slope(axis.key, axis.scale))
          predicted = p->slope;
      }
      if (predicted) {
        plot.series.push_back(line_through(
            mean.points, *predicted, "reference slope " + shortest(*predicted).plain + " (theory)",
            SeriesStyle::dashed_line));
      }
      plot.caption =
          "The mean and the (1 − δ)-quantile of the error over the trials of each cell, "
          "the least-squares line on the mean, and the slope theory predicts drawn "
          "through the centre of the means.";
      plots.push_back(std::move(plot));
    }
  }
  return plots;
}

std::vector<PlotSpec> verdict_plots(const CaseResult& result, const CaseView& view) {
  std::vector<PlotSpec> plots;
  for (const auto& key : view.varying) {
    const FitAxis axis{key, stats::FitScale::identity};
    const auto groups = groups_along(result, key);
    for (const auto& group : groups) {
      PlotSpec plot;
      plot.name = "failure_rate_vs_" + key + (groups.size() > 1 ? group_stem(*group[0], key) : "");
      const std::string words = group_words(*group[0], key);
      plot.title =
          "Failure rate against " + symbol(key).plain + (words.empty() ? "" : " (" + words + ")");
      plot.x_label = axis_label(view, axis);
      plot.y_label = "failure rate P(error > ε)";
      plot.log_y = false;
      PlotSeries rates{
          "failure rate [confidence sequence]", SeriesStyle::points_with_y_interval, {}};
      PlotSeries delta{"δ", SeriesStyle::dashed_line, {}};
      for (const auto* cell : group) {
        const auto* v = cell->verdict();
        const double x = axis_value(*cell, axis);
        rates.points.push_back({x,
                                static_cast<double>(v->failures) / static_cast<double>(v->trials),
                                v->interval.lower, v->interval.upper});
        if (auto d = cell->parameter("delta")) delta.points.push_back({x, to_double(*d), 0, 0});
      }
      std::sort(rates.points.begin(), rates.points.end(),
                [](const auto& a, const auto& b) { return a.x < b.x; });
      std::sort(delta.points.begin(), delta.points.end(),
                [](const auto& a, const auto& b) { return a.x < b.x; });
      plot.series.push_back(rates);
      if (!delta.points.empty()) plot.series.push_back(delta);
      plot.caption =
          "Each cell's failure rate with its confidence sequence at the stopping trial, "
          "against δ: above it the verdict is VIOLATED, below it HOLDS.";
      plots.push_back(std::move(plot));
    }
  }
  return plots;
}

// worst_target mode, V = 3: the failure probability over the simplex at the searched
// n, as a ternary heat map, with the worst law found (every permutation of it) and
// the uniform law marked.
std::vector<PlotSpec> worst_target_plots(const CaseResult& result) {
  std::vector<PlotSpec> plots;
  auto position = [](const std::vector<Rational>& law) {
    // p1 at (0, 0), p2 at (1, 0), p3 at the top (1/2, √3/2).
    const double p2 = to_double(law.at(1)), p3 = to_double(law.at(2));
    return std::pair{p2 + p3 / 2, p3 * std::sqrt(3.0) / 2};
  };
  for (const auto& cell : result.cells) {
    const auto* w = cell.worst_target();
    if (!w || w->map.empty() || w->worst.law.size() != 3) continue;
    PlotSpec plot;
    plot.name = fmt::format("failure_simplex_cell{}", cell.cell);
    plot.title = fmt::format("Failure probability over the simplex at n = {} ({})", w->n,
                             group_words(cell, ""));
    plot.ternary = true;
    plot.corner_labels = {"p1 = 1", "p2 = 1", "p3 = 1"};
    plot.z_label = "P(error > ε)";
    PlotSeries heat{"P(error > ε) at each law of the grid", SeriesStyle::heat, {}};
    for (const auto& point : w->map) {
      const auto [x, y] = position(point.law);
      heat.points.push_back({x, y, 0, 0, point.value});
    }
    PlotSeries worst{
        fmt::format("worst law found: P = {:.4g}", w->worst.value), SeriesStyle::marker, {}};
    std::vector<Rational> law = w->worst.law;
    std::sort(law.begin(), law.end());
    do {
      const auto [x, y] = position(law);
      worst.points.push_back({x, y, 0, 0, 0});
    } while (std::next_permutation(law.begin(), law.end()));
    PlotSeries uniform{
        fmt::format("uniform law: P = {:.4g}", w->uniform.value), SeriesStyle::points, {}};
    const auto [ux, uy] = position(w->uniform.law);
    uniform.points.push_back({ux, uy, 0, 0, 0});
    plot.series = {heat, worst, uniform};
    plot.caption =
        "Each dot is a law of the grid, coloured by its exact failure probability at the "
        "searched n; rings mark the hardest law found (with its permutations, which are as hard).";
    plots.push_back(std::move(plot));
  }
  return plots;
}

}  // namespace

std::vector<PlotSpec> case_plots(const CaseResult& result) {
  const CaseView view = view_of(result);
  std::vector<PlotSpec> plots;
  switch (result.mode) {
    case engine::Mode::n_star: {
      plots = n_star_plots(result, view);
      auto evaluations = evaluation_plots(result, view);
      plots.insert(plots.end(), evaluations.begin(), evaluations.end());
      break;
    }
    case engine::Mode::rate:
      plots = rate_plots(result, view);
      break;
    case engine::Mode::verdict:
      plots = verdict_plots(result, view);
      break;
    case engine::Mode::worst_target:
      plots = worst_target_plots(result);
      break;
  }
  return plots;
}

}  // namespace elicit::report
