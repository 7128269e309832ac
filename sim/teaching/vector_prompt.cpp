#include "sim/teaching/vector_prompt.h"

#include <sstream>
#include <stdexcept>
#include <string>

namespace elicit::teaching {
namespace {

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == separator) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in{text};
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

Rational number(const std::string& word, const std::string& where) {
  try {
    return parse_rational(word);
  } catch (const ParseError& error) {
    throw std::invalid_argument(where + ": '" + word + "' is not a number (" + error.what() + ")");
  }
}

}  // namespace

VectorPrompt parse_vector_prompt(std::string_view text) {
  const std::vector<std::string> items = split(text, ';');
  if (items.size() == 1 && words_of(items[0]).empty())
    throw std::invalid_argument("the prompt is empty");
  VectorPrompt prompt;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool last = i + 1 == items.size();
    const std::string where = "item " + std::to_string(i + 1);
    const std::vector<std::string> sides = split(items[i], ':');
    if (sides.size() > 2) throw std::invalid_argument(where + " has more than one ':'");
    const std::vector<std::string> coordinates = words_of(sides[0]);
    if (coordinates.empty()) {
      throw std::invalid_argument(where + (words_of(items[i]).empty()
                                               ? " is empty (two ';' in a row?)"
                                               : " has no coordinates before ':'"));
    }
    std::vector<Rational> x;
    x.reserve(coordinates.size());
    for (const auto& word : coordinates) x.push_back(number(word, where));
    if (prompt.dimension == 0) prompt.dimension = static_cast<int>(x.size());
    if (static_cast<int>(x.size()) != prompt.dimension) {
      throw std::invalid_argument(where + " has " + std::to_string(x.size()) +
                                  " coordinates, item 1 has " + std::to_string(prompt.dimension));
    }
    const std::vector<std::string> label =
        sides.size() == 2 ? words_of(sides[1]) : std::vector<std::string>{};
    const bool is_query = sides.size() == 1 || (label.size() == 1 && label[0] == "?");
    if (is_query) {
      if (!last) {
        throw std::invalid_argument(where +
                                    (sides.size() == 1 ? " has no ': label'" : " has label '?'") +
                                    ": only the last item, the query, may go without a label");
      }
      prompt.query = std::move(x);
      continue;
    }
    if (label.size() != 1) {
      throw std::invalid_argument(where + (label.empty() ? " has no label after ':'"
                                                         : " has more than one label after ':'"));
    }
    prompt.examples.push_back({std::move(x), number(label[0], where + "'s label")});
  }
  if (prompt.examples.empty()) {
    throw std::invalid_argument("the prompt has a query and no labelled examples before it");
  }
  return prompt;
}

}  // namespace elicit::teaching
