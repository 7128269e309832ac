#include "sim/report/paper_tables.h"

#include "sim/report/case_view.h"
#include "sim/report/formula_text.h"
#include "sim/report/latex_text.h"
#include "sim/report/number_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace elicit::report {
namespace {

using results::CaseResult;
using results::CellResult;

// A header from a name: underscores as spaces, broken into lines of about 12
// characters so that a long name does not widen its column.
Text wrapped_header(const std::string& name) {
  std::string words;
  for (char c : name) words += c == '_' ? ' ' : c;
  std::string out, line;
  std::size_t start = 0;
  while (start <= words.size()) {
    std::size_t end = words.find(' ', start);
    if (end == std::string::npos) end = words.size();
    const std::string word = words.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > 12) {
      out += (out.empty() ? "" : "\n") + line;
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  out += (out.empty() ? "" : "\n") + line;
  return prose(out);
}

Text n_star_symbol() { return {"n*", "$n^*$", "<i>n</i>*"}; }

// "ε = 0.25, δ = 0.05" for the fixed keys.
Text parameter_list(const CellResult& cell, const std::vector<std::string>& keys) {
  std::vector<Text> pieces;
  for (const auto& key : keys) {
    if (!pieces.empty()) pieces.push_back({", ", ", ", ", "});
    pieces.push_back(symbol(key));
    pieces.push_back({" = ", " = ", " = "});
    pieces.push_back(exact_parameter(*cell.parameter(key)));
  }
  return concat(pieces);
}

Text mode_description(const CaseResult& result) {
  const auto& s = result.settings;
  const std::string confidence = exact_parameter(s.confidence).plain;
  const std::string alpha = exact_parameter(1 - s.confidence).plain;
  switch (result.mode) {
    case engine::Mode::n_star:
      return prose(fmt::format(
          "n* with its interval from a sequential search whose verdicts are all right at once "
          "with probability >= {} (at most {} trials per verdict, seed {})",
          confidence, s.trials, s.seed));
    case engine::Mode::verdict:
      return prose(fmt::format(
          "Sequential verdicts on failure rate <= delta, each wrong with probability <= {} (at "
          "most {} trials, seed {}); the interval is the confidence sequence at the stop",
          alpha, s.trials, s.seed));
    case engine::Mode::rate:
      return prose(fmt::format("{} trials per cell (seed {})", s.trials, s.seed));
    case engine::Mode::worst_target:
      return prose(fmt::format(
          "The hardest law of the simplex at the size where the uniform law last fails (at most "
          "{} evaluations); n* of both laws, with verdicts all right at once with probability "
          ">= {} where they are searched (seed {})",
          s.search_budget, confidence, s.seed));
  }
  return {};
}

Text caption_of(const CaseResult& result, const CaseView& view) {
  std::vector<Text> pieces = {
      prose(result.title + " (" + result.theorem + ", reading " + result.reading)};
  if (!result.cells.empty()) {
    const CellResult& first = result.cells[0];
    if (!view.constant.empty()) {
      pieces.push_back(prose("; "));
      pieces.push_back(parameter_list(first, view.constant));
    }
    if (view.one_target) pieces.push_back(prose("; target " + first.target));
    if (const auto* v = first.verdict(); v && !v->n_from.empty())
      pieces.push_back(prose("; n = " + v->n_from));
  }
  pieces.push_back(prose("). "));
  pieces.push_back(mode_description(result));
  pieces.push_back(prose("."));
  return concat(pieces);
}

Text ratio_text(const results::Ratio& ratio) {
  return with_interval(significant(ratio.estimate), significant(ratio.lower),
                       significant(ratio.upper));
}

// A marker letter after a value: "1.78ᵃ" in plain text, a superscript elsewhere.
Text marked(Text value, char letter) {
  static const std::map<char, std::string> kSuperscripts = {{'a', "ᵃ"}, {'b', "ᵇ"}, {'c', "ᶜ"},
                                                            {'d', "ᵈ"}, {'e', "ᵉ"}, {'f', "ᶠ"},
                                                            {'g', "ᵍ"}, {'h', "ʰ"}};
  const auto it = kSuperscripts.find(letter);
  value.plain += it != kSuperscripts.end() ? it->second : std::string("^") + letter;
  value.latex += std::string("\\textsuperscript{") + letter + "}";
  value.html += std::string("<sup>") + letter + "</sup>";
  return value;
}

std::vector<std::string> paper_bound_ids(const CaseResult& result) {
  std::vector<std::string> ids;
  for (const auto& cell : result.cells) {
    for (const auto& b : cell.bounds) {
      if (b.kind == theory::BoundKind::paper && b.ratio_to_n_star &&
          std::find(ids.begin(), ids.end(), b.id) == ids.end())
        ids.push_back(b.id);
    }
  }
  return ids;
}

const results::BoundComparison* bound_of(const CellResult& cell, const std::string& id) {
  for (const auto& b : cell.bounds) {
    if (b.id == id) return &b;
  }
  return nullptr;
}

void add_parameter_columns(PaperTable& table, const CaseView& view) {
  for (const auto& key : view.varying) table.columns.push_back({symbol(key), 'r'});
  if (!view.one_target) table.columns.push_back({prose("target"), 'l'});
}

std::vector<Text> parameter_cells(const CellResult& cell, const CaseView& view) {
  std::vector<Text> row;
  for (const auto& key : view.varying) row.push_back(exact_parameter(*cell.parameter(key)));
  if (!view.one_target) row.push_back(prose(cell.target));
  return row;
}

PaperTable n_star_table(const CaseResult& result, const CaseView& view) {
  PaperTable table;
  add_parameter_columns(table, view);
  table.columns.push_back({concat({n_star_symbol(), prose("\n[interval]")}), 'r'});
  const auto papers = paper_bound_ids(result);
  for (const auto& id : papers)
    table.columns.push_back({concat({prose(id + "\n/ "), n_star_symbol()}), 'r'});
  bool any_sufficient = false;
  for (const auto& cell : result.cells) any_sufficient |= tightest_sufficient(cell) != nullptr;
  if (any_sufficient)
    table.columns.push_back({concat({prose("tightest\nsufficient / "), n_star_symbol()}), 'r'});
  for (const auto& id : papers) {
    table.columns.push_back(
        {prose(papers.size() == 1 ? std::string("paper\nsize") : id + "\nsize"), 'l'});
  }
  std::vector<std::string> letters;  // the tightest bounds, in order of first use
  for (const auto& cell : result.cells) {
    const auto* s = cell.n_star();
    std::vector<Text> row = parameter_cells(cell, view);
    row.push_back(with_interval(count(s->estimate), count(s->lower), count(s->upper)));
    for (const auto& id : papers) {
      const auto* b = bound_of(cell, id);
      row.push_back(b && b->ratio_to_n_star ? ratio_text(*b->ratio_to_n_star) : prose(""));
    }
    if (any_sufficient) {
      const auto* best = tightest_sufficient(cell);
      if (best && best->ratio_to_n_star) {
        auto it = std::find(letters.begin(), letters.end(), best->id);
        if (it == letters.end()) it = letters.insert(letters.end(), best->id);
        row.push_back(marked(ratio_text(*best->ratio_to_n_star),
                             static_cast<char>('a' + (it - letters.begin()))));
      } else {
        row.push_back(prose(""));
      }
    }
    for (const auto& id : papers) {
      const auto* b = bound_of(cell, id);
      row.push_back(b ? prose(size_verdict_word(size_verdict(b->value, *s))) : prose(""));
    }
    table.rows.push_back(std::move(row));
  }
  table.caption = caption_of(result, view);
  table.notes.push_back(concat(
      {n_star_symbol(),
       prose(" [interval]: the smallest sample size from which the failure rate stays <= delta; "
             "the lower end is proven, the upper end holds where the search evaluated. A ratio is "
             "bound / n* at the estimate, [bound / upper, bound / lower] over the interval.")}));
  for (std::size_t i = 0; i < letters.size(); ++i) {
    table.notes.push_back(concat({marked(prose(""), static_cast<char>('a' + i)),
                                  prose(" tightest sufficient bound: " + letters[i])}));
  }
  if (!papers.empty()) {
    table.notes.push_back(
        prose("Paper size (rounded up): suffices = at or above the n* interval; too small = below "
              "it (the constant-1 formula is insufficient there); undecided = inside it."));
  }
  return table;
}

PaperTable verdict_table(const CaseResult& result, const CaseView& view) {
  PaperTable table;
  add_parameter_columns(table, view);
  const bool n_is_key =
      std::find(view.keys.begin(), view.keys.end(), view.sample_key) != view.keys.end();
  if (!n_is_key) table.columns.push_back({symbol(view.sample_key), 'r'});
  table.columns.push_back({prose("failures\n/ trials"), 'r'});
  table.columns.push_back({prose("failure rate\n[conf. seq.]"), 'r'});
  table.columns.push_back({prose("verdict"), 'l'});
  table.columns.push_back({prose("error,\ntrial 0"), 'r'});
  std::vector<std::string> facts;
  for (const auto& cell : result.cells) {
    for (const auto& fact : cell.verdict()->facts) {
      if (std::find(facts.begin(), facts.end(), fact.name) == facts.end())
        facts.push_back(fact.name);
    }
  }
  for (const auto& fact : facts) table.columns.push_back({wrapped_header(fact), 'r'});
  for (const auto& cell : result.cells) {
    const auto* v = cell.verdict();
    std::vector<Text> row = parameter_cells(cell, view);
    if (!n_is_key) row.push_back(count(v->n));
    row.push_back(concat({count(v->failures), prose(" / "), count(v->trials)}));
    const double rate = static_cast<double>(v->failures) / static_cast<double>(v->trials);
    row.push_back(with_interval(significant(rate), significant(v->interval.lower),
                                significant(v->interval.upper)));
    std::string word(stats::verdict_name(v->verdict));
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    row.push_back(prose(word));
    row.push_back(significant(to_double(v->error_trial_0), 4));
    for (const auto& name : facts) {
      const auto it = std::find_if(v->facts.begin(), v->facts.end(),
                                   [&](const auto& f) { return f.name == name; });
      if (it == v->facts.end()) {
        row.push_back(prose(""));
      } else if (denominator(it->value) == 1 && abs(it->value) < Rational(1000000000)) {
        row.push_back(count(to_int64_exact(it->value)));  // a count, as counts are shown
      } else {
        row.push_back(significant(to_double(it->value), 4));
      }
    }
    table.rows.push_back(std::move(row));
  }
  table.caption = caption_of(result, view);
  table.notes.push_back(
      prose("holds: the failure rate is <= delta; violated: it is above delta; inconclusive: too "
            "close to delta to tell with the trial cap. Exact values are in results.csv."));
  return table;
}

PaperTable rate_table(const CaseResult& result, const CaseView& view) {
  PaperTable table;
  add_parameter_columns(table, view);
  table.columns.push_back({prose("trials"), 'r'});
  const std::string metric =
      view.reading ? std::string(theory::metric_name(view.reading->metric)) + " " : "";
  table.columns.push_back({prose("mean\n" + metric + "error"), 'r'});
  table.columns.push_back(
      {concat({prose("(1 − "), symbol("delta"), prose(")-quantile\nerror")}), 'r'});
  for (const auto& cell : result.cells) {
    const auto* r = cell.rate();
    std::vector<Text> row = parameter_cells(cell, view);
    row.push_back(count(r->trials));
    row.push_back(significant(r->mean_error));
    row.push_back(significant(to_double(r->quantile_error)));
    table.rows.push_back(std::move(row));
  }
  table.caption = caption_of(result, view);
  return table;
}

// worst_target mode: the uniform law beside the hardest law found, and their n*.
PaperTable worst_target_table(const CaseResult& result, const CaseView& view) {
  PaperTable table;
  add_parameter_columns(table, view);
  table.columns.push_back({concat({symbol(view.sample_key), prose("\n(searched)")}), 'r'});
  table.columns.push_back({prose("failure,\nuniform"), 'r'});
  table.columns.push_back({prose("failure,\nworst found"), 'r'});
  table.columns.push_back({prose("worst law\nfound"), 'l'});
  table.columns.push_back({concat({n_star_symbol(), prose(",\nuniform")}), 'r'});
  table.columns.push_back({concat({n_star_symbol(), prose(",\nworst")}), 'r'});
  const auto papers = paper_bound_ids(result);
  for (const auto& id : papers)
    table.columns.push_back({concat({prose(id + "\n/ worst "), n_star_symbol()}), 'r'});
  auto size_text = [](const results::SizeInterval& size) {
    return size.lower == size.upper
               ? count(size.lower)
               : with_interval(count(size.estimate), count(size.lower), count(size.upper));
  };
  for (const auto& cell : result.cells) {
    const auto* w = cell.worst_target();
    std::vector<Text> row = parameter_cells(cell, view);
    row.push_back(count(w->n));
    row.push_back(significant(w->uniform.value, 4));
    row.push_back(w->exact ? significant(w->worst.value, 4)
                           : with_interval(significant(w->worst.value), significant(w->worst.lower),
                                           significant(w->worst.upper)));
    std::vector<Text> law = {prose("(")};
    for (std::size_t i = 0; i < w->worst.law.size(); ++i) {
      if (i > 0) law.push_back(prose(", "));
      law.push_back(exact_parameter(w->worst.law[i]));
    }
    law.push_back(prose(")"));
    row.push_back(concat(law));
    row.push_back(size_text(w->uniform_n_star));
    row.push_back(size_text(w->worst_n_star));
    for (const auto& id : papers) {
      const auto* b = bound_of(cell, id);
      row.push_back(b && b->ratio_to_n_star ? ratio_text(*b->ratio_to_n_star) : prose(""));
    }
    table.rows.push_back(std::move(row));
  }
  table.caption = caption_of(result, view);
  table.notes.push_back(
      prose("The search runs where the uniform law last fails, so the worst law found needs at "
            "least as many samples. Failure probabilities are exact where the dynamic program "
            "reaches (else a Monte Carlo rate with its interval, common random numbers across "
            "laws); laws are shown up to a permutation of the symbols."));
  return table;
}

}  // namespace

Text assignments_text(const std::string& group) {
  std::vector<Text> pieces;
  std::size_t start = 0;
  while (start < group.size()) {
    std::size_t end = group.find(", ", start);
    if (end == std::string::npos) end = group.size();
    const std::string pair = group.substr(start, end - start);
    const std::size_t equals = pair.find('=');
    if (!pieces.empty()) pieces.push_back({", ", ", ", ", "});
    if (equals == std::string::npos) {
      pieces.push_back(prose(pair));
    } else {
      pieces.push_back(symbol(pair.substr(0, equals)));
      pieces.push_back({" = ", " = ", " = "});
      try {
        pieces.push_back(exact_parameter(parse_rational(pair.substr(equals + 1))));
      } catch (const ParseError&) {
        pieces.push_back(prose(pair.substr(equals + 1)));
      }
    }
    start = end + 2;
  }
  return concat(pieces);
}

namespace {

PaperTable fits_table(const CaseResult& result, const CaseView& view) {
  PaperTable table;
  const bool ranges = result.mode == engine::Mode::n_star;
  table.columns = {{prose("x"), 'l'},
                   {prose("cells with"), 'l'},
                   {prose("points"), 'r'},
                   {prose("slope\n[t interval]"), 'r'}};
  if (ranges)
    table.columns.push_back(
        {concat({prose("slope over\n"), n_star_symbol(), prose(" intervals")}), 'r'});
  table.columns.push_back({prose("theory"), 'r'});
  for (const auto& fit : result.fits) {
    std::vector<Text> row = {
        {formula_plain(fit.x), formula_latex(fit.x), formula_plain(fit.x)},
        assignments_text(fit.group),
        count(fit.points),
        fit.lower ? with_interval(fixed(fit.slope, 3), fixed(*fit.lower, 3), fixed(*fit.upper, 3))
                  : concat({fixed(fit.slope, 3), prose(" (2 points)")})};
    if (ranges) {
      row.push_back(fit.range_lower ? concat({prose("["), fixed(*fit.range_lower, 3), prose(", "),
                                              fixed(*fit.range_upper, 3), prose("]")})
                                    : prose(""));
    }
    row.push_back(fit.expected ? shortest(*fit.expected) : prose("none"));
    table.rows.push_back(std::move(row));
  }
  const std::string y = result.mode == engine::Mode::n_star ? "n*" : "the mean error";
  table.caption =
      concat({prose(result.title + ": log-log slopes of " + y +
                    " (least squares; the t interval at "
                    "confidence " +
                    exact_parameter(result.settings.confidence).plain + ")"),
              prose(ranges ? ", on the geometric middle of each n* interval, with the range of the "
                             "slope over every choice of n* within the intervals."
                           : ".")});
  std::vector<std::string> why;
  if (view.reading) {
    for (const auto& predicted : view.reading->predicted_slopes) {
      why.push_back(fmt::format("{} against {}: {}", predicted.slope,
                                stats::scaled_label(predicted.scale, predicted.x), predicted.why));
    }
  }
  if (!why.empty())
    table.notes.push_back(prose("Theory: " + fmt::format("{}", fmt::join(why, "; ")) + "."));
  return table;
}

}  // namespace

std::vector<PaperTable> case_tables(const CaseResult& result) {
  const CaseView view = view_of(result);
  std::vector<PaperTable> tables;
  PaperTable cells;
  switch (result.mode) {
    case engine::Mode::n_star:
      cells = n_star_table(result, view);
      break;
    case engine::Mode::verdict:
      cells = verdict_table(result, view);
      break;
    case engine::Mode::rate:
      cells = rate_table(result, view);
      break;
    case engine::Mode::worst_target:
      cells = worst_target_table(result, view);
      break;
  }
  cells.label = "tab:" + slug(result.name);
  tables.push_back(std::move(cells));
  if (!result.fits.empty()) {
    PaperTable fits = fits_table(result, view);
    fits.label = "tab:" + slug(result.name) + "-fits";
    tables.push_back(std::move(fits));
  }
  return tables;
}

std::string table_file_stem(const CaseResult& result, const PaperTable& table) {
  const bool fits = table.label.size() > 5 && table.label.ends_with("-fits");
  return result.name + (fits ? "_fits" : "");
}

}  // namespace elicit::report
