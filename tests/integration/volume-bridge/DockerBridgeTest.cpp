#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "BridgeLoop.hpp"
#include "DockerSpeakerScreen.hpp"
#include "DockerTestSupport.hpp"
#include "PulseMixer.hpp"
#include "ScreenParser.hpp"
#include "SpeakerController.hpp"
#include "docker/DockerRuntime.hpp"
#include "docker/EngineClient.hpp"
#include "support/Require.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;
using harmony::testing::docker_cli;
using harmony::testing::eventually;

using harmony::testing::k_controller_session;

// Counts what the loop publishes, read from the test thread while the loop runs.
class RecordingPublisher final : public Publisher {
 public:
  std::string_view name() const noexcept override { return "recording"; }
  Result<void> publish(const SpeakerState& state) override {
    std::lock_guard lock(m_mutex);
    ++m_calls;
    m_stopped += state.playback == PlaybackState::stopped ? 1 : 0;
    m_last = state.playback;
    return {};
  }
  int calls() const {
    std::lock_guard lock(m_mutex);
    return m_calls;
  }
  int stopped() const {
    std::lock_guard lock(m_mutex);
    return m_stopped;
  }
  PlaybackState last() const {
    std::lock_guard lock(m_mutex);
    return m_last;
  }

 private:
  mutable std::mutex m_mutex;
  int m_calls = 0;
  int m_stopped = 0;
  PlaybackState m_last = PlaybackState::unknown;
};

std::string capture_with_cli(const std::string& container) {
  std::string screen;
  docker_cli({"exec", container, "tmux", "capture-pane", "-p", "-t", k_controller_session},
             &screen);
  return screen;
}

// The bridge's capture loops running in the container: the loop's shell and its stdin watcher
// (a subshell with the same command line) per open screen stream; a child between fork and exec
// shows the same line for a moment, hence the callers' `eventually`.
int capture_loop_processes(containers::ContainerRuntime& runtime, const std::string& container) {
  auto processes = runtime.processes(container);
  if (!processes) {
    return -1;
  }
  int count = 0;
  for (const auto& command_line : *processes) {
    count += command_line.find("harmony-screen") != std::string::npos ? 1 : 0;
  }
  return count;
}

int send_keys_with_cli(const std::string& container, std::vector<std::string> keys) {
  std::vector<std::string> args{"exec", container, "tmux", "send-keys", "-t", k_controller_session};
  args.insert(args.end(), keys.begin(), keys.end());
  return docker_cli(args);
}

// The real engine with the speaker-controller test image built; each test starts its own
// speaker container from speaker_args().
class DockerBridge : public ::testing::Test {
 protected:
  void SetUp() override {
    HARMONY_REQUIRE(harmony::testing::docker_engine_available(),
                    "a Docker engine at /var/run/docker.sock");
    ASSERT_TRUE(harmony::testing::speaker_controller_image_ready())
        << "docker/test-images/build.sh speaker-controller failed (needs debian:bookworm: "
           "tests/harness/images.sh bookworm)";
  }
  // The controller starts at volume 19/38 (50 % on the host).
  static std::vector<std::string> speaker_args() {
    return {"-e", "VOLUME=19", "harmony-test/speaker-controller:latest"};
  }

  docker::EngineClient engine{"/var/run/docker.sock"};
  docker::DockerRuntime runtime{engine};
};

