#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "AudioControl.hpp"
#include "MprisPublisher.hpp"
#include "ScreenFixture.hpp"
#include "ScreenParser.hpp"
#include "StatusJson.hpp"
#include "fakes/FakeClock.hpp"
#include "fakes/FakeSpeakerScreen.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

SpeakerState parsed(const std::string& fixture) {
  return ScreenParser().parse(testing::screen_fixture(fixture)).value();
}

TEST(StatusJson, EscapesQuotesBackslashesAndKeepsATrailingX) {
  SpeakerState state = parsed("quoted-title.txt");
  const json doc = json::parse(status_json(state, {}));
  EXPECT_EQ(doc["title"], R"(Say "Hello" \ Goodbye)");
  EXPECT_EQ(doc["artist"], "Guns N' Roses");
  EXPECT_EQ(parsed("styx.txt").artists, "Styx");
  EXPECT_EQ(json::parse(status_json(parsed("styx.txt"), {}))["artist"], "Styx");
}

TEST(StatusJson, WritesUnknownVolumeAsNullAndDurationInSeconds) {
  const json doc = json::parse(status_json(parsed("no-volume-bar.txt"), {}));
  EXPECT_TRUE(doc["volume"].is_null());
  EXPECT_EQ(doc["duration"], 387);
  EXPECT_EQ(doc["state"], "PLAYING");
  EXPECT_EQ(doc["position"], 38);
}

class FakePoster final : public HttpPoster {
 public:
  Result<int> post_json(const std::string& url, const std::string& body) override {
    if (fail) {
      return make_error(ErrorKind::unavailable, "connection refused");
    }
    urls.push_back(url);
    bodies.push_back(json::parse(body));
    return 200;
  }
  std::vector<std::string> types() const {
    std::vector<std::string> out;
    for (const json& body : bodies) {
      out.push_back(body["type"]);
    }
    return out;
  }
  std::vector<std::string> urls;
  std::vector<json> bodies;
  bool fail = false;
};

class AudioControlTest : public ::testing::Test {
 protected:
  fakes::FakeClock clock;
  FakePoster poster;
  AudioControl acr{poster, "http://127.0.0.1:1080/api/player/tidal/update", clock, 30s};
};

TEST_F(AudioControlTest, SendsStateSongAndPositionOnTheFirstPoll) {
  ASSERT_TRUE(acr.publish(parsed("playing.txt")).ok());
  EXPECT_EQ(poster.types(),
            (std::vector<std::string>{"state_changed", "song_changed", "position_changed"}));
  EXPECT_EQ(poster.bodies[0]["state"], "playing");
  EXPECT_EQ(poster.bodies[1]["song"]["title"], "Paranoid Android");
  EXPECT_EQ(poster.bodies[1]["song"]["duration"], 387);
  EXPECT_EQ(poster.bodies[2]["position"], 38);
}

TEST_F(AudioControlTest, SendsPositionOnlyAfterFiveSecondsOrABackwardJump) {
  SpeakerState state = parsed("playing.txt");
  ASSERT_TRUE(acr.publish(state).ok());
  poster.bodies.clear();
  for (std::int64_t position : {39, 42, 43, 44, 12}) {
    state.position_s = position;
    ASSERT_TRUE(acr.publish(state).ok());
  }
  ASSERT_EQ(poster.types(), (std::vector<std::string>{"position_changed", "position_changed"}));
  EXPECT_EQ(poster.bodies[0]["position"], 43);
  EXPECT_EQ(poster.bodies[1]["position"], 12);
}

TEST_F(AudioControlTest, SendsStateChangesAndNoPositionWhilePaused) {
  ASSERT_TRUE(acr.publish(parsed("playing.txt")).ok());
  poster.bodies.clear();
  ASSERT_TRUE(acr.publish(parsed("paused.txt")).ok());
  EXPECT_EQ(poster.types(), (std::vector<std::string>{"state_changed"}));
  EXPECT_EQ(poster.bodies[0]["state"], "paused");
  poster.bodies.clear();
  ASSERT_TRUE(acr.publish(SpeakerState::stopped()).ok());
  EXPECT_EQ(poster.types(), (std::vector<std::string>{"state_changed"}));
  EXPECT_EQ(poster.bodies[0]["state"], "stopped");
}

TEST_F(AudioControlTest, ResyncsEverythingEveryThirtySeconds) {
  const SpeakerState state = parsed("playing.txt");
  ASSERT_TRUE(acr.publish(state).ok());
  clock.advance(29s);
  ASSERT_TRUE(acr.publish(state).ok());
  EXPECT_EQ(poster.bodies.size(), 3U);
  clock.advance(1s);
  ASSERT_TRUE(acr.publish(state).ok());
  EXPECT_EQ(poster.bodies.size(), 6U);
}

TEST_F(AudioControlTest, RetriesAnEventThatFailedToSend) {
  poster.fail = true;
  EXPECT_FALSE(acr.publish(parsed("paused.txt")).ok());
  poster.fail = false;
  ASSERT_TRUE(acr.publish(parsed("paused.txt")).ok());
  EXPECT_EQ(poster.types(), (std::vector<std::string>{"state_changed", "song_changed"}));
}

TEST(MprisMapping, MapsStateMetadataAndVolume) {
  SpeakerState state = parsed("playing.txt");
  state.artists = "Daft Punk, Pharrell Williams";
  const dbus::MprisStatus status = to_mpris(state);
  EXPECT_EQ(status.playback_status, "Playing");
  EXPECT_EQ(status.metadata.title, "Paranoid Android");
  EXPECT_EQ(status.metadata.artists, (std::vector<std::string>{"Daft Punk", "Pharrell Williams"}));
  EXPECT_EQ(status.metadata.length_us, 387'000'000);
  EXPECT_DOUBLE_EQ(status.volume, 0.5);
  EXPECT_EQ(to_mpris(parsed("paused.txt")).playback_status, "Paused");
  EXPECT_EQ(to_mpris(SpeakerState::stopped()).playback_status, "Stopped");
  EXPECT_TRUE(to_mpris(SpeakerState::stopped()).metadata.artists.empty());
}

TEST(MprisMapping, MapsMethodsToControllerKeys) {
  fakes::FakeSpeakerScreen screen;
  std::vector<dbus::MprisStatus> sent;
  MprisPublisher mpris(screen, [&](const dbus::MprisStatus& s) { sent.push_back(s); });
  ASSERT_TRUE(mpris.publish(parsed("playing.txt")).ok());
  ASSERT_TRUE(mpris.publish(parsed("playing.txt")).ok());
  EXPECT_EQ(sent.size(), 1U);  // unchanged state: nothing emitted
  dbus::MprisCommands commands = mpris.commands();
  commands.play_pause();
  commands.next();
  commands.previous();
  commands.play();   // already playing: no key
  commands.pause();  // playing → P
  EXPECT_EQ(screen.keys, (std::vector<std::string>{"P", "L", "K", "P"}));
}

}  // namespace
}  // namespace harmony::bridge
