#include <cstdlib>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
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

// The bridge's screen relays running in the container: the relay's shell and its stdin watcher
// (a subshell with the same command line) per open screen stream; a child between fork and exec
// shows the same line for a moment, hence the callers' `eventually`.
// `at_start`: the command line starts with `pattern` (the relay's own command line holds the
// client's as text).
int processes_matching(containers::ContainerRuntime& runtime, const std::string& container,
                       const std::string& pattern, bool at_start = false) {
  auto processes = runtime.processes(container);
  if (!processes) {
    return -1;
  }
  int count = 0;
  for (const auto& command_line : *processes) {
    const auto at = command_line.find(pattern);
    count += at != std::string::npos && (!at_start || at == 0) ? 1 : 0;
  }
  return count;
}

int capture_loop_processes(containers::ContainerRuntime& runtime, const std::string& container) {
  return processes_matching(runtime, container, "harmony-screen");
}

// The relays' tmux control-mode clients.
int control_clients(containers::ContainerRuntime& runtime, const std::string& container) {
  return processes_matching(runtime, container, "tmux -C attach-session", true);
}

// The last process ID handed out in the container's PID namespace, read by one exec (whose own
// process is that ID); -1 when it cannot be read.
long last_pid_in(const std::string& container) {
  std::string text;
  if (docker_cli({"exec", container, "cat", "/proc/sys/kernel/ns_last_pid"}, &text) != 0) {
    return -1;
  }
  try {
    return std::stol(text);
  } catch (const std::exception&) {
    return -1;
  }
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
  // Passes go on (a quiet pane answers its last screen again every second) and leave it alone.
  const int seen = publisher.calls();
  ASSERT_TRUE(eventually([&] { return publisher.calls() >= seen + 4; }, 10s));
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

// The relay in the container (and its tmux client) ends when the adapter goes away (its stream's
// stdin closes), so a restarted bridge never leaves loops behind; captures follow the screen at the
// set period.
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
    EXPECT_EQ(control_clients(runtime, speaker.name()), 1);
  }
  EXPECT_TRUE(eventually([&] { return capture_loop_processes(runtime, speaker.name()) == 0; }, 10s))
      << capture_loop_processes(runtime, speaker.name());
  EXPECT_TRUE(eventually([&] { return control_clients(runtime, speaker.name()) == 0; }, 10s))
      << control_clients(runtime, speaker.name());
}

// The capture runs through one tmux control-mode client for the stream's lifetime: N screen changes
// are each captured by the same stream, and the container starts no process to read them. The
// speaker here is the controller in tmux with nothing else running (the stand-in entrypoint's
// application starts a `sleep` every second, which would blur the count): every process the
// container starts in the window is one of the test's execs.
TEST_F(DockerBridge, TheControlModeClientCapturesEveryChangeWithoutStartingAProcessPerRead) {
  harmony::testing::ScopedContainer speaker(
      "volume_bridge_control_mode",
      {"-e", "VOLUME=19", "harmony-test/speaker-controller:latest", "bash", "-c",
       std::string("tmux new-session -d -x 80 -y 24 -s ") + k_controller_session +
           " /app/bin/speaker_controller_application && exec sleep infinity"});
  ASSERT_TRUE(speaker.started());
  DockerSpeakerScreen screen(runtime, speaker.name(), k_controller_session);
  ScreenParser parser;
  auto volume_now = [&]() -> std::optional<int> {
    auto captured = screen.capture();
    auto state = captured ? parser.parse(*captured) : Result<SpeakerState>(captured.error());
    return state ? state->volume : std::nullopt;
  };
  ASSERT_TRUE(eventually([&] { return volume_now() == 19; }, 20s));
  ASSERT_TRUE(eventually([&] { return capture_loop_processes(runtime, speaker.name()) == 2; }, 5s));

  // What one exec costs in process IDs: runc's helpers take some too (5 or 6 with runc 1.1).
  const long first = last_pid_in(speaker.name());
  const long second = last_pid_in(speaker.name());
  ASSERT_GT(first, 0);
  const long per_exec = second - first;
  ASSERT_GE(per_exec, 1);
  EXPECT_EQ(control_clients(runtime, speaker.name()), 1);

  constexpr int k_changes = 15;
  for (int i = 1; i <= k_changes; ++i) {
    ASSERT_TRUE(screen.send_key("+").ok());
    ASSERT_TRUE(eventually([&] { return volume_now() == 19 + i; }, 5s))
        << "change " << i << " was not captured";
  }
  // A quiet pane for two seconds: a loop starting tmux 5 times a second would start 20 clients.
  const auto quiet_until = std::chrono::steady_clock::now() + 2s;
  while (std::chrono::steady_clock::now() < quiet_until) {
    EXPECT_EQ(volume_now(), 19 + k_changes);
  }
  const long last = last_pid_in(speaker.name());
  // The keys' execs and the reading exec, nothing else; one ID of slack per exec, as their cost
  // varies by one. A reader starting a process per read would add over a hundred here.
  const long execs_at_most = (k_changes + 1) * (per_exec + 1);
  EXPECT_LE(last - second, execs_at_most)
      << "the container started " << last - second - execs_at_most
      << " more processes than the test's own execs can account for";
  EXPECT_EQ(capture_loop_processes(runtime, speaker.name()), 2) << "still the same one relay";
}

}  // namespace
}  // namespace harmony::bridge
