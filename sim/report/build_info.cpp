#include "sim/report/build_info.h"

#include "elicit/build_identity.h"  // generated: version, commit, build type

#include <fmt/format.h>
#include <gmp.h>
#include <boost/version.hpp>
#include <nlohmann/json.hpp>

namespace elicit::report {
namespace {

std::string compiler_name() {
#if defined(__clang__)
  return fmt::format("clang {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  return fmt::format("gcc {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  return "unknown compiler";
#endif
}

}  // namespace

const BuildInfo& build_info() {
  static const BuildInfo info = [] {
    BuildInfo b;
    b.version = ELICIT_VERSION;
    b.git_commit = ELICIT_GIT_COMMIT;
    b.build_type = ELICIT_BUILD_TYPE;
    b.compiler = compiler_name();
    // Boost's and fmt's as compiled against; GMP's as linked (its runtime string).
    b.libraries = {
        {"boost", fmt::format("{}.{}.{}", BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000,
                              BOOST_VERSION % 100)},
        {"gmp", gmp_version},
        {"fmt",
         fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
        {"nlohmann_json", fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR,
                                      NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH)},
    };
    return b;
  }();
  return info;
}

}  // namespace elicit::report
