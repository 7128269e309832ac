#include "sim/report/formula_text.h"

#include <cctype>
#include <map>
#include <vector>

namespace elicit::report {
namespace {

struct Token {
  enum Kind { name, number, symbol, space } kind;
  std::string text;
};

std::vector<Token> tokenize(std::string_view formula) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < formula.size();) {
    const auto c = static_cast<unsigned char>(formula[i]);
    std::size_t j = i + 1;
    Token::Kind kind = Token::symbol;
    if (std::isalpha(c)) {
      while (j < formula.size() && std::isalnum(static_cast<unsigned char>(formula[j]))) ++j;
      kind = Token::name;
    } else if (std::isdigit(c) || (c == '.' && j < formula.size() && std::isdigit(formula[j]))) {
      while (j < formula.size() &&
             (std::isdigit(static_cast<unsigned char>(formula[j])) || formula[j] == '.'))
        ++j;
      kind = Token::number;
    } else if (std::isspace(c)) {
      while (j < formula.size() && std::isspace(static_cast<unsigned char>(formula[j]))) ++j;
      kind = Token::space;
    } else if ((c == '<' || c == '>' || c == '!') && j < formula.size() && formula[j] == '=') {
      ++j;
    }
    tokens.push_back({kind, std::string(formula.substr(i, j - i))});
    i = j;
  }
  return tokens;
}

// One converter for both targets: they differ only in the spelling of each piece.
class Converter {
 public:
  Converter(std::vector<Token> tokens, bool latex) : tokens_(std::move(tokens)), latex_(latex) {}

  std::string all() {
    std::string out;
    while (position_ < tokens_.size()) out += piece();
    return out;
  }

 private:
  std::vector<Token> tokens_;
  bool latex_;
  std::size_t position_ = 0;

  bool at(std::string_view text) const {
    return position_ < tokens_.size() && tokens_[position_].text == text;
  }

  // From an opening '(' or '{' to its match, converted; the brackets dropped.
  std::string group() {
    const std::string close = tokens_[position_].text == "(" ? ")" : "}";
    ++position_;
    std::string out;
    while (position_ < tokens_.size()) {  // nested groups are taken whole by piece()
      if (tokens_[position_].text == close) {
        ++position_;
        break;
      }
      out += piece();
    }
    return out;
  }

  // What follows ^ or _: a bracketed group, or one token.
  std::string script() {
    if (at("(") || at("{")) {
      const bool parenthesised = at("(");
      std::string inner = group();
      // A plain superscript loses the brackets; a Unicode one keeps them to stay legible.
      if (!latex_ && parenthesised) inner = "(" + inner + ")";
      return inner;
    }
    if (position_ < tokens_.size()) return piece();
    return {};
  }

  std::string superscript_plain(const std::string& text) {
    static const std::map<std::string, std::string> kSmall = {
        {"2", "²"}, {"3", "³"}, {"l", "ˡ"}, {"V", "ⱽ"}, {"D", "ᴰ"}};
    const auto it = kSmall.find(text);
    return it != kSmall.end() ? it->second : "^" + text;
  }

  std::string name(const std::string& text) {
    static const std::map<std::string, std::pair<std::string, std::string>> kNames = {
        {"eps", {"\\varepsilon", "ε"}}, {"delta", {"\\delta", "δ"}}, {"pi", {"\\pi", "π"}},
        {"ln", {"\\ln", "ln"}},         {"log", {"\\log", "log"}},   {"log2", {"\\log_2", "log₂"}},
        {"exp", {"\\exp", "exp"}},      {"max", {"\\max", "max"}},   {"min", {"\\min", "min"}},
        {"Delta", {"\\Delta", "Δ"}},    {"eta", {"\\eta", "η"}},
    };
    const auto it = kNames.find(text);
    if (it != kNames.end()) return latex_ ? it->second.first + " " : it->second.second;
    if (!latex_ || text.size() == 1) return text;
    return "\\mathrm{" + text + "}";
  }

  std::string piece() {
    const Token token = tokens_[position_++];
    switch (token.kind) {
      case Token::space:
        return latex_ ? "" : " ";
      case Token::number:
        return token.text;
      case Token::name:
        if ((token.text == "sqrt" || token.text == "ceil") && at("(")) {
          const std::string inner = group();
          if (token.text == "sqrt") return latex_ ? "\\sqrt{" + inner + "}" : "√(" + inner + ")";
          return latex_ ? "\\lceil " + inner + "\\rceil " : "⌈" + inner + "⌉";
        }
        return name(token.text);
      case Token::symbol:
        break;
    }
    const std::string& s = token.text;
    if (s == "^" || s == "_") {
      const std::string inner = script();
      if (latex_) return s + "{" + inner + "}";
      return s == "^" ? superscript_plain(inner) : "_" + inner;
    }
    if (s == "{" || s == "(") {
      --position_;
      const std::string inner = group();
      if (s == "{") return latex_ ? "{" + inner + "}" : inner;
      return "(" + inner + ")";
    }
    if (latex_) {
      static const std::map<std::string, std::string> kSymbols = {
          {"*", "\\cdot "}, {"<=", "\\le "}, {">=", "\\ge "}, {"!=", "\\ne "},
          {"[", "\\quad["}, {"%", "\\%"},    {"&", "\\&"},    {"#", "\\#"},
          {"$", "\\$"},     {"~", "\\sim "}, {",", ",\\ "},   {"\\", "\\backslash "}};
      const auto it = kSymbols.find(s);
      return it != kSymbols.end() ? it->second : s;
    }
    static const std::map<std::string, std::string> kSymbols = {
        {"*", "·"}, {"<=", "≤"}, {">=", "≥"}, {"!=", "≠"}, {"-", "−"}};
    const auto it = kSymbols.find(s);
    return it != kSymbols.end() ? it->second : s;
  }
};

}  // namespace

std::string formula_latex(std::string_view formula) {
  std::string body = Converter(tokenize(formula), true).all();
  while (!body.empty() && body.back() == ' ') body.pop_back();
  return "$" + body + "$";
}

std::string formula_plain(std::string_view formula) {
  return Converter(tokenize(formula), false).all();
}

}  // namespace elicit::report
