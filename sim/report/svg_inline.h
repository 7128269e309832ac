// An SVG file made fit to sit inside an HTML page beside others: the XML
// declaration dropped, and every id (and every reference to one: href="#x",
// url(#x)) prefixed, because gnuplot names the same ids in every figure and a page
// must not hold an id twice.
//
//   std::string svg = inline_svg(read("plots/n_star_vs_V.svg"), "t2-vocab-n-star-vs-v-");
#pragma once

#include <string>
#include <string_view>

namespace elicit::report {

std::string inline_svg(std::string_view svg, std::string_view id_prefix);

}  // namespace elicit::report
