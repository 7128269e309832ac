#include "sim/teaching/text_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace elicit::teaching {
namespace {

// Display width of UTF-8 text: code points, not bytes (², η, Σ count once).
std::size_t width_of(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t have = width_of(text);
  return have >= width ? text : text + std::string(width - have, ' ');
}

std::string render_head(const HeadTrace& head) {
  std::string out =
      fmt::format("  head {} ({} attention)\n    {}\n", head.name, head.scoring, head.role);
  if (head.focus_row >= 0) {
    const auto& scores = head.scores[static_cast<std::size_t>(head.focus_row)];
    const auto& weights = head.weights[static_cast<std::size_t>(head.focus_row)];
    const bool hard = head.scoring != "linear";
    std::size_t others = 0, best_count = 0, best_key = 0;
    std::optional<Rational> best_other;
    for (std::size_t j = 0; j < weights.size(); ++j) {
      if (hard && weights[j] == 0) {
        ++others;
        if (!best_other || scores[j] > *best_other) {
          best_other = scores[j];
          best_count = 0;
        }
        if (scores[j] == *best_other) {
          ++best_count;
          best_key = j;
        }
        continue;
      }
      std::string line =
          fmt::format("    key {:>3} {} score {} weight {}", j, pad(head.key_labels[j], 6),
                      pad(to_string(scores[j]), 8), pad(to_string(weights[j]), 8));
      if (!head.key_notes[j].empty()) line += "  " + head.key_notes[j];
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    if (others > 0) {
      const std::string where =
          best_count == 1 ? fmt::format(" at key {} {}", best_key, head.key_labels[best_key])
                          : fmt::format(" at {} keys", best_count);
      out += fmt::format("    ({} other key{}: weight 0, best score {}{})\n", others,
                         others == 1 ? "" : "s", to_string(*best_other), where);
    }
  }
  for (const auto& note : head.notes) out += "    " + note + "\n";
  return out;
}

std::string render_stream(const StreamTrace& stream) {
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
  return fmt::format("\nresidual stream at {}: {} dimensions, {} named subspaces\n", stream.row,
                     stream.width, stream.subspaces.size()) +
         render_text_table(table, "  ");
}

}  // namespace

std::string render_text_table(const Table& table, const std::string& indent) {
  std::vector<std::size_t> widths(table.header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], width_of(row[c]));
  };
  measure(table.header);
  for (const auto& row : table.rows) measure(row);
  auto line = [&](const std::vector<std::string>& row) {
    std::string out = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += c + 1 < row.size() ? pad(row[c], widths[c]) + "  " : row[c];
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = table.caption.empty() ? "" : indent + table.caption + "\n";
  out += line(table.header);
  for (const auto& row : table.rows) out += line(row);
  return out;
}

std::string render_text(const Trace& trace, const TextOptions& options) {
  std::string out;
  for (const auto& line : trace.summary) out += line + "\n";
  for (const auto& table : trace.tables) out += "\n" + render_text_table(table, "");
  for (const auto& pass : trace.passes) {
    out += "\n" + pass.title + "\n";
    out += "tokens:";
    for (std::size_t i = 0; i < pass.tokens.size(); ++i) {
      out += fmt::format(" {}:{}", i, pass.tokens[i].text);
    }
    out += fmt::format("\nresidual stream: {} dimensions{}; attention listed at {}, position {}\n",
                       pass.stream.width, options.show_layout ? "" : " (--layout names them)",
                       pass.query_row_name, pass.query_row);
    for (const auto& layer : pass.layers) {
      out += "\n" + layer.title + "\n";
      for (const auto& head : layer.heads) out += render_head(head);
      if (layer.mlp) {
        out += fmt::format("  mlp {}\n    {}\n", layer.mlp->name, layer.mlp->role);
        for (const auto& line : layer.mlp->lines) out += "    " + line + "\n";
      }
      for (const auto& table : layer.tables) out += render_text_table(table, "  ");
      for (const auto& note : layer.notes) out += "  " + note + "\n";
    }
    for (const auto& table : pass.tables) out += "\n" + render_text_table(table, "");
    if (options.show_layout) out += render_stream(pass.stream);
    if (!pass.result.empty()) out += "\n";
    for (const auto& line : pass.result) out += line + "\n";
  }
  out += "\n";
  for (std::size_t i = 0; i < trace.output.size(); ++i) {
    out += (i == 0 ? "output: " : "        ") + trace.output[i] + "\n";
  }
  for (const auto& check : trace.checks) out += "check: " + check + "\n";
  if (trace.float_comparison) {
    out += "\n";
    for (const auto& line : trace.float_comparison->lines) out += line + "\n";
    out += "first difference: " + trace.float_comparison->first_difference + "\n";
  }
  return out;
}

}  // namespace elicit::teaching
