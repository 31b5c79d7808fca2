#include <gtest/gtest.h>

#include "core/ExitCode.hpp"
#include "core/Result.hpp"

namespace harmony {
namespace {

Result<int> parse_positive(int value) {
  if (value <= 0) {
    return make_error(ErrorKind::invalid, "not positive", 22);
  }
  return value;
}

TEST(Result, HoldsTheValueOnSuccess) {
  auto result = parse_positive(5);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, 5);
  EXPECT_EQ(result.value_or(0), 5);
}

TEST(Result, HoldsTheErrorWithKindMessageAndNativeCode) {
  auto result = parse_positive(-1);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::invalid);
  EXPECT_EQ(result.error().message, "not positive");
  EXPECT_EQ(result.error().native_code, 22);
  EXPECT_EQ(result.value_or(7), 7);
}

TEST(Result, VoidResultIsOkByDefaultAndCarriesAnError) {
  Result<void> fine;
  EXPECT_TRUE(fine.ok());
  Result<void> broken = make_error(ErrorKind::filesystem, "/music is read-only");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().message, "/music is read-only");
}

TEST(ErrorKind, MapsToTheSysexitsCodes) {
  EXPECT_EQ(exit_code_for(ErrorKind::usage), 64);
  EXPECT_EQ(exit_code_for(ErrorKind::unavailable), 69);
  EXPECT_EQ(exit_code_for(ErrorKind::internal), 70);
  EXPECT_EQ(exit_code_for(ErrorKind::filesystem), 71);
  EXPECT_EQ(exit_code_for(ErrorKind::config), 78);
  EXPECT_EQ(to_string(ErrorKind::config), "config");
}

}  // namespace
}  // namespace harmony
