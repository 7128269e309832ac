#include "sim/report/text_forms.h"

#include "sim/report/latex_text.h"

namespace elicit::report {

Text prose(std::string_view plain) {
  return {std::string(plain), latex_prose(plain), html_escape(plain)};
}

Text symbol(std::string_view key) {
  if (key == "eps") return {"ε", "$\\varepsilon$", "ε"};
  if (key == "delta") return {"δ", "$\\delta$", "δ"};
  const std::string name(key);
  const std::string latex = name.size() == 1 ? name : "\\mathit{" + latex_prose(name) + "}";
  return {name, "$" + latex + "$", "<i>" + html_escape(name) + "</i>"};
}

Text concat(const std::vector<Text>& pieces) {
  Text out;
  for (const auto& piece : pieces) {
    out.plain += piece.plain;
    out.latex += piece.latex;
    out.html += piece.html;
  }
  return out;
}

}  // namespace elicit::report
