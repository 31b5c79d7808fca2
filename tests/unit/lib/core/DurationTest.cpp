#include <gtest/gtest.h>

#include "core/Duration.hpp"

namespace harmony {
namespace {

using std::chrono::milliseconds;

struct Case {
  const char* text;
  long long ms;
};

class ParseDurationAccepts : public ::testing::TestWithParam<Case> {};

TEST_P(ParseDurationAccepts, CommonSpellings) {
  auto parsed = parse_duration(GetParam().text);
  ASSERT_TRUE(parsed.ok()) << GetParam().text;
  EXPECT_EQ(parsed->count(), GetParam().ms) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(Duration, ParseDurationAccepts,
                         ::testing::Values(Case{"250ms", 250}, Case{"5s", 5000},
                                           Case{"2m", 120'000}, Case{"1h", 3'600'000},
                                           Case{"1m30s", 90'000}, Case{"30", 30'000},
                                           Case{"0.5", 500}, Case{"1.5s", 1500}, Case{"0", 0}));

class ParseDurationRejects : public ::testing::TestWithParam<const char*> {};

TEST_P(ParseDurationRejects, MalformedOrNegativeText) {
  auto parsed = parse_duration(GetParam());
  ASSERT_FALSE(parsed.ok()) << GetParam();
  EXPECT_EQ(parsed.error().kind, ErrorKind::invalid);
  EXPECT_NE(parsed.error().message.find('\''), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Duration, ParseDurationRejects,
                         ::testing::Values("", "5x", "-1s", "s", "5 s", "1s5", "inf", "nan",
                                           "99999999999999h", "ms",
                                           "12345678901234567890123456789012345"));

TEST(FormatDuration, ReadsNaturallyAtEachScale) {
  EXPECT_EQ(format_duration(milliseconds(250)), "250ms");
  EXPECT_EQ(format_duration(milliseconds(1400)), "1.4s");
  EXPECT_EQ(format_duration(milliseconds(125'000)), "2m05s");
}

}  // namespace
}  // namespace harmony
