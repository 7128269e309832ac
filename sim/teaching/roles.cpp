#include "sim/teaching/roles.h"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <stdexcept>

namespace elicit::teaching {
namespace {

using Roles = std::map<std::string, std::string, std::less<>>;

// The counting construction numbers some parts: shift1.., query0.. Their role is
// the same sentence with the number in it.
std::optional<int> numbered(std::string_view name, std::string_view stem) {
  if (name.substr(0, stem.size()) != stem || name.size() == stem.size()) return std::nullopt;
  int k = 0;
  for (char c : name.substr(stem.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    k = 10 * k + (c - '0');
  }
  return k;
}

std::string look_up(const Roles& roles, std::string_view model, std::string_view kind,
                    std::string_view name) {
  const auto it = roles.find(name);
  if (it == roles.end()) {
    throw std::logic_error(fmt::format("no teaching text for {} '{}' of {}", kind, name, model));
  }
  return it->second;
}

}  // namespace

std::string head_role(std::string_view model, std::string_view head) {
  if (model == "counting") {
    if (const auto k = numbered(head, "shift")) {
      return fmt::format(
          "shift: copies the symbol {} place{} back (score 2(i-{})j - j², "
          "largest at key j = i-{})",
          *k, *k == 1 ? "" : "s", *k, *k);
    }
    static const Roles roles = {
        {"boundary", "boundary: finds the latest ';' or BOS (score (i+1)·[key is a boundary] + j)"},
        {"induction",
         "induction: attends to positions whose preceding context equals the query's (score 2 "
         "per matching symbol)"},
    };
    return look_up(roles, model, "head", head);
  }
  static const std::map<std::string, Roles, std::less<>> roles = {
      {"label-averaging",
       {{"average labels",
         "averaging: attends equally to every label row (score 1 for a label row, 0 otherwise)"}}},
      {"gradient-descent",
       {{"update residuals",
         "GD at the examples: r_i -= (η/N) Σ_j (x_i·x_j) r_j, so r_i stays y_i - w·x_i"},
        {"update prediction",
         "GD at the query: p += (η/N) Σ_j (x_q·x_j) r_j = (w_{t+1} - w_t)·x_q"}}},
      {"looped-perceptron",
       {{"most violated",
         "perceptron: attends to the example of least margin y(w·x+b) (score = -margin; ties: "
         "the latest; the weight row's own key, score 0, means none is violated)"}}},
  };
  const auto it = roles.find(model);
  if (it == roles.end()) throw std::logic_error(fmt::format("no teaching text for {}", model));
  return look_up(it->second, model, "head", head);
}

std::string mlp_role(std::string_view model, std::string_view mlp) {
  static const std::map<std::string, Roles, std::less<>> roles = {
      {"counting",
       {{"gates",
         "gates: [offset >= k] = ReLU(offset-k+1) - ReLU(offset-k), which symbols k back are "
         "still inside the query's example"},
        {"gated prefix",
         "gated prefix: query_k = the symbol k back where its gate is open, the prefix the "
         "induction head matches"}}},
  };
  const auto it = roles.find(model);
  if (it == roles.end()) throw std::logic_error(fmt::format("no teaching text for {}", model));
  return look_up(it->second, model, "mlp", mlp);
}

std::string subspace_meaning(std::string_view model, std::string_view subspace) {
  if (model == "counting") {
    if (const auto k = numbered(subspace, "shift")) {
      return fmt::format("the symbol {} place{} back (written by head shift{})", *k,
                         *k == 1 ? "" : "s", *k);
    }
    if (const auto k = numbered(subspace, "query")) {
      return *k == 0 ? "the current symbol, always part of the prefix to match"
                     : fmt::format("the symbol {} back if still in this example, else empty", *k);
    }
  }
  static const std::map<std::string, Roles, std::less<>> roles = {
      {"counting",
       {{"tok", "the token, one-hot (BOS, ';', contexts, outputs)"},
        {"sym", "the symbol, one-hot (boundary for BOS and ';', then contexts, outputs)"},
        {"pos", "(p, p², 1): position, its square, a constant (the shift heads' scores)"},
        {"sep_pos", "the position of the latest boundary (head boundary)"},
        {"gate", "gate_k = [offset >= k], offset = p - sep_pos (MLP gates)"},
        {"gate_sum", "1 + Σ gates = the number of symbols to match (MLP gated prefix)"},
        {"out", "the output: p̂(next symbol) (head induction)"}}},
      {"label-averaging",
       {{"is_label", "1 at a label row"},
        {"label", "the label, at a label row"},
        {"x", "the example's or query's vector (carried: retrieval happened before)"},
        {"one", "the constant 1 (the query vector of the averaging head)"},
        {"mean", "the output: the mean label (head average labels)"}}},
      {"gradient-descent",
       {{"x_example", "x_j at example row j"},
        {"x_query", "x_q at the query row"},
        {"residual", "r_j = y_j - w_t·x_j at example rows: starts as y_j (w_0 = 0)"},
        {"prediction", "w_t·x_q at the query row: the output"}}},
      {"looped-perceptron",
       {{"z", "z_j = y_j·(x_j, 1) at example row j"},
        {"w", "(w, b) at the weight row: the output"}}},
  };
  const auto it = roles.find(model);
  if (it == roles.end()) throw std::logic_error(fmt::format("no teaching text for {}", model));
  return look_up(it->second, model, "subspace", subspace);
}

}  // namespace elicit::teaching
