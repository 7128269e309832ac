#include "theory/theorem.h"

#include <cctype>
#include <string>

namespace elicit::theory {

std::optional<Theorem> parse_theorem(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return parse_name(kTheoremNames, upper);
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

Metric statement_metric(Theorem theorem) {
  switch (theorem) {
    case Theorem::T1:
      return Metric::tv;
    case Theorem::T2:
    case Theorem::T5:
      return Metric::l1;
    case Theorem::T3:
      return Metric::zero_one;
    case Theorem::T4:
      return Metric::absolute;
  }
  return Metric::l1;
}

}  // namespace elicit::theory
