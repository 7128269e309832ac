// A bound: one named formula of docs/theory.md §3 for one theorem, with its kind, its
// source and the reading of the theorem it belongs to.
//
//   for (const Bound& bound : bounds_of(Theorem::T2)) {
//     if (auto result = bound.evaluate(validate(Theorem::T2, params))) ...
//   }
#pragma once

#include "theory/parameters.h"
#include "theory/sample_size.h"
#include "theory/theorem.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace elicit::theory {

struct Evaluation {
  SampleSize size;                        // the theorem's unit (see theorem_summary)
  std::optional<SampleSize> per_context;  // T2: n_i beside the total m·n_i
  std::string note;                       // validity conditions, side facts
};

struct Bound {
  std::string id;  // "T2/mcdiarmid": unique, stable, used in tables and tests
  Theorem theorem;
  std::string reading;  // the interpretation it measures, e.g. "T5/sup-norm"
  BoundKind kind;
  std::string formula;     // as in docs/theory.md §3.6
  std::string source;      // reference and docs/theory.md section
  bool constant_verified;  // false: constants recalled, not checked against the original
  // Whether the size depends on δ. A claim without δ (T3 as the paper states it) is
  // compared only with lower bounds that do not either: a confidence term of a
  // lower bound says nothing about a statement that has no confidence.
  bool uses_delta;
  // nullopt when the formula does not apply at these inputs (e.g. binary-only).
  std::function<std::optional<Evaluation>(const Inputs&)> evaluate;
};

// Every bound of a theorem, paper rows first, in a stable order.
const std::vector<Bound>& bounds_of(Theorem theorem);

// One evaluated row, with the findings that compare it to its reading's other rows.
struct BoundRow {
  const Bound* bound;
  Evaluation evaluation;
  std::vector<std::string> findings;  // e.g. "below lower bound T3/ehkv-lower (87.5)"
};

// Evaluates every applicable bound of the theorem and annotates each paper row:
// below which rigorous lower bounds of its reading it falls (a finding: the
// constant-1 formula cannot suffice there; asymptotic approximations never make a
// finding), and whether some rigorous sufficient size of its reading is below it
// (then the paper's value is proven sufficient there).
std::vector<BoundRow> evaluate_bounds(Theorem theorem, const Inputs& inputs);

}  // namespace elicit::theory
