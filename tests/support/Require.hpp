#pragma once

#include <string>

#include <gtest/gtest.h>

namespace harmony::testing {

// True when CI=true (or 1/yes): a missing real component is then a failure, not a skip.
bool running_in_ci();

}  // namespace harmony::testing

// Skips the current test with a loud reason when a real component is unavailable — or fails it
// under CI, where every tier must really run. Use only in integration and e2e tests.
#define HARMONY_REQUIRE(condition, reason)                                       \
  do {                                                                           \
    if (!(condition)) {                                                          \
      if (::harmony::testing::running_in_ci()) {                                 \
        FAIL() << "REQUIRED COMPONENT MISSING under CI=true: " << (reason);      \
      }                                                                          \
      std::fprintf(stderr, "\n*** SKIP: %s ***\n", std::string(reason).c_str()); \
      GTEST_SKIP() << (reason);                                                  \
    }                                                                            \
  } while (false)
