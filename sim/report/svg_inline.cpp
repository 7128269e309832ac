#include "sim/report/svg_inline.h"

namespace elicit::report {
namespace {

// Inserts `prefix` after each occurrence of `marker` (an opening of an id or a
// reference), for both quote styles.
std::string prefix_after(std::string_view text, std::string_view marker, std::string_view prefix) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(marker, start);
    if (at == std::string_view::npos) break;
    out.append(text.substr(start, at + marker.size() - start));
    out.append(prefix);
    start = at + marker.size();
  }
  out.append(text.substr(start));
  return out;
}

}  // namespace

std::string inline_svg(std::string_view svg, std::string_view id_prefix) {
  std::string_view body = svg;
  if (body.substr(0, 5) == "<?xml") {
    const std::size_t end = body.find("?>");
    body = end == std::string_view::npos ? body : body.substr(end + 2);
  }
  const std::size_t first = body.find('<');
  if (first != std::string_view::npos) body = body.substr(first);
  std::string out(body);
  for (std::string_view marker : {" id=\"", " id='", "href=\"#", "href='#", "url(#"})
    out = prefix_after(out, marker, id_prefix);
  return out;
}

}  // namespace elicit::report
