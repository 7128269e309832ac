#include "sim/report/results_csv.h"

#include "sim/report/case_view.h"
#include "sim/report/table.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace elicit::report {
namespace {

using results::CaseResult;
using results::CellResult;

// The shortest decimal that reads back to the same double.
std::string decimal(double value) { return fmt::format("{}", value); }

// A row under construction: values by column name, columns in order of first use.
class Rows {
 public:
  void set(const std::string& column, std::string value) {
    if (std::find(columns_.begin(), columns_.end(), column) == columns_.end())
      columns_.push_back(column);
    current_[column] = std::move(value);
  }
  void exact(const std::string& column, const Rational& value) {
    set(column, decimal(to_double(value)));
    set(column + "_exact", to_string(value));
  }
  void end_row() { rows_.push_back(std::move(current_)), current_.clear(); }

  // Columns in the order given first, then the others in order of first use.
  Table table(const std::vector<std::string>& last) const {
    Table out;
    for (const auto& c : columns_) {
      if (std::find(last.begin(), last.end(), c) == last.end()) out.header.push_back(c);
    }
    for (const auto& c : last) {
      if (std::find(columns_.begin(), columns_.end(), c) != columns_.end()) out.header.push_back(c);
    }
    for (const auto& row : rows_) {
      std::vector<std::string> cells;
      for (const auto& c : out.header) {
        const auto it = row.find(c);
        cells.push_back(it == row.end() ? "" : it->second);
      }
      out.rows.push_back(std::move(cells));
    }
    return out;
  }

