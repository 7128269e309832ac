// "Did you mean": the known name a typo most likely meant, for messages about an
// unknown key or option. Close means at most one edit for names of up to 5
// characters and two beyond (an edit inserts, deletes or changes a character, or
// swaps two neighbours; case is ignored), or that one name starts with the other.
//
//   closest_name("trails", {"trials", "threads"}) == "trials"
//   closest_name("epsilon", {"eps", "delta"}) == "eps"
#pragma once

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace elicit {

inline std::size_t edit_distance(const std::string& a, const std::string& b) {
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (same(a[i - 1], b[j - 1]) ? 0 : 1)});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

inline std::optional<std::string> closest_name(const std::string& given,
                                               const std::set<std::string>& known) {
  auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& name : known) {
    std::size_t distance = edit_distance(given, name);
    const std::string a = lower(given), b = lower(name);
    if (!a.empty() && !b.empty() && (a.starts_with(b) || b.starts_with(a)))
      distance = std::min<std::size_t>(distance, 1);
    if (!best || distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  const std::size_t allowed = given.size() <= 5 ? 1 : 2;
  if (best && best_distance <= allowed) return best;
  return std::nullopt;
}

}  // namespace elicit
