#include <thread>

#include <gtest/gtest.h>

#include "BridgeLoop.hpp"
#include "LocalTmuxScreen.hpp"
#include "PulseMixer.hpp"
#include "SpeakerController.hpp"
#include "support/Eventually.hpp"
#include "support/Require.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;

using testing::eventually;

// The whole bridge on this host: the scripted controller in a real tmux, the real loop at 5 Hz,
// a real ALSA mixer (PulseAudio null sink through alsa-lib's pulse device) read back with pactl.
TEST(LocalBridge, SpeakerVolumeKeysMoveTheMixerAndAHiddenBarLeavesItAlone) {
  testing::PulseMixer host;
  testing::PulseServer& pulse = host.pulse();
  HARMONY_REQUIRE(pulse.running(), testing::k_pulse_requirement);
  HARMONY_REQUIRE(!testing::shell_output("command -v tmux").empty(), "tmux");
  ASSERT_TRUE(host.ready()) << host.error();
  testing::LocalTmuxScreen screen("VOLUME=19");
  BridgeLoop loop(screen, &host.sync(), {}, host.clock(), LoopOptions{});
  std::jthread thread([&](std::stop_token stop) { loop.run(stop); });

  EXPECT_TRUE(eventually([&] { return pulse.sink_volume_percent() == 50; }))
      << pulse.sink_volume_percent();
  for (int i = 0; i < 19; ++i) {
    ASSERT_TRUE(screen.send_key("+").ok());
  }
  EXPECT_TRUE(eventually([&] { return pulse.sink_volume_percent() == 100; }, 15s))
      << pulse.sink_volume_percent() << "% after keys:\n"
      << screen.keys_received();

  ASSERT_TRUE(screen.send_key("V").ok());  // the controller hides its volume bar
  ASSERT_TRUE(eventually([&] {
    auto shown = screen.capture();
    return shown.ok() && testing::volume_bar_hidden(*shown);
  }));
  pulse.pactl("set-sink-volume speaker 42%");
  const int seen = screen.captures();
  // Several passes over the bar-less screen: the mixer must stay where pactl put it.
  ASSERT_TRUE(eventually([&] { return screen.captures() >= seen + 8; }));
  EXPECT_EQ(pulse.sink_volume_percent(), 42);
  thread.request_stop();
}

}  // namespace
}  // namespace harmony::bridge
