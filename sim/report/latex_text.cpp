#include "sim/report/latex_text.h"

#include <cctype>
#include <map>

namespace elicit::report {
namespace {

// Unicode characters that occur in elicit's strings, and their LaTeX.
const std::map<std::string, std::string, std::less<>>& unicode_to_latex() {
  static const std::map<std::string, std::string, std::less<>> table = {
      {"ε", "\\ensuremath{\\varepsilon}"},
      {"δ", "\\ensuremath{\\delta}"},
      {"η", "\\ensuremath{\\eta}"},
      {"α", "\\ensuremath{\\alpha}"},
      {"β", "\\ensuremath{\\beta}"},
      {"γ", "\\ensuremath{\\gamma}"},
      {"σ", "\\ensuremath{\\sigma}"},
      {"π", "\\ensuremath{\\pi}"},
      {"Δ", "\\ensuremath{\\Delta}"},
      {"Θ", "\\ensuremath{\\Theta}"},
      {"Π", "\\ensuremath{\\Pi}"},
      {"ℓ", "\\ensuremath{\\ell}"},
      {"≥", "\\ensuremath{\\geq}"},
      {"≤", "\\ensuremath{\\leq}"},
      {"≠", "\\ensuremath{\\neq}"},
      {"≈", "\\ensuremath{\\approx}"},
      {"≪", "\\ensuremath{\\ll}"},
      {"≫", "\\ensuremath{\\gg}"},
      {"×", "\\ensuremath{\\times}"},
      {"·", "\\ensuremath{\\cdot}"},
      {"−", "\\ensuremath{-}"},
      {"±", "\\ensuremath{\\pm}"},
      {"∞", "\\ensuremath{\\infty}"},
      {"∈", "\\ensuremath{\\in}"},
      {"→", "\\ensuremath{\\to}"},
      {"√", "\\ensuremath{\\surd}"},
      {"‖", "\\ensuremath{\\|}"},
      {"′", "\\ensuremath{'}"},
      {"⌈", "\\ensuremath{\\lceil}"},
      {"⌉", "\\ensuremath{\\rceil}"},
      {"²", "\\ensuremath{^2}"},
      {"³", "\\ensuremath{^3}"},
      {"⁻", "\\ensuremath{^-}"},
      {"¹", "\\ensuremath{^1}"},
      {"½", "\\ensuremath{\\tfrac12}"},
      {"₁", "\\ensuremath{_1}"},
      {"–", "--"},
      {"—", "---"},
      {"…", "\\dots{}"},
      {"§", "\\S{}"},
      {"’", "'"},
      {"‘", "`"},
      {"“", "``"},
      {"”", "''"},
      {"é", "\\'e"},
      {"è", "\\`e"},
      {"ö", "\\\"o"},
      {"ü", "\\\"u"},
      {"ä", "\\\"a"},
      {"á", "\\'a"},
      {"\u00a0", "~"},
      {"\u2009", "\\,"},
  };
  return table;
}

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;  // a stray continuation byte: one unknown character
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Whether `word` stands alone at text[i] (no letter, digit or '_' around it).
bool whole_word_at(std::string_view text, std::size_t i, std::string_view word) {
  if (text.substr(i, word.size()) != word) return false;
  if (i > 0 && word_char(text[i - 1])) return false;
  const std::size_t end = i + word.size();
  return end >= text.size() || !word_char(text[end]);
}

}  // namespace

std::string latex_prose(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const std::string_view two = text.substr(i, 2);
    if (two == ">=" || two == "<=" || two == "!=") {
      out += two == ">="   ? "\\ensuremath{\\geq}"
             : two == "<=" ? "\\ensuremath{\\leq}"
                           : "\\ensuremath{\\neq}";
      i += 2;
      continue;
    }
    if (whole_word_at(text, i, "eps")) {
      out += "\\ensuremath{\\varepsilon}";
      i += 3;
      continue;
    }
    if (whole_word_at(text, i, "delta")) {
      out += "\\ensuremath{\\delta}";
      i += 5;
      continue;
    }
    const auto lead = static_cast<unsigned char>(c);
    if (lead >= 0x80) {
      const std::size_t length = std::min(utf8_length(lead), text.size() - i);
      const std::string_view character = text.substr(i, length);
      i += length;
      if (character == "\u0302") {  // combining circumflex: a hat on the letter before
        if (!out.empty() && std::isalpha(static_cast<unsigned char>(out.back()))) {
          const char letter = out.back();
          out.pop_back();
          out += std::string("\\ensuremath{\\hat{") + letter + "}}";
        }
        continue;
      }
      const auto& table = unicode_to_latex();
      const auto it = table.find(character);
      out += it == table.end() ? "?" : it->second;
      continue;
    }
    switch (c) {
      case '_':
      case '%':
      case '&':
      case '#':
      case '$':
      case '{':
      case '}':
        out += '\\';
        out += c;
        break;
      case '^':
        out += "\\^{}";
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '<':
        out += "\\ensuremath{<}";
        break;
      case '>':
        out += "\\ensuremath{>}";
        break;
      case '|':
        out += "\\ensuremath{|}";
        break;
      default:
        out += c;
    }
    ++i;
  }
  return out;
}

std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "x" : out;
}

std::string html_escape(std::string_view text) {
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

std::size_t display_length(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++count;
  }
  return count;
}

}  // namespace elicit::report