 private:
  std::vector<std::string> columns_;
  std::map<std::string, std::string> current_;
  std::vector<std::map<std::string, std::string>> rows_;
};

void mode_columns(const CellResult& cell, const CaseView& view, Rows& rows) {
  auto set_unless_key = [&](const std::string& column, std::string value) {
    if (std::find(view.keys.begin(), view.keys.end(), column) == view.keys.end())
      rows.set(column, std::move(value));
  };
  if (const auto* s = cell.n_star()) {
    rows.set("n_star", std::to_string(s->estimate));
    rows.set("n_star_source", s->estimate_source);
    rows.set("n_star_lower", std::to_string(s->lower));
    rows.set("n_star_upper", std::to_string(s->upper));
    rows.set("n_star_upper_proven", s->upper_proven ? "1" : "0");
    rows.set("exact_n_star_lower", s->exact ? std::to_string(s->exact->eventual_lower) : "");
    rows.set("exact_n_star_upper", s->exact ? std::to_string(s->exact->eventual_upper) : "");
    rows.set("exact_first_crossing_lower", s->exact ? std::to_string(s->exact->first_lower) : "");
    rows.set("exact_first_crossing_upper", s->exact ? std::to_string(s->exact->first_upper) : "");
    rows.set("first_crossing_at_most", std::to_string(s->first_crossing_at_most));
    rows.set("checked_from", std::to_string(s->range_first));
    rows.set("checked_to", std::to_string(s->range_last));
    rows.set("undecided_sizes", std::to_string(s->undecided));
    rows.set("tolerance_met", s->tolerance_met ? "1" : "0");
    rows.set("alpha_per_size", decimal(s->alpha_per_size));
    rows.set("search_budget_exhausted", s->budget_exhausted ? "1" : "0");
    rows.set("evaluations", std::to_string(s->evaluations.size()));
    rows.set("trials", std::to_string(s->trials_used()));
    rows.set("alpha_per_evaluation", decimal(s->alpha_per_evaluation));
    rows.set("indifference_lower", decimal(s->indifference_zone.lower));
    rows.set("indifference_upper", decimal(s->indifference_zone.upper));
    rows.set("n_star_lower_basis", s->lower_basis);
    rows.set("n_star_upper_basis", s->upper_basis);
    rows.set("width_note", s->width_note);
  } else if (const auto* v = cell.verdict()) {
    set_unless_key(view.sample_key, std::to_string(v->n));
    rows.set("n_from", v->n_from);
    rows.set("trials", std::to_string(v->trials));
    rows.set("failures", std::to_string(v->failures));
    rows.set("failure_rate",
             decimal(static_cast<double>(v->failures) / static_cast<double>(v->trials)));
    rows.set("ci_lower", decimal(v->interval.lower));
    rows.set("ci_upper", decimal(v->interval.upper));
    rows.set("verdict", std::string(stats::verdict_name(v->verdict)));
    rows.exact("error_trial_0", v->error_trial_0);
    for (const auto& fact : v->facts) rows.exact(column_identifier(fact.name), fact.value);
  } else if (const auto* r = cell.rate()) {
    set_unless_key(view.sample_key, std::to_string(r->n));
    rows.set("trials", std::to_string(r->trials));
    rows.set("mean_error", decimal(r->mean_error));
    rows.exact("quantile_error", r->quantile_error);
  } else if (const auto* w = cell.worst_target()) {
    rows.set("search_n", std::to_string(w->n));
    rows.set("search_exact", w->exact ? "1" : "0");
    rows.set("search_evaluations", std::to_string(w->trace.size()));
    rows.set("search_budget_exhausted", w->budget_exhausted ? "1" : "0");
    for (const auto& [name, point] :
         {std::pair{"uniform", &w->uniform}, std::pair{"worst", &w->worst}}) {
      rows.set(std::string(name) + "_failure", decimal(point->value));
      rows.set(std::string(name) + "_failure_lower", decimal(point->lower));
      rows.set(std::string(name) + "_failure_upper", decimal(point->upper));
    }
    std::vector<std::string> law;
    for (const auto& p : w->worst.law) law.push_back(to_string(p));
    rows.set("worst_law", fmt::format("{}", fmt::join(law, " ")));
    for (const auto& [name, size] :
         {std::pair{"uniform", &w->uniform_n_star}, std::pair{"worst", &w->worst_n_star}}) {
      rows.set(std::string(name) + "_n_star", std::to_string(size->estimate));
      rows.set(std::string(name) + "_n_star_lower", std::to_string(size->lower));
      rows.set(std::string(name) + "_n_star_upper", std::to_string(size->upper));
    }
  }
}

void bound_columns(const CellResult& cell, Rows& rows) {
  for (const auto& b : cell.bounds) {
    const std::string id = column_identifier(b.id);
    rows.set("bound_" + id, decimal(b.value));
    if (b.ratio_to_n_star) {
      rows.set("ratio_" + id, decimal(b.ratio_to_n_star->estimate));
      rows.set("ratio_" + id + "_lower", decimal(b.ratio_to_n_star->lower));
      rows.set("ratio_" + id + "_upper", decimal(b.ratio_to_n_star->upper));
    }
  }
  if (!cell.n_star() && !cell.worst_target()) return;
  const auto* best = tightest_sufficient(cell);
  rows.set("tightest_sufficient", best ? best->id : "");
  if (best && best->ratio_to_n_star) {
    rows.set("ratio_tightest_sufficient", decimal(best->ratio_to_n_star->estimate));
    rows.set("ratio_tightest_sufficient_lower", decimal(best->ratio_to_n_star->lower));
    rows.set("ratio_tightest_sufficient_upper", decimal(best->ratio_to_n_star->upper));
  }
}

}  // namespace

std::string column_identifier(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "x" : out;
}

std::string render_results_csv(const CaseResult& result) {
  const CaseView view = view_of(result);
  Rows rows;
  for (const auto& cell : result.cells) {
    rows.set("cell", std::to_string(cell.cell));
    for (const auto& [key, value] : cell.parameters) rows.exact(key, value);
    rows.set("target", cell.target);
    rows.set("target_digest", cell.target_law.digest);
    mode_columns(cell, view, rows);
    bound_columns(cell, rows);
    rows.set("replay", cell.replay);
    rows.set("engine", cell.engine);
    rows.set("notes", fmt::format("{}", fmt::join(cell.notes, "; ")));
    rows.end_row();
  }
  return render_csv(rows.table({"replay", "engine", "notes"}));
}

}  // namespace elicit::report
