#include "sim/teaching/html_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace elicit::teaching {
namespace {

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

constexpr const char* kStyle = R"(
body { font: 15px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1180px; color: #222;
       padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 19px; margin-top: 32px; }
h3 { font-size: 16px; margin: 20px 0 8px; border-bottom: 1px solid #ddd; }
code, .mono, table, svg text { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.prompt { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; padding: 0; }
.token { border: 1px solid #bbb; border-radius: 4px; padding: 2px 6px; background: #fafafa;
         font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.token .position { color: #888; font-size: 11px; margin-right: 4px; }
.token.context { background: #e8f0fe; } .token.output { background: #e6f4ea; }
.token.boundary { background: #eee; } .token.label { background: #fef7e0; }
.token.query { background: #fce8e6; font-weight: bold; } .token.weights { background: #f3e8fd; }
.attention-map { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start;
                 border: 1px solid #e3e3e3; border-radius: 6px; padding: 10px; margin: 10px 0; }
.attention-map figcaption, .attention-map .note { flex-basis: 100%; }
.attention-map .role { color: #555; }
.attention-map.has-drift { border-color: #d93025; }
rect.drift { stroke: #d93025; stroke-width: 3; }
rect.focus-row { fill: none; stroke: #f29900; stroke-width: 2; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0; }
th, td { border: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
.mlp { background: #f8f9fa; border-radius: 6px; padding: 6px 10px; margin: 10px 0; }
.note, .result { margin: 4px 0; } .result { font-weight: 600; }
#float .first-difference { background: #e6f4ea; border-left: 4px solid #188038; padding: 6px; }
#float .first-difference.departs { background: #fce8e6; border-left-color: #d93025; }
.check { color: #188038; }
)";

// White to blue for weights in [0, 1]; blue or red by sign, scaled, for linear heads.
std::string colour(double weight, double scale) {
  const double v = std::clamp(std::abs(weight) / scale, 0.0, 1.0);
  const auto mix = [v](int full) { return static_cast<int>(std::lround(255 - v * (255 - full))); };
  return weight >= 0 ? fmt::format("rgb({},{},{})", mix(33), mix(102), mix(172))
                     : fmt::format("rgb({},{},{})", mix(178), mix(24), mix(43));
}

std::string short_label(const std::string& label) {
  return label.size() <= 14 ? label : label.substr(0, 13) + "…";
}

std::string heat_map(const HeadTrace& head, const FloatTrace* drift) {
  const std::size_t rows = head.row_labels.size(), keys = head.key_labels.size();
  const int cell =
      std::clamp(560 / static_cast<int>(std::max<std::size_t>({rows, keys, 1})), 6, 22);
  const int left = 110, top = 90;
  const int width = left + cell * static_cast<int>(keys) + 8;
  const int height = top + cell * static_cast<int>(rows) + 8;
  double scale = 1;
  if (head.scoring == "linear") {
    scale = 0;
    for (const auto& row : head.weights)
      for (const auto& w : row) scale = std::max(scale, std::abs(to_double(w)));
    if (scale == 0) scale = 1;
  }
  std::string svg = fmt::format(
      "<svg class=\"heat-map\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"attention weights of head {}\">\n",
      width, height, width, height, escape(head.name));
  svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f1f1f1\"/>\n",
                     left, top, cell * static_cast<int>(keys), cell * static_cast<int>(rows));
  const int font = std::min(11, cell);
  for (std::size_t j = 0; j < keys; ++j) {
    const int x = left + cell * static_cast<int>(j) + cell / 2;
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" transform=\"rotate(-60 {} {})\">{}</text>\n", x,
        top - 4, font, x, top - 4, escape(short_label(head.key_labels[j])));
  }
  for (std::size_t i = 0; i < rows; ++i) {
    const int y = top + cell * static_cast<int>(i);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"end\">{}</text>\n",
                       left - 4, y + cell - 3, font, escape(short_label(head.row_labels[i])));
    for (std::size_t j = 0; j < head.weights[i].size(); ++j) {
      const bool drifted = drift && drift->head_id == head.id &&
                           drift->row == static_cast<int>(i) && drift->key == static_cast<int>(j);
      svg += fmt::format(
          "<rect{} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} → key {} {}: "
          "weight {}, score {}</title></rect>\n",
          drifted ? " class=\"drift\"" : "", left + cell * static_cast<int>(j), y, cell, cell,
          colour(to_double(head.weights[i][j]), scale), escape(head.row_labels[i]), j,
          escape(head.key_labels[j]), to_string(head.weights[i][j]), to_string(head.scores[i][j]));
    }
  }
  if (head.focus_row >= 0) {
    svg += fmt::format(
        "<rect class=\"focus-row\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", left,
        top + cell * head.focus_row,
        cell * static_cast<int>(head.weights[static_cast<std::size_t>(head.focus_row)].size()),
        cell);
  }
  return svg + "</svg>\n";
}

std::string weights_table(const HeadTrace& head) {
  const auto row = static_cast<std::size_t>(head.focus_row);
  std::string out = fmt::format(
      "<table class=\"weights\"><caption>at the query row ({}), exact</caption>\n"
      "<tr><th>key</th><th>token</th><th>score</th><th>weight</th><th>meaning</th></tr>\n",
      escape(head.row_labels[row]));
  for (std::size_t j = 0; j < head.weights[row].size(); ++j) {
    if (head.scoring != "linear" && head.weights[row][j] == 0) continue;
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", j,
                       escape(head.key_labels[j]), to_string(head.scores[row][j]),
                       to_string(head.weights[row][j]), escape(head.key_notes[j]));
  }
  return out + "</table>\n";
}

std::string html_table(const Table& table) {
  std::string out = fmt::format("<table{}>", table.id.empty() ? "" : " id=\"" + table.id + "\"");
  if (!table.caption.empty()) out += "<caption>" + escape(table.caption) + "</caption>";
  out += "\n<tr>";
  for (const auto& h : table.header) out += "<th>" + escape(h) + "</th>";
  out += "</tr>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (const auto& cell : row) out += "<td>" + escape(cell) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string stream_table(const StreamTrace& stream) {
  Table table{"", "", {"dims", "subspace"}, {}};
  for (const auto& stage : stream.stages) table.header.push_back(stage);
  table.header.push_back("meaning");
  for (const auto& part : stream.subspaces) {
    std::vector<std::string> row = {
        part.size == 1 ? std::to_string(part.offset)
                       : fmt::format("{}-{}", part.offset, part.offset + part.size - 1),
        part.name};
    row.insert(row.end(), part.values.begin(), part.values.end());
    row.push_back(part.meaning);
    table.rows.push_back(std::move(row));
  }
  return html_table(table);
}

std::string paragraphs(const std::vector<std::string>& lines, const std::string& css_class) {
  std::string out;
  for (const auto& line : lines) {
    out += fmt::format("<p class=\"{}\">{}</p>\n", css_class, escape(line));
  }
  return out;
}

}  // namespace

std::string render_html(const Trace& trace) {
  const FloatTrace* drift = trace.float_comparison ? &*trace.float_comparison : nullptr;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>elicit trace: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
      escape(trace.construction), kStyle);
  out += fmt::format("<header id=\"summary\">\n<h1>elicit trace: {}</h1>\n",
                     escape(trace.construction));
  out += paragraphs(trace.summary, "summary-line") + "</header>\n";
  for (const auto& table : trace.tables) out += html_table(table);
  for (const auto& pass : trace.passes) {
    out += fmt::format("<section class=\"pass\" id=\"pass-{}\">\n<h2>{}</h2>\n", pass.id,
                       escape(pass.title));
    out += fmt::format("<ol class=\"prompt\" id=\"prompt-{}\">\n", pass.id);
    for (std::size_t i = 0; i < pass.tokens.size(); ++i) {
      out +=
          fmt::format("<li class=\"token {}{}\"><span class=\"position\">{}</span>{}</li>\n",
                      pass.tokens[i].kind, static_cast<int>(i) == pass.query_row ? " at-query" : "",
                      i, escape(pass.tokens[i].text));
    }
    out += "</ol>\n";
    for (const auto& layer : pass.layers) {
      out += fmt::format("<section class=\"layer\">\n<h3>{}</h3>\n", escape(layer.title));
      for (const auto& head : layer.heads) {
        const bool drifted = drift && drift->head_id == head.id;
        out += fmt::format(
            "<figure class=\"attention-map{}\" id=\"map-{}\">\n<figcaption><b>head {}</b> ({} "
            "attention) <span class=\"role\">{}</span></figcaption>\n",
            drifted ? " has-drift" : "", head.id, escape(head.name), escape(head.scoring),
            escape(head.role));
        out += heat_map(head, drift);
        if (head.focus_row >= 0) out += weights_table(head);
        out += paragraphs(head.notes, "note");
        out += "</figure>\n";
      }
      if (layer.mlp) {
        out += fmt::format(
            "<div class=\"mlp\"><b>mlp {}</b> <span class=\"role\">{}</span>\n{}</div>\n",
            escape(layer.mlp->name), escape(layer.mlp->role), paragraphs(layer.mlp->lines, "mono"));
      }
      for (const auto& table : layer.tables) out += html_table(table);
      out += paragraphs(layer.notes, "note") + "</section>\n";
    }
    for (const auto& table : pass.tables) out += html_table(table);
    out += fmt::format(
        "<section class=\"stream\" id=\"stream-{}\">\n<h3>residual stream at {}: {} dimensions"
        "</h3>\n{}</section>\n",
        pass.id, escape(pass.stream.row), pass.stream.width, stream_table(pass.stream));
    out += paragraphs(pass.result, "result") + "</section>\n";
  }
  out += "<section id=\"output\">\n<h2>Output</h2>\n" + paragraphs(trace.output, "result") +
         paragraphs(trace.checks, "check") + "</section>\n";
  if (drift) {
    out += "<section id=\"float\">\n<h2>Double precision, same weights</h2>\n" +
           paragraphs(drift->lines, "mono") +
           fmt::format("<p class=\"first-difference{}\">first difference: {}</p>\n",
                       drift->departs ? " departs" : "", escape(drift->first_difference)) +
           "</section>\n";
  }
  return out + "</body>\n</html>\n";
}

}  // namespace elicit::teaching
