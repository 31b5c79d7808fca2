#include <gtest/gtest.h>

#include "BridgeLoop.hpp"
#include "LocalTmuxScreen.hpp"
#include "MprisPublisher.hpp"
#include "PulseServer.hpp"
#include "core/Clock.hpp"
#include "dbus/MprisPlayer.hpp"
#include "support/DbusDaemon.hpp"
#include "support/Eventually.hpp"
#include "support/Require.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;

using testing::eventually;

class MprisOnPrivateBus : public ::testing::Test {
 protected:
  void SetUp() override {
    HARMONY_REQUIRE(bus.running(), "dbus-daemon (package dbus)");
    HARMONY_REQUIRE(!testing::shell_output("command -v busctl tmux").empty(), "busctl and tmux");
  }
  std::string busctl(const std::string& args) {
    return testing::shell_output("busctl --address='" + bus.address() + "' " + args + " 2>&1");
  }
  std::string property(const std::string& name) {
    return busctl(
        "get-property org.mpris.MediaPlayer2.tidal /org/mpris/MediaPlayer2 "
        "org.mpris.MediaPlayer2.Player " +
        name);
  }
  testing::DbusDaemon bus;
};

TEST_F(MprisOnPrivateBus, PropertiesMatchTheScreenAndPlayPauseReachesTheControllerAsP) {
  testing::LocalTmuxScreen screen(
      "TITLE='Come Sail Away' ARTISTS=Styx ALBUM='The Grand Illusion' VOLUME=19");
  MprisPublisher* publisher_ptr = nullptr;
  std::unique_ptr<dbus::MprisPlayer> player;
  MprisPublisher publisher(screen, [&](const dbus::MprisStatus& s) { player->update(s); });
  publisher_ptr = &publisher;
  auto started =
      dbus::MprisPlayer::start(bus.address(), "tidal", "TIDAL Connect", publisher_ptr->commands());
  ASSERT_TRUE(started.ok()) << started.error().message;
  player = std::move(*started);

  SystemClock clock;
  LoopOptions options;
  BridgeLoop loop(screen, nullptr, {&publisher}, clock, options);
  std::jthread thread([&](std::stop_token stop) { loop.run(stop); });

  ASSERT_TRUE(eventually([&] { return property("PlaybackStatus") == "s \"Playing\"\n"; }))
      << property("PlaybackStatus");
  const std::string metadata = property("Metadata");
  EXPECT_NE(metadata.find("\"xesam:title\" s \"Come Sail Away\""), std::string::npos) << metadata;
  EXPECT_NE(metadata.find("\"xesam:artist\" as 1 \"Styx\""), std::string::npos) << metadata;
  EXPECT_NE(metadata.find("\"xesam:album\" s \"The Grand Illusion\""), std::string::npos)
      << metadata;
  EXPECT_NE(metadata.find("\"mpris:length\" x 387000000"), std::string::npos) << metadata;
  EXPECT_EQ(property("Volume"), "d 0.5\n");

  const std::string reply =
      testing::shell_output("dbus-send --bus='" + bus.address() +
                            "' --print-reply --dest=org.mpris.MediaPlayer2.tidal "
                            "/org/mpris/MediaPlayer2 org.mpris.MediaPlayer2.Player.PlayPause 2>&1");
  EXPECT_NE(reply.find("method return"), std::string::npos) << reply;
  EXPECT_TRUE(eventually([&] { return screen.keys_received() == "P\n"; }))
      << screen.keys_received();
  EXPECT_TRUE(eventually([&] { return property("PlaybackStatus") == "s \"Paused\"\n"; }))
      << property("PlaybackStatus");

  busctl(
      "call org.mpris.MediaPlayer2.tidal /org/mpris/MediaPlayer2 org.mpris.MediaPlayer2.Player "
      "Next");
  EXPECT_TRUE(
      eventually([&] { return property("Metadata").find("\"Track 2\"") != std::string::npos; }));
  thread.request_stop();
}

TEST_F(MprisOnPrivateBus, NamesTheBusWhenTheNameIsTaken) {
  auto first = dbus::MprisPlayer::start(bus.address(), "tidal", "one", {});
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = dbus::MprisPlayer::start(bus.address(), "tidal", "two", {});
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find("org.mpris.MediaPlayer2.tidal"), std::string::npos);
}

}  // namespace
}  // namespace harmony::bridge
