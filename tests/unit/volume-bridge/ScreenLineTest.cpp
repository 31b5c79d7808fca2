#include <gtest/gtest.h>

#include "ScreenLine.hpp"
#include "Utf8.hpp"

namespace harmony::bridge {
namespace {

std::string window(const std::string& inside) {
  return "x" + inside + std::string(38 - utf8::count(inside), ' ') + "x";
}

TEST(SplitWindows, RemovesBordersByColumnSoATrailingXSurvives) {
  const std::string line = window("artists: Styx") + window("app_id: 1");
  const auto windows = split_windows(line);
  ASSERT_EQ(windows.size(), 2U);
  EXPECT_EQ(windows[0].text, "artists: Styx");
  EXPECT_EQ(windows[1].text, "app_id: 1");
}

TEST(SplitWindows, KeepsTheRightWindowInPlaceAfterMultiByteCharacters) {
  const std::string line = window("title: Sigur Rós – Hoppípolla") + window("app_name: TIDAL");
  const auto windows = split_windows(line);
  ASSERT_EQ(windows.size(), 2U);
  EXPECT_EQ(windows[0].text, "title: Sigur Rós – Hoppípolla");
  EXPECT_EQ(windows[1].text, "app_name: TIDAL");
}

TEST(SplitWindows, MarksAValueThatReachesTheBorderAsFull) {
  const std::string line = window(std::string(38, 'x')) + window("");
  const auto windows = split_windows(line);
  ASSERT_EQ(windows.size(), 2U);
  EXPECT_TRUE(windows[0].full);
  EXPECT_EQ(windows[0].text, std::string(38, 'x'));
  EXPECT_FALSE(windows[1].full);
}

TEST(SplitWindows, IgnoresLinesWithoutALeftBorder) {
  EXPECT_TRUE(split_windows("  38 / 227").empty());
  EXPECT_TRUE(split_windows("").empty());
}

TEST(VolumeBar, CountsHashesOutOf38) {
  EXPECT_EQ(parse_volume_bar("l" + std::string(10, '#') + std::string(28, 'q') + "k", false), 10);
  EXPECT_EQ(parse_volume_bar("l" + std::string(38, '#') + "k", false), 38);
}

TEST(VolumeBar, TreatsAnEmptyBarAsZeroOnlyUnderItsLabel) {
  const std::string empty = "l" + std::string(38, 'q') + "k";
  EXPECT_EQ(parse_volume_bar(empty, true), 0);
  EXPECT_EQ(parse_volume_bar(empty, false), std::nullopt);
}

TEST(VolumeBar, ScalesABarWiderThan38AndNeverExceedsFullScale) {
  EXPECT_EQ(parse_volume_bar("l" + std::string(76, '#') + "k", false), 38);
  EXPECT_EQ(parse_volume_bar("l" + std::string(38, '#') + std::string(38, 'q') + "k", false), 19);
}

TEST(VolumeBar, RejectsWindowBordersAndOtherText) {
  EXPECT_EQ(parse_volume_bar("l" + std::string(38, 'q') + "kl" + std::string(38, 'q') + "k", true),
            std::nullopt);
  EXPECT_EQ(parse_volume_bar("l##k", false), std::nullopt);
  EXPECT_EQ(parse_volume_bar("l####### hello ##########################k", false), std::nullopt);
}

TEST(PositionLine, ReadsTheFirstNumber) {
  EXPECT_EQ(parse_position_line("  38 / 227"), 38);
  EXPECT_EQ(parse_position_line("0/0"), 0);
  EXPECT_EQ(parse_position_line("38 / abc"), std::nullopt);
  EXPECT_EQ(parse_position_line("99999999999999999999 / 1"), std::nullopt);
}

TEST(Utf8Sanitize, DropsControlsAndInvalidBytesAndCutsOnABoundary) {
  EXPECT_EQ(utf8::sanitize("a\x1b[1mb\x07\tc", 100), "a[1mb c");
  EXPECT_EQ(utf8::sanitize("ok\xff\xfe!", 100), "ok!");
  EXPECT_EQ(utf8::sanitize("\xC2\x85x", 100), "x");
  EXPECT_EQ(utf8::sanitize("ab\xC3\xB6", 3), "ab");
}

}  // namespace
}  // namespace harmony::bridge
