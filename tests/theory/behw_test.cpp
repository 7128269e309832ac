// The implicit BEHW size is the smallest n whose failure bound is <= delta.
#include "theory/behw.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace elicit::theory;

TEST_CASE("the BEHW solution is minimal: the bound holds at n* and fails at n* - 1",
          "[theory][behw]") {
  for (double vc : {2.0, 3.0, 11.0, 101.0}) {
    for (double eps : {0.3, 0.1, 0.02}) {
      for (double delta : {0.2, 0.01, 1e-8}) {
        const auto n = behw_implicit_sample_size(vc, eps, delta);
        INFO("D=" << vc << " eps=" << eps << " delta=" << delta << " n*=" << n);
        CHECK(behw_ln_failure_bound(vc, eps, n) <= std::log(delta));
        CHECK(behw_ln_failure_bound(vc, eps, n - 1) > std::log(delta));
      }
    }
  }
}

TEST_CASE("the growth function is capped by 2^(2n) below Sauer's range", "[theory][behw]") {
  // For 2n < D, Pi(2n) = 2^(2n): ln bound = ln 2 + 2n ln 2 - eps n/2 ln 2.
  CHECK(behw_ln_failure_bound(101, 0.1, 10) == Approx(std::log(2.0) * (1 + 20 - 0.5)));
}
