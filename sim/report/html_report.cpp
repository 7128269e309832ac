#include "sim/report/html_report.h"

#include "sim/report/build_info.h"
#include "sim/report/case_view.h"
#include "sim/report/latex_text.h"
#include "sim/report/number_format.h"
#include "sim/report/reading_guide.h"
#include "sim/report/svg_inline.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace elicit::report {
namespace {

using results::CaseResult;

constexpr const char* kStyle = R"(
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1100px; margin: 0 auto;
       padding: 1em 1.5em 3em; color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { margin-top: 2.2em; border-bottom: 2px solid #0072B2; padding-bottom: 0.2em; }
h3 { margin-top: 1.5em; font-size: 1.1em; }
.meta { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; vertical-align: top; }
thead th { border-bottom: 2px solid #333; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-size: 0.95em; color: #333; padding-bottom: 0.4em; }
ul.table-notes { font-size: 0.85em; color: #444; margin-top: 0; }
#summary table { width: 100%; }
.verdict-holds { color: #006b3c; font-weight: bold; }
.verdict-violated { color: #b22222; font-weight: bold; }
figure.plot { margin: 1em 0; max-width: 760px; }
figure.plot svg { width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.85em; color: #444; }
.missing { color: #b22222; }
.findings li { margin-bottom: 0.3em; }
details { margin: 0.6em 0; }
summary { cursor: pointer; color: #0072B2; }
.guide { background: #f6f8fa; border-left: 4px solid #0072B2; padding: 0.4em 1em; }
.bounds li { margin-bottom: 0.25em; }
code { font-size: 0.95em; }
)";

std::string case_anchor(const CaseResult& result) { return "case-" + slug(result.name); }

std::string range_text(double low, double high) {
  if (!std::isfinite(low)) return "";
  const std::string a = significant(low).html, b = significant(high).html;
  return a == b ? a : a + "–" + b;
}

std::string n_star_headline(const CaseResult& result) {
  std::int64_t low = std::numeric_limits<std::int64_t>::max(), high = 0;
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  double paper_low = kInfinity, paper_high = -kInfinity, best_low = kInfinity,
         best_high = -kInfinity;
  int too_small = 0;
  for (const auto& cell : result.cells) {
    const auto* s = cell.n_star();
    low = std::min(low, s->estimate);
    high = std::max(high, s->estimate);
    for (const auto& b : cell.bounds) {
      if (b.kind != theory::BoundKind::paper || !b.ratio_to_n_star) continue;
      paper_low = std::min(paper_low, b.ratio_to_n_star->estimate);
      paper_high = std::max(paper_high, b.ratio_to_n_star->estimate);
      too_small += size_verdict(b.value, *s) == SizeVerdict::insufficient;
    }
    if (const auto* best = tightest_sufficient(cell); best && best->ratio_to_n_star) {
      best_low = std::min(best_low, best->ratio_to_n_star->estimate);
      best_high = std::max(best_high, best->ratio_to_n_star->estimate);
    }
  }
  std::string out =
      low == high ? fmt::format("<i>n</i>* = {}", low) : fmt::format("<i>n</i>* {}–{}", low, high);
  if (std::isfinite(paper_low)) out += "; paper / <i>n</i>* " + range_text(paper_low, paper_high);
  if (std::isfinite(best_low))
    out += "; tightest sufficient / <i>n</i>* " + range_text(best_low, best_high);
  if (too_small > 0)
    out += fmt::format("; <b>paper size too small in {} cell{}</b>", too_small,
                       too_small == 1 ? "" : "s");
  return out;
}

std::string fits_headline(const CaseResult& result) {
  std::string out;
  for (const auto& fit : result.fits) {
    out += fmt::format("; slope vs {} {}", html_escape(fit.x), fixed(fit.slope, 3).html);
    if (fit.lower)
      out += fmt::format(" [{}, {}]", fixed(*fit.lower, 3).html, fixed(*fit.upper, 3).html);
    if (fit.expected) out += fmt::format(" (theory {})", shortest(*fit.expected).html);
  }
  return out;
}

std::string verdict_class(stats::Verdict verdict) {
  return verdict == stats::Verdict::holds      ? "verdict-holds"
         : verdict == stats::Verdict::violated ? "verdict-violated"
                                               : "";
}

std::string table_row(const std::vector<std::string>& cells, const std::string& tag = "td") {
  std::string out = "<tr>";
  for (const auto& c : cells) out += fmt::format("<{0}>{1}</{0}>", tag, c);
  return out + "</tr>\n";
}

std::string manifest_html(const CaseResult& result) {
  std::string rows;
  auto row = [&](const std::string& key, const std::string& value) {
    rows += table_row({html_escape(key), "<code>" + html_escape(value) + "</code>"});
  };
  if (const auto& m = result.manifest) {
    row("elicit", m->elicit_version + " (" + m->build_type + ")");
    row("git commit", m->git_commit);
    row("compiler", m->compiler);
    std::string libraries;
    for (const auto& [name, version] : m->libraries)
      libraries += fmt::format("{}{} {}", libraries.empty() ? "" : ", ", name, version);
    row("libraries", libraries);
    row("command", m->command);
    row("case file", m->case_file);
    row("case file SHA-256", m->case_sha256);
    if (!m->suite_file.empty()) row("suite file", m->suite_file);
    row("threads", std::to_string(m->threads));
    row("started", m->started);
    row("finished", m->finished);
  } else {
    row("manifest", "not recorded (results from an older elicit)");
  }
  const auto& s = result.settings;
  row("seed", std::to_string(s.seed));
  row("trials", std::to_string(s.trials) +
                    (result.mode == engine::Mode::rate ? " per cell" : " at most, per verdict"));
  row("confidence", to_string(s.confidence));
  if (result.mode == engine::Mode::n_star) {
    row("n* search", fmt::format("at most {} evaluations, relative tolerance {}, n_max {}",
                                 s.max_evaluations, to_string(s.n_star_tolerance), s.n_max));
  }
  row("replays", fmt::format("{} trials per cell, prompts up to {} tokens", s.replay_trials,
                             s.replay_max_tokens));
  return "<table class=\"manifest\">\n" + rows + "</table>\n";
}

std::string figure_html(const CaseResult& result, const ReportFigure& figure) {
  std::string out = fmt::format("<figure class=\"plot\" id=\"plot-{}-{}\">\n", slug(result.name),
                                slug(figure.name));
  if (figure.svg.empty()) {
    out += fmt::format(
        "<p class=\"missing\">{} was not drawn; its data and script are in "
        "<code>{}</code>.</p>\n",
        html_escape(figure.title), html_escape(figure.files));
  } else {
    out += inline_svg(figure.svg, slug(result.name) + "-" + slug(figure.name) + "-") + "\n";
  }
  out += fmt::format(
      "<figcaption>{} <span class=\"meta\">Files: <code>{}</code> "
      "(.svg, .pdf, and .gp/.dat to restyle).</span></figcaption>\n</figure>\n",
      html_escape(figure.caption), html_escape(figure.files));
  return out;
}

std::string case_section(const ReportCase& item) {
  const CaseResult& result = *item.result;
  std::string out = fmt::format("<section class=\"case\" id=\"{}\">\n<h2>{}</h2>\n",
                                case_anchor(result), html_escape(result.title));
  out += fmt::format(
      "<p class=\"meta\">Case <code>{}</code> · theorem {} · reading <code>{}</code> · mode {} · "
      "{} cell{}{}</p>\n",
      html_escape(result.name), html_escape(result.theorem), html_escape(result.reading),
      engine::mode_name(result.mode), result.cells.size(), result.cells.size() == 1 ? "" : "s",
      item.folder.empty() ? "" : " · folder <code>" + html_escape(item.folder) + "</code>");
  const ReadingGuide guide = reading_guide(result);
  out += "<div class=\"guide\">\n<h3>What this checks</h3>\n";
  for (const auto& paragraph : guide.paragraphs) out += "<p>" + paragraph.html + "</p>\n";
  if (!guide.bounds.empty()) {
    out += "<p>The bounds it is compared with (sizes per context):</p>\n<ul class=\"bounds\">\n";
    for (const auto& b : guide.bounds) {
      out += fmt::format("<li><b>{}</b>: {} <span class=\"meta\">— {}</span></li>\n", b.name.html,
                         b.formula.html, b.source.html);
    }
    out += "</ul>\n";
  }
  out += "</div>\n<h3>Results</h3>\n";
  for (const auto& table : item.tables) out += render_html(table);
  if (!item.figures.empty()) {
    out += "<h3>Figures</h3>\n";
    // The per-cell figures of an n* search are many: the first stays open.
    std::size_t shown = 0;
    std::string folded;
    for (const auto& figure : item.figures) {
      if (figure.name.starts_with("failure_rate_cell") && shown++ > 0) {
        folded += figure_html(result, figure);
      } else {
        out += figure_html(result, figure);
      }
    }
    if (!folded.empty()) {
      out += fmt::format(
          "<details><summary>The failure rate around n* in the other {} cells"
          "</summary>\n{}</details>\n",
          shown - 1, folded);
    }
  }
  std::string findings, notes;
  for (const auto& cell : result.cells) {
    for (const auto& note : cell.notes)
      findings += fmt::format("<li>cell {}: {}</li>\n", cell.cell, html_escape(note));
    if (const auto* s = cell.n_star()) {
      notes += fmt::format("<li>cell {}: n* in [{}, {}]; the upper end: {}</li>\n", cell.cell,
                           s->lower, s->upper, html_escape(s->upper_basis));
    }
    if (const auto* w = cell.worst_target()) {
      std::string trace;
      for (const auto& step : w->trace) {
        std::vector<std::string> law;
        for (const auto& p : step.law) law.push_back(to_string(p));
        trace += fmt::format("<tr><td>({})</td><td>{:.6g}</td><td>{}</td></tr>\n",
                             fmt::join(law, ", "), step.value, html_escape(step.phase));
      }
      notes += fmt::format(
          "<li>cell {}: the search's {} evaluations at n = {}<details><summary>the trace"
          "</summary><table><thead><tr><th>law</th><th>failure</th><th>phase</th></tr></thead>"
          "<tbody>\n{}</tbody></table></details></li>\n",
          cell.cell, w->trace.size(), w->n, trace);
    }
    if (const auto* v = cell.verdict()) {
      notes += fmt::format(
          "<li>cell {}: <span class=\"{}\">{}</span> at n = {} after {} trials"
          "</li>\n",
          cell.cell, verdict_class(v->verdict), stats::verdict_name(v->verdict), v->n, v->trials);
    }
    notes += fmt::format("<li>cell {} replay through the exact transformer: {}</li>\n", cell.cell,
                         html_escape(cell.replay));
  }
  out += "<h3>Findings</h3>\n";
  out += findings.empty() ? "<p>None for this case.</p>\n"
                          : "<ul class=\"findings\">\n" + findings + "</ul>\n";
  out += "<details><summary>Notes: intervals and replays</summary>\n<ul>\n" + notes +
         "</ul>\n</details>\n";
  out += "<details class=\"manifest-details\"><summary>Manifest of the run</summary>\n" +
         manifest_html(result) + "</details>\n";
  return out + "</section>\n";
}

std::string summary_section(const ReportPage& page) {
  // Theorems in order of first appearance; their cases below them.
  std::vector<std::string> theorems;
  for (const auto& item : page.cases) {
    if (std::find(theorems.begin(), theorems.end(), item.result->theorem) == theorems.end())
      theorems.push_back(item.result->theorem);
  }
  std::string out = "<section id=\"summary\">\n<h2>Summary</h2>\n<table>\n<thead>";
  out += table_row({"theorem", "case", "reading", "mode", "result", "findings"}, "th");
  out += "</thead>\n<tbody>\n";
  for (const auto& theorem : theorems) {
    for (const auto& item : page.cases) {
      const CaseResult& r = *item.result;
      if (r.theorem != theorem) continue;
      std::size_t findings = 0;
      for (const auto& cell : r.cells) findings += cell.notes.size();
      out += table_row({html_escape(theorem),
                        fmt::format("<a href=\"#{}\">{}</a>", case_anchor(r), html_escape(r.title)),
                        "<code>" + html_escape(r.reading) + "</code>",
                        std::string(engine::mode_name(r.mode)), case_headline(r),
                        findings ? std::to_string(findings) : "none"});
    }
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

}  // namespace

std::string case_headline(const CaseResult& result) {
  switch (result.mode) {
    case engine::Mode::n_star:
      return n_star_headline(result) + fits_headline(result);
    case engine::Mode::verdict: {
      std::map<stats::Verdict, int> counts;
      for (const auto& cell : result.cells) ++counts[cell.verdict()->verdict];
      std::string out;
      for (const auto& [verdict, name] : stats::kVerdictNames) {
        if (!counts[verdict]) continue;
        out += fmt::format("{}<span class=\"{}\">{} {}</span>", out.empty() ? "" : ", ",
                           verdict_class(verdict), counts[verdict], name);
      }
      return out;
    }
    case engine::Mode::rate: {
      const std::string fits = fits_headline(result);
      return fits.empty() ? fmt::format("{} cells", result.cells.size()) : fits.substr(2);
    }
    case engine::Mode::worst_target: {
      std::vector<std::string> parts;
      for (const auto& cell : result.cells) {
        const auto* w = cell.worst_target();
        parts.push_back(
            fmt::format("worst law fails {:.3g} against uniform {:.3g}; <i>n</i>* {} against {}",
                        w->worst.value, w->uniform.value, w->worst_n_star.estimate,
                        w->uniform_n_star.estimate));
      }
      return fmt::format("{}", fmt::join(parts, "; "));
    }
  }
  return "";
}

std::string render_html_report(const ReportPage& page) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(page.title) + "</title>\n<style>" + kStyle + "</style>\n";
  out += "</head>\n<body>\n<header>\n<h1>" + html_escape(page.title) + "</h1>\n";
  const auto& info = build_info();
  std::string when;
  for (const auto& item : page.cases) {
    if (item.result->manifest) when = item.result->manifest->finished;
  }
  out += fmt::format(
      "<p class=\"meta\">Numerical checks of arXiv 2506.08060; this page rendered by elicit {} "
      "(commit <code>{}</code>){}. {} case{}. Exact-arithmetic transformers, Monte Carlo with "
      "sequential verdicts; the "
      "theory behind each check is in <code>docs/theory.md</code> of elicit's sources.</p>\n",
      html_escape(info.version), html_escape(info.git_commit),
      when.empty() ? "" : ", run finished " + html_escape(when), page.cases.size(),
      page.cases.size() == 1 ? "" : "s");
  if (!page.plots_problem.empty())
    out += "<p class=\"missing\">" + html_escape(page.plots_problem) + "</p>\n";
  out += "</header>\n<main>\n" + summary_section(page);
  if (page.cases.size() > 1) {
    out += "<nav id=\"contents\">\n<h2>Cases</h2>\n<ol>\n";
    for (const auto& item : page.cases) {
      out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", case_anchor(*item.result),
                         html_escape(item.result->title));
    }
    out += "</ol>\n</nav>\n";
  }
  for (const auto& item : page.cases) out += case_section(item);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace elicit::report
