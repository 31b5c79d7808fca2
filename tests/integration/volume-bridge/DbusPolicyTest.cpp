#include <unistd.h>

#include <atomic>
#include <chrono>

#include <gtest/gtest.h>

#include "PulseServer.hpp"
#include "dbus/MprisPlayer.hpp"
#include "support/DbusDaemon.hpp"
#include "support/Eventually.hpp"
#include "support/Require.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;

// The configuration of a private bus with the default policy of Debian's system.conf (deny
// owning and calling) plus only our installed policy file, so the test shows what that file
// allows on a real system bus.
std::string system_like_config(const std::string& address) {
  return R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>)" +
         address + R"(</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus"/>
  </policy>
  <include>)" +
         std::string(HARMONY_SOURCE_DIR) +
         R"(/daemons/volume-bridge/dbus/org.mpris.MediaPlayer2.tidal.conf</include>
</busconfig>
)";
}

TEST(MprisSystemBusPolicy, LetsRootOwnTheTidalNameAndAnyUserCallIt) {
  HARMONY_REQUIRE(::access("/usr/bin/dbus-daemon", X_OK) == 0, "dbus-daemon (package dbus)");
  HARMONY_REQUIRE(!testing::shell_output("command -v busctl setpriv").empty(),
                  "busctl and setpriv");
  ASSERT_EQ(::geteuid(), 0U) << "the policy grants ownership to root; run the test as root";
  testing::DbusDaemon bus(system_like_config);
  ASSERT_TRUE(bus.running());

  std::atomic<int> toggles{0};
  dbus::MprisCommands commands;
  commands.play_pause = [&] { ++toggles; };
  auto player = dbus::MprisPlayer::start(bus.address(), "tidal", "TIDAL Connect", commands);
  ASSERT_TRUE(player.ok()) << player.error().message;
  // The bus denies what the file does not allow: another player name cannot be owned.
  auto other = dbus::MprisPlayer::start(bus.address(), "other", "Other", {});
  EXPECT_FALSE(other.ok());

  const std::string call = testing::shell_output(
      "setpriv --reuid=65534 --regid=65534 --clear-groups busctl --address='" + bus.address() +
      "' call org.mpris.MediaPlayer2.tidal /org/mpris/MediaPlayer2 org.mpris.MediaPlayer2.Player "
      "PlayPause 2>&1");
  EXPECT_EQ(call, "") << call;
  EXPECT_TRUE(testing::eventually([&] { return toggles.load() > 0; }, 5s, 10ms));
  EXPECT_EQ(toggles.load(), 1);
}

}  // namespace
}  // namespace harmony::bridge
