// The one Catch2 main of the test suite (Catch2 v2, from Debian).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
