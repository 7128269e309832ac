#include "theory/theorem.h"

namespace elicit::theory {

std::string_view theorem_name(Theorem theorem) {
  switch (theorem) {
    case Theorem::T1:
      return "T1";
    case Theorem::T2:
      return "T2";
    case Theorem::T3:
      return "T3";
    case Theorem::T4:
      return "T4";
    case Theorem::T5:
      return "T5";
  }
  return "?";
}

std::optional<Theorem> parse_theorem(std::string_view text) {
  for (Theorem theorem : kAllTheorems) {
    const std::string_view name = theorem_name(theorem);
    if (text.size() == 2 && (text[0] == 'T' || text[0] == 't') && text[1] == name[1]) {
      return theorem;
    }
  }
  return std::nullopt;
}

std::string_view kind_name(BoundKind kind) {
  switch (kind) {
    case BoundKind::paper:
      return "paper (const 1)";
    case BoundKind::paper_literal:
      return "paper literal";
    case BoundKind::sufficient:
      return "sufficient";
    case BoundKind::lower:
      return "lower";
    case BoundKind::lower_asymptotic:
      return "lower (asymptotic)";
  }
  return "?";
}

std::string_view theorem_summary(Theorem theorem) {
  switch (theorem) {
    case Theorem::T1:
      return "T1/Lemma 3: ICL on N examples per query reproduces the fine-tuned conditional, "
             "TV error O(1/sqrt N); sizes are N per query";
    case Theorem::T2:
      return "T2: m contexts, next-token distributions over V symbols, sup L1 error <= eps "
             "w.p. 1-delta; sizes are |D'| in total (per context n_i beside)";
    case Theorem::T3:
      return "T3: linear classification in dimension d, 0-1 disagreement <= eps; sizes are |D'|";
    case Theorem::T4:
      return "T4: k retrieved examples per query, |P_base - P_fine| <= eps w.p. 1-delta; sizes "
             "are k";
    case Theorem::T5:
      return "T5: sequences of length l over V symbols, k examples per context; sizes are k "
             "(delta/m per context when m > 1)";
  }
  return "";
}

}  // namespace elicit::theory
