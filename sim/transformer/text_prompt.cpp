#include "sim/transformer/text_prompt.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace elicit::transformer {
namespace {

int index_of(std::vector<std::string>& names, const std::string& word) {
  const auto it = std::find(names.begin(), names.end(), word);
  if (it != names.end()) return static_cast<int>(it - names.begin());
  names.push_back(word);
  return static_cast<int>(names.size()) - 1;
}

bool contains(const std::vector<std::string>& names, const std::string& word) {
  return std::find(names.begin(), names.end(), word) != names.end();
}

// With '|' marking the split, the words before it become one context word ("the
// cat"), so that every segment again starts with its context.
std::vector<std::vector<std::string>> join_marked_contexts(
    const std::vector<std::vector<std::string>>& segments) {
  std::vector<std::vector<std::string>> joined;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const bool is_query = s + 1 == segments.size();
    const std::string where =
        is_query ? std::string("the query") : "example " + std::to_string(s + 1);
    const auto& words = segments[s];
    const auto bar = std::find(words.begin(), words.end(), "|");
    if (words.empty()) throw std::invalid_argument(where + " is empty (two ';' in a row?)");
    if (bar == words.end() && !is_query) {
      throw std::invalid_argument(where +
                                  " has no '|': mark the context in every example or in none");
    }
    if (bar != words.end() && std::find(bar + 1, words.end(), "|") != words.end())
      throw std::invalid_argument(where + " has more than one '|'");
    if (bar == words.begin()) throw std::invalid_argument(where + " has no context before '|'");
    std::string context;
    for (auto w = words.begin(); w != bar; ++w) context += (w == words.begin() ? "" : " ") + *w;
    std::vector<std::string> segment = {context};  // a query without '|' is all context
    if (bar != words.end()) segment.insert(segment.end(), bar + 1, words.end());
    joined.push_back(std::move(segment));
  }
  return joined;
}

}  // namespace

std::string TextPrompt::token_name(int token) const {
  if (token == CountingTokens::bos) return "BOS";
  if (token == CountingTokens::sep) return ";";
  const int c = token - 2;
  if (c < spec.contexts) return context_names[static_cast<std::size_t>(c)];
  return output_names[static_cast<std::size_t>(c - spec.contexts)];
}

TextPrompt parse_text_prompt(std::string_view text) {
  std::vector<std::vector<std::string>> segments(1);
  std::string spaced;
  for (char ch : text) {  // ';' and '|' need not be surrounded by spaces
    if (ch == ';' || ch == '|') {
      spaced += std::string(" ") + ch + " ";
    } else {
      spaced += ch;
    }
  }
  std::istringstream words{spaced};
  for (std::string word; words >> word;) {
    if (word == ";") {
      segments.emplace_back();
    } else {
      segments.back().push_back(word);
    }
  }
  const bool split_marked =
      std::any_of(segments.begin(), segments.end(),
                  [](const auto& words_here) { return contains(words_here, "|"); });
  if (split_marked) segments = join_marked_contexts(segments);
  if (segments.size() == 1) {
    throw std::invalid_argument(segments[0].empty()
                                    ? "the prompt is empty"
                                    : "the prompt has no ';': no examples before the query");
  }
  TextPrompt prompt;
  const auto& first = segments.front();
  if (first.size() < 2)
    throw std::invalid_argument("example 1 needs a context and at least one output");
  const int length = static_cast<int>(first.size()) - 1;
  for (std::size_t s = 0; s < segments.size(); ++s) {
    const bool is_query = s + 1 == segments.size();
    const std::string where =
        is_query ? std::string("the query") : "example " + std::to_string(s + 1);
    const auto& words_here = segments[s];
    if (words_here.empty()) throw std::invalid_argument(where + " is empty (two ';' in a row?)");
    if (!is_query && static_cast<int>(words_here.size()) - 1 != length) {
      throw std::invalid_argument(where + " has " + std::to_string(words_here.size() - 1) +
                                  " outputs, example 1 has " + std::to_string(length));
    }
    if (is_query && static_cast<int>(words_here.size()) - 1 >= length) {
      throw std::invalid_argument("the query already has " + std::to_string(length) +
                                  " outputs: nothing left to predict (missing ';'?)");
    }
    if (contains(prompt.output_names, words_here[0])) {
      throw std::invalid_argument(where + ": '" + words_here[0] +
                                  "' is an output word, used here as a context");
    }
    const int context = index_of(prompt.context_names, words_here[0]);
    std::vector<int> outputs;
    for (std::size_t w = 1; w < words_here.size(); ++w) {
      if (contains(prompt.context_names, words_here[w])) {
        throw std::invalid_argument(where + ": '" + words_here[w] +
                                    "' is a context word, used here as an output");
      }
      outputs.push_back(index_of(prompt.output_names, words_here[w]));
    }
    if (is_query) {
      prompt.query = {context, outputs};
    } else {
      prompt.data.push_back({context, outputs});
    }
  }
  prompt.split_marked = split_marked;
  prompt.spec = {static_cast<int>(prompt.context_names.size()),
                 static_cast<int>(prompt.output_names.size()), length};
  prompt.tokens = counting_prompt(prompt.spec, prompt.data, prompt.query);
  return prompt;
}

}  // namespace elicit::transformer
