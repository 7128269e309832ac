// What a cell of a case computes (the [case] mode of a case file):
//
//   n_star   the smallest sample size whose failure rate is <= δ, with its interval
//   verdict  HOLDS / VIOLATED / INCONCLUSIVE at one sample size
//   rate     the error's mean and (1 − δ)-quantile at one sample size
//   worst_target  the hardest law of a family at one sample size, and its n* beside the
//                 uniform law's (engine/worst_target_search.h)
#pragma once

#include "sim/util/enum_names.h"

namespace elicit::engine {

enum class Mode { n_star, verdict, rate, worst_target };
inline constexpr EnumNames<Mode, 4> kModeNames = {{{Mode::n_star, "n_star"},
                                                   {Mode::verdict, "verdict"},
                                                   {Mode::rate, "rate"},
                                                   {Mode::worst_target, "worst_target"}}};
inline std::string_view mode_name(Mode mode) { return name_of(kModeNames, mode); }

}  // namespace elicit::engine
