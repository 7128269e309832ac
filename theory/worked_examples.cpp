#include "theory/worked_examples.h"

namespace elicit::theory {
namespace {

WorkedExample example(Theorem theorem, std::string origin,
                      std::initializer_list<std::pair<Param, const char*>> values) {
  WorkedExample result{theorem, std::move(origin), {}};
  for (const auto& [param, text] : values) result.parameters.set(param, parse_rational(text));
  return result;
}

}  // namespace

const std::vector<WorkedExample>& worked_examples() {
  using P = Param;
  static const std::vector<WorkedExample> examples = {
      example(Theorem::T2, "paper A.2 worked example",
              {{P::V, "50000"}, {P::m, "100"}, {P::eps, "0.1"}, {P::delta, "0.01"}}),
      example(Theorem::T4, "paper §6.3 example (\"about 500\")",
              {{P::eps, "0.1"}, {P::delta, "0.01"}}),
      example(Theorem::T5, "paper A.4 scale (10 tokens over V = 50,000)",
              {{P::V, "50000"}, {P::l, "10"}, {P::eps, "0.1"}, {P::delta, "0.01"}}),
      example(Theorem::T2, "docs/theory.md §3.1 table",
              {{P::V, "100"}, {P::m, "10"}, {P::eps, "0.1"}, {P::delta, "0.05"}}),
      example(Theorem::T2, "docs/theory.md §3.1 table",
              {{P::V, "10"}, {P::m, "5"}, {P::eps, "0.2"}, {P::delta, "0.05"}}),
      example(Theorem::T3, "docs/theory.md §3.3 table",
              {{P::d, "10"}, {P::eps, "0.1"}, {P::delta, "0.05"}}),
      example(Theorem::T3, "docs/theory.md §3.3 table",
              {{P::d, "10"}, {P::eps, "0.05"}, {P::delta, "0.01"}}),
      example(Theorem::T3, "docs/theory.md §3.3 table",
              {{P::d, "2"}, {P::eps, "0.05"}, {P::delta, "0.01"}}),
      example(Theorem::T3, "docs/theory.md §3.3 table",
              {{P::d, "100"}, {P::eps, "0.1"}, {P::delta, "0.01"}}),
      example(Theorem::T4, "docs/theory.md §3.4 table", {{P::eps, "0.05"}, {P::delta, "0.05"}}),
      example(Theorem::T5, "docs/theory.md §3.5 table (counterexample scale)",
              {{P::V, "50"}, {P::l, "3"}, {P::eps, "0.1"}, {P::delta, "0.01"}}),
      example(Theorem::T5, "docs/theory.md §3.5 table",
              {{P::V, "10"}, {P::l, "4"}, {P::eps, "0.1"}, {P::delta, "0.05"}}),
      example(Theorem::T1, "docs/theory.md §3.2, binary outputs",
              {{P::V, "2"}, {P::eps, "0.05"}, {P::delta, "0.05"}}),
  };
  return examples;
}

}  // namespace elicit::theory
