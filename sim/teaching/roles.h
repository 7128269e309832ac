// What each part of a construction is for, in one line: its attention heads, its
// MLPs and the named subspaces of its residual stream, looked up by the names the
// constructions (sim/transformer/construction_*.cpp) give them. An unknown name
// throws std::logic_error, so a part added to a construction cannot go unexplained
// (tests/teaching/roles_test.cpp walks every model).
//
//   head_role("counting", "induction")
//     == "induction: attends to positions whose preceding context equals the query's"
#pragma once

#include <string>
#include <string_view>

namespace elicit::teaching {

std::string head_role(std::string_view model, std::string_view head);
std::string mlp_role(std::string_view model, std::string_view mlp);
std::string subspace_meaning(std::string_view model, std::string_view subspace);

}  // namespace elicit::teaching