// The acceptance on the real engine: the speaker stand-in container (the scripted
// controller in tmux, the real container's process layout) read through the Docker exec API by
// the real adapter, the real loop at 5 Hz, a real ALSA mixer (PulseAudio null sink through
// alsa-lib's `pulse` device) read back with pactl.
TEST_F(DockerBridge, FollowsTheSpeakerVolumeLeavesAHiddenBarAloneAndSurvivesARestart) {
  harmony::testing::PulseMixer host;
  harmony::testing::PulseServer& pulse = host.pulse();
  HARMONY_REQUIRE(pulse.running(), harmony::testing::k_pulse_requirement);
  ASSERT_TRUE(host.ready()) << host.error();
  harmony::testing::ScopedContainer speaker("volume_bridge_speaker", speaker_args());
  ASSERT_TRUE(speaker.started());

  DockerSpeakerScreen screen(runtime, speaker.name(), k_controller_session);
  RecordingPublisher publisher;
  LoopOptions options;
  options.container = speaker.name();
  options.backoff = BackoffPolicy{200ms, 2000ms, 2.0, 0.2};
  BridgeLoop loop(screen, &host.sync(), {&publisher}, host.clock(), options);
  std::jthread thread([&](std::stop_token stop) { loop.run(stop); });

  // 19/38 on the speaker → 50 % on the host.
  EXPECT_TRUE(eventually([&] { return pulse.sink_volume_percent() == 50; }, 20s))
      << pulse.sink_volume_percent();
  // One long-lived exec reads the screen, not one exec per pass.
  EXPECT_TRUE(eventually([&] { return capture_loop_processes(runtime, speaker.name()) == 2; }, 5s));
  ASSERT_EQ(send_keys_with_cli(speaker.name(), std::vector<std::string>(19, "+")), 0);
  EXPECT_TRUE(eventually([&] { return pulse.sink_volume_percent() == 100; }, 15s))
      << pulse.sink_volume_percent();

  // The bar disappears: the mixer stays wherever the host put it.
  ASSERT_EQ(send_keys_with_cli(speaker.name(), {"V"}), 0);
  ASSERT_TRUE(eventually(
      [&] { return harmony::testing::volume_bar_hidden(capture_with_cli(speaker.name())); }, 10s));
  pulse.pactl("set-sink-volume speaker 42%");
  const int seen = publisher.calls();
  ASSERT_TRUE(eventually([&] { return publisher.calls() >= seen + 8; }, 10s));
  EXPECT_EQ(pulse.sink_volume_percent(), 42);
  EXPECT_EQ(publisher.stopped(), 0);

  // The speaker container restarts under the running bridge: it publishes `stopped`, waits
  // for the engine's start event, and follows the new controller (back at 19/38 → 50 %).
  ASSERT_EQ(docker_cli({"restart", "--time", "5", speaker.name()}), 0);
  EXPECT_TRUE(eventually([&] { return pulse.sink_volume_percent() == 50; }, 30s))
      << pulse.sink_volume_percent();
  EXPECT_TRUE(eventually(
      [&] { return publisher.last() == PlaybackState::playing && loop.failures() == 0; }, 10s));
  // `stopped` once per outage, not once per failed poll. A slow restart may let one capture of
  // the old controller through between two failures (seen on a loaded machine): then twice.
  EXPECT_GE(publisher.stopped(), 1);
  EXPECT_LE(publisher.stopped(), 2);
  ASSERT_EQ(send_keys_with_cli(speaker.name(), {"-", "-"}), 0);
  // 17/38 of the sink's range: pactl rounds it to 45 %.
  EXPECT_TRUE(eventually([&] { return std::abs(pulse.sink_volume_percent() - 45) <= 1; }, 15s))
      << pulse.sink_volume_percent();
  EXPECT_TRUE(eventually([&] { return capture_loop_processes(runtime, speaker.name()) == 2; }, 5s))
      << "the new container has one capture loop";
  thread.request_stop();
}

// The capture loop in the container ends when the adapter goes away (its stream's stdin closes),
// so a restarted bridge never leaves loops behind; captures follow the screen at the set period.
TEST_F(DockerBridge, TheScreenStreamFollowsTheControllerAndLeavesNoLoopBehind) {
  harmony::testing::ScopedContainer speaker("volume_bridge_stream", speaker_args());
  ASSERT_TRUE(speaker.started());
  {
    DockerSpeakerScreen screen(runtime, speaker.name(), k_controller_session, 50ms);
    ScreenParser parser;
    std::optional<int> volume;
    ASSERT_TRUE(eventually(
        [&] {
          auto captured = screen.capture();
          auto state = captured ? parser.parse(*captured) : Result<SpeakerState>(captured.error());
          volume = state ? state->volume : std::nullopt;
          return volume == 19;
        },
        20s));
    ASSERT_EQ(send_keys_with_cli(speaker.name(), {"+"}), 0);
    EXPECT_TRUE(eventually(
        [&] {
          auto captured = screen.capture();
          auto state = captured ? parser.parse(*captured) : Result<SpeakerState>(captured.error());
          return state && state->volume == 20;
        },
        10s));
    EXPECT_TRUE(
        eventually([&] { return capture_loop_processes(runtime, speaker.name()) == 2; }, 5s));
  }
  EXPECT_TRUE(eventually([&] { return capture_loop_processes(runtime, speaker.name()) == 0; }, 10s))
      << capture_loop_processes(runtime, speaker.name());
}

}  // namespace
}  // namespace harmony::bridge
