#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "ScreenParser.hpp"

namespace harmony::bridge {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(HARMONY_SOURCE_DIR) + "/tests/fixtures/volume-bridge/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << "missing fixture " << name;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct ScreenCase {
  std::string fixture;
  PlaybackState playback;
  SessionState session;
  std::string title;
  std::string artists;
  std::string album;
  std::optional<std::int64_t> duration_ms;
  std::optional<std::int64_t> position_s;
  std::optional<int> volume;
};

void PrintTo(const ScreenCase& c, std::ostream* out) {
  *out << c.fixture;
}

class ScreenFixtures : public ::testing::TestWithParam<ScreenCase> {};

TEST_P(ScreenFixtures, ParsesEveryFieldTheScreenShows) {
  const ScreenCase& expected = GetParam();
  const auto state = ScreenParser().parse(fixture(expected.fixture));
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(state->playback, expected.playback);
  EXPECT_EQ(state->session, expected.session);
  EXPECT_EQ(state->title, expected.title);
  EXPECT_EQ(state->artists, expected.artists);
  EXPECT_EQ(state->album, expected.album);
  EXPECT_EQ(state->duration_ms, expected.duration_ms);
  EXPECT_EQ(state->position_s, expected.position_s);
  EXPECT_EQ(state->volume, expected.volume);
}

const std::string k_long_title = std::string(190, 'A') + "0123456789";

INSTANTIATE_TEST_SUITE_P(
    ControllerScreens, ScreenFixtures,
    ::testing::Values(
        ScreenCase{"playing.txt", PlaybackState::playing, SessionState::casting, "Paranoid Android",
                   "Radiohead", "OK Computer", 387000, 38, 19},
        ScreenCase{"paused.txt", PlaybackState::paused, SessionState::casting, "Paranoid Android",
                   "Radiohead", "OK Computer", 387000, 120, 38},
        ScreenCase{"idle.txt", PlaybackState::idle, SessionState::idle, "", "", "", 0, 0, 0},
        ScreenCase{"no-volume-bar.txt", PlaybackState::playing, SessionState::casting,
                   "Paranoid Android", "Radiohead", "OK Computer", 387000, 38, std::nullopt},
        ScreenCase{"styx.txt", PlaybackState::playing, SessionState::casting, "Come Sail Away",
                   "Styx", "The Grand Illusion", 387000, 38, 7},
        ScreenCase{"quoted-title.txt", PlaybackState::playing, SessionState::casting,
                   R"(Say "Hello" \ Goodbye)", "Guns N' Roses", "OK Computer", 387000, 38, 30},
        ScreenCase{"long-title.txt", PlaybackState::playing, SessionState::casting, k_long_title,
                   "Radiohead", "OK Computer", 387000, 38, 12},
        ScreenCase{"wide-bar.txt", PlaybackState::playing, SessionState::casting,
                   "Paranoid Android", "Radiohead", "OK Computer", 387000, 38, 19},
        ScreenCase{"control-chars.txt", PlaybackState::playing, SessionState::casting,
                   "Bell and [31mEsc\\", "Bj\xC3\xB6rk", "OK Computer", 387000, 38, 19}),
    [](const auto& info) {
      std::string name = info.param.fixture.substr(0, info.param.fixture.find('.'));
      std::erase(name, '-');
      return name;
    });

TEST(ScreenParser, RejectsRandomBytesSoNothingActsOnThem) {
  const auto state = ScreenParser().parse(fixture("garbled.txt"));
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().kind, ErrorKind::invalid);
}

TEST(ScreenParser, RejectsAnEmptyCapture) {
  EXPECT_FALSE(ScreenParser().parse("").ok());
}

TEST(ScreenParser, RejectsABareVolumeBarWithoutControllerContent) {
  // A bar alone is not enough to trust: the mixer must never follow an unrecognised screen.
  EXPECT_FALSE(ScreenParser().parse(" volume\nl#####qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqk\n").ok());
}

TEST(ScreenParser, KeepsWhatATruncatedCaptureStillShows) {
  const auto state = ScreenParser().parse(fixture("truncated.txt"));
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(state->title, "Paranoid Android");
  EXPECT_EQ(state->artists, "Radiohead");
  EXPECT_EQ(state->volume, std::nullopt);
  EXPECT_EQ(state->playback, PlaybackState::unknown);
}

TEST(ScreenParser, ReadsOnlyTheBoundedPrefixOfAnOversizedCapture) {
  std::string huge = fixture("playing.txt");
  while (huge.size() < 1024 * 1024) {
    huge += std::string(1000, 'Z') + "\n";
  }
  huge += " volume\nlqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqk\n";  // beyond the limit: ignored
  const auto state = ScreenParser().parse(huge);
  ASSERT_TRUE(state.ok()) << state.error().message;
  EXPECT_EQ(state->volume, 19);
}

TEST(ScreenParser, LetsTheLastCopyWinWhenScrollbackRepeatsTheScreen) {
  std::string twice = fixture("paused.txt") + fixture("playing.txt");
  const auto state = ScreenParser().parse(twice);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->playback, PlaybackState::playing);
  EXPECT_EQ(state->volume, 19);
}

TEST(ScreenParser, BoundsAWrappedValueToTheLimit) {
  ScreenLimits limits;
  limits.max_value_bytes = 50;
  const auto state = ScreenParser(limits).parse(fixture("long-title.txt"));
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->title, k_long_title.substr(0, 50));
}

TEST(ScreenParser, AcceptsWindowsCarriageReturnsFromATty) {
  std::string text = fixture("styx.txt");
  std::string crlf;
  for (char c : text) {
    if (c == '\n') {
      crlf += '\r';
    }
    crlf += c;
  }
  const auto state = ScreenParser().parse(crlf);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->artists, "Styx");
  EXPECT_EQ(state->volume, 7);
}

}  // namespace
}  // namespace harmony::bridge
