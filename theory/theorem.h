// The theorems of arXiv 2506.08060 that elicit checks, and the kinds of bound
// attached to each (docs/theory.md §2 and §3).
#pragma once

#include "sim/util/enum_names.h"
#include "theory/metric.h"

#include <array>
#include <optional>
#include <string_view>

namespace elicit::theory {

enum class Theorem { T1, T2, T3, T4, T5 };

inline constexpr EnumNames<Theorem, 5> kTheoremNames = {{{Theorem::T1, "T1"},
                                                         {Theorem::T2, "T2"},
                                                         {Theorem::T3, "T3"},
                                                         {Theorem::T4, "T4"},
                                                         {Theorem::T5, "T5"}}};

// What a formula's value means relative to the true requirement.
enum class BoundKind {
  paper,             // the paper's O(.) with the constant 1 its own examples use
  paper_literal,     // an intermediate formula the paper writes down before simplifying
  sufficient,        // a rigorous sufficient size: at least this many always suffice
  lower,             // a rigorous necessary size: fewer can never suffice
  lower_asymptotic,  // a necessary size from a normal/asymptotic approximation
};

inline constexpr EnumNames<BoundKind, 5> kBoundKindNames = {
    {{BoundKind::paper, "paper (const 1)"},
     {BoundKind::paper_literal, "paper literal"},
     {BoundKind::sufficient, "sufficient"},
     {BoundKind::lower, "lower"},
     {BoundKind::lower_asymptotic, "lower (asymptotic)"}}};

inline std::string_view theorem_name(Theorem theorem) { return name_of(kTheoremNames, theorem); }
std::optional<Theorem> parse_theorem(std::string_view text);  // "T2" or "t2"
inline std::string_view kind_name(BoundKind kind) { return name_of(kBoundKindNames, kind); }

// One line on what the theorem claims and what its sizes count.
std::string_view theorem_summary(Theorem theorem);

// The error measure the theorem is stated in (docs/theory.md §1): its ε lies in
// (0, metric_maximum).
Metric statement_metric(Theorem theorem);

inline bool is_lower(BoundKind kind) {
  return kind == BoundKind::lower || kind == BoundKind::lower_asymptotic;
}
inline bool is_paper(BoundKind kind) {
  return kind == BoundKind::paper || kind == BoundKind::paper_literal;
}

}  // namespace elicit::theory
