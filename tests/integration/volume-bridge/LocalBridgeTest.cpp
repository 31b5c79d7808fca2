#include <thread>

#include <gtest/gtest.h>

#include "AlsaMixer.hpp"
#include "BridgeLoop.hpp"
#include "LocalTmuxScreen.hpp"
#include "PulseServer.hpp"
#include "support/Require.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;

template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) {
      return true;
    }
    std::this_thread::sleep_for(20ms);
  }
  return condition();
}

// The whole bridge on this host: the scripted controller in a real tmux, the real loop at 5 Hz,
// a real ALSA mixer (PulseAudio null sink through alsa-lib's pulse device) read back with pactl.
TEST(LocalBridge, SpeakerVolumeKeysMoveTheMixerAndAHiddenBarLeavesItAlone) {
  testing::PulseServer pulse;
  HARMONY_REQUIRE(pulse.running(), "PulseAudio + libasound2-plugins + pactl");
  HARMONY_REQUIRE(!testing::shell_output("command -v tmux").empty(), "tmux");
  testing::LocalTmuxScreen screen("VOLUME=19");
  auto mixer = AlsaMixer::open("pulse", "", CurveKind::linear);
  ASSERT_TRUE(mixer.ok()) << mixer.error().message;
  SystemClock clock;
  MixerSync sync(**mixer, clock, MixerSyncOptions{});
  BridgeLoop loop(screen, &sync, {}, clock, LoopOptions{});
  std::jthread thread([&](std::stop_token stop) { loop.run(stop); });

  EXPECT_TRUE(eventually([&] { return pulse.sink_volume_percent() == 50; })) << pulse.sink_volume_percent();
  for (int i = 0; i < 19; ++i) {
    ASSERT_TRUE(screen.send_key("+").ok());
  }
  EXPECT_TRUE(eventually([&] { return pulse.sink_volume_percent() == 100; }, 15s))
      << pulse.sink_volume_percent() << "% after keys:\n" << screen.keys_received();

  ASSERT_TRUE(screen.send_key("V").ok());  // the controller hides its volume bar
  ASSERT_TRUE(eventually([&] {
    auto shown = screen.capture();
    return shown.ok() && shown->find("P: play") != std::string::npos && shown->find("###") == std::string::npos;
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
