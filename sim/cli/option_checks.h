// Checks of numeric options whose messages stay short: CLI11's own range checks
// print their bounds in full ("not in range 0.000000 to 179769313486231570…", 309
// digits for a double). The message names the option through CLI11 ("--trials:
// must be a positive integer (got 0)").
//
//   command->add_option("--trials", trials)->check(positive_integer());
#pragma once

#include <CLI/CLI.hpp>

#include <charconv>
#include <limits>
#include <string>
#include <utility>

namespace elicit::cli {

// An integer from 1 to `maximum`, digits only.
inline CLI::Validator positive_integer(long long maximum = std::numeric_limits<long long>::max()) {
  return CLI::Validator(
      [maximum](std::string& text) -> std::string {
        long long value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || value < 1 ||
            value > maximum) {
          if (maximum == std::numeric_limits<long long>::max())
            return "must be a positive integer (got " + text + ")";
          return "must be an integer from 1 to " + std::to_string(maximum) + " (got " + text + ")";
        }
        return "";
      },
      "POSITIVE");
}

// An integer from `low` to `high`, read from the text as typed: CLI11 itself would
// clamp 99999999999999999999 to 2^63 − 1 (and report that) or say "Could not
// convert". `message` holds {low}, {high} and {got}: "V must satisfy {low} <= V <=
// {high} (got {got})".
inline CLI::Validator integer_between(long long low, long long high, const std::string& message) {
  return CLI::Validator(
      [low, high, message](std::string& text) -> std::string {
        long long value = 0;
        const char* first = text.data() + (text.starts_with('+') ? 1 : 0);
        const auto [end, error] = std::from_chars(first, text.data() + text.size(), value);
        if (error == std::errc() && end == text.data() + text.size() && value >= low &&
            value <= high)
          return "";
        std::string out = message;
        for (const auto& [name, with] :
             {std::pair<std::string, std::string>{"{low}", std::to_string(low)},
              {"{high}", std::to_string(high)},
              {"{got}", text}}) {
          for (auto at = out.find(name); at != std::string::npos; at = out.find(name))
            out.replace(at, name.size(), with);
        }
        return out;
      },
      "INTEGER");
}

// An integer from 0 to 2^64 − 1, digits only (seeds).
inline CLI::Validator unsigned_integer() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        unsigned long long value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size())
          return "must be an integer from 0 to 18446744073709551615 (got " + text + ")";
        return "";
      },
      "UINT64");
}

// A file or folder name that is not empty: `--out ''` must not fall back, silently,
// to the default.
inline CLI::Validator non_empty_path() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text.empty() ? "must name a file or folder (got an empty name)" : "";
      },
      "PATH");
}

}  // namespace elicit::cli
