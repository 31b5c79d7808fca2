#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "BridgeLoop.hpp"
#include "DockerSpeakerScreen.hpp"
#include "ScreenFixture.hpp"
#include "fakes/FakeClock.hpp"
#include "fakes/FakeContainerRuntime.hpp"
#include "fakes/FakePublisher.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;
using Argv = std::vector<std::string>;

constexpr const char* k_container = "tidal_connect";
constexpr const char* k_session = "speaker_controller_application";

template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) {
      return true;
    }
    std::this_thread::sleep_for(1ms);
  }
  return condition();
}

// The engine with a running speaker container whose tmux answers like the controller's screen.
class DockerSpeakerScreenTest : public ::testing::Test {
 protected:
  DockerSpeakerScreenTest() {
    containers::ContainerState state;
    state.id = "c0ffee";
    state.name = k_container;
    state.status = "running";
    runtime.set_state(state);
    runtime.on_exec([this](const std::string&, const Argv& argv) -> Result<containers::ExecOutput> {
      if (argv.size() > 1 && argv[1] == "capture-pane") {
        return containers::ExecOutput{0, screen_text, ""};
      }
      return containers::ExecOutput{0, "", ""};
    });
  }
  std::string screen_text = testing::screen_fixture("playing.txt");
  fakes::FakeContainerRuntime runtime;
  DockerSpeakerScreen screen{runtime, k_container, k_session};
};

TEST_F(DockerSpeakerScreenTest, CapturesTheControllerPaneThroughExec) {
  auto captured = screen.capture();
  ASSERT_TRUE(captured.ok()) << captured.error().message;
  EXPECT_EQ(*captured, screen_text);
  ASSERT_EQ(runtime.exec_calls().size(), 1U);
  EXPECT_EQ(runtime.exec_calls()[0], (Argv{"tmux", "capture-pane", "-p", "-t", k_session}));
}

TEST_F(DockerSpeakerScreenTest, TypesAKeyIntoTheControllerSession) {
  ASSERT_TRUE(screen.send_key(k_key_play_pause).ok());
  ASSERT_EQ(runtime.exec_calls().size(), 1U);
  EXPECT_EQ(runtime.exec_calls()[0], (Argv{"tmux", "send-keys", "-t", k_session, "P"}));
}

TEST_F(DockerSpeakerScreenTest, AGoneContainerIsAnErrorNamingIt) {
  runtime.remove_container(k_container);
  auto captured = screen.capture();
  ASSERT_FALSE(captured.ok());
  EXPECT_NE(captured.error().message.find(k_container), std::string::npos) << captured.error().message;
  EXPECT_FALSE(screen.send_key("P").ok());
}

TEST_F(DockerSpeakerScreenTest, AMissingTmuxSessionIsUnavailableWithTmuxsWordsOnOneLine) {
  runtime.on_exec([](const std::string&, const Argv&) -> Result<containers::ExecOutput> {
    return containers::ExecOutput{1, "", "no server running on /tmp/tmux-0/default\r\n\x1b[31m"};
  });
  auto captured = screen.capture();
  ASSERT_FALSE(captured.ok());
  EXPECT_EQ(captured.error().kind, ErrorKind::unavailable);
  const std::string& message = captured.error().message;
  EXPECT_NE(message.find("'tidal_connect'"), std::string::npos) << message;
  EXPECT_NE(message.find("no server running on /tmp/tmux-0/default"), std::string::npos) << message;
  EXPECT_EQ(message.find_first_of("\r\n\x1b"), std::string::npos) << message;
}

TEST_F(DockerSpeakerScreenTest, AnEngineFailurePassesThrough) {
  runtime.fail_with(Error{ErrorKind::unavailable, "cannot connect to /run/docker.sock"});
  auto captured = screen.capture();
  ASSERT_FALSE(captured.ok());
  EXPECT_EQ(captured.error().message, "cannot connect to /run/docker.sock");
}

TEST_F(DockerSpeakerScreenTest, AStartEventEndsTheWait) {
  auto waited = std::async(std::launch::async, [&] { return screen.wait_for_restart(30s, {}); });
  ASSERT_TRUE(eventually([&] { return runtime.watcher_count() == 1; }));
  runtime.emit(k_container, "die");
  EXPECT_EQ(waited.wait_for(50ms), std::future_status::timeout) << "a die is not a restart";
  runtime.emit(k_container, "start");
  ASSERT_EQ(waited.wait_for(5s), std::future_status::ready);
  EXPECT_TRUE(waited.get());
}

TEST_F(DockerSpeakerScreenTest, WithoutARestartTheWaitTimesOut) {
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(screen.wait_for_restart(100ms, {}));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 100ms);
}

TEST_F(DockerSpeakerScreenTest, AStopRequestEndsTheWait) {
  std::stop_source stop;
  auto waited = std::async(std::launch::async, [&] { return screen.wait_for_restart(30s, stop.get_token()); });
  ASSERT_TRUE(eventually([&] { return runtime.watcher_count() == 1; }));
  stop.request_stop();
  ASSERT_EQ(waited.wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(waited.get());
}

TEST_F(DockerSpeakerScreenTest, AStartWhileNotWaitingIsNotLostAndCountsOnce) {
  EXPECT_FALSE(screen.wait_for_restart(1ms, {}));  // subscribes
  runtime.emit(k_container, "start");
  EXPECT_TRUE(screen.wait_for_restart(5s, {}));
  EXPECT_FALSE(screen.wait_for_restart(20ms, {}));
}

TEST_F(DockerSpeakerScreenTest, KeepsOneEventSubscriptionAndEndsItWhenDestroyed) {
  {
    DockerSpeakerScreen other(runtime, k_container, k_session);
    other.wait_for_restart(1ms, {});
    other.wait_for_restart(1ms, {});
    EXPECT_EQ(runtime.watcher_count(), 1);
  }
  EXPECT_EQ(runtime.watcher_count(), 0);
}

// The loop over the adapter: the container stops (exec refused), the loop publishes `stopped`
// once and waits; the engine reports a start and the next pass reads the screen again.
TEST_F(DockerSpeakerScreenTest, TheLoopResumesAfterARestartEvent) {
  fakes::FakeClock clock;
  fakes::FakePublisher publisher;
  BridgeLoop loop(screen, nullptr, {&publisher}, clock, LoopOptions{}, 1);
  ASSERT_EQ(loop.poll_once().next, BridgeLoop::Next::poll);

  ASSERT_TRUE(runtime.stop(k_container, 10s).ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(loop.poll_once().next, BridgeLoop::Next::wait_for_restart);
  }
  auto waited = std::async(std::launch::async, [&] { return screen.wait_for_restart(30s, {}); });
  ASSERT_TRUE(eventually([&] { return runtime.watcher_count() == 1; }));
  ASSERT_TRUE(runtime.start(k_container).ok());
  runtime.emit(k_container, "start");
  ASSERT_EQ(waited.wait_for(5s), std::future_status::ready);
  ASSERT_TRUE(waited.get());

  ASSERT_EQ(loop.poll_once().next, BridgeLoop::Next::poll);
  EXPECT_EQ(loop.failures(), 0);
  int stopped = 0;
  for (const auto& state : publisher.states) {
    stopped += state.playback == PlaybackState::stopped ? 1 : 0;
  }
  EXPECT_EQ(stopped, 1);
  EXPECT_EQ(publisher.states.back().playback, PlaybackState::playing);
}

}  // namespace
}  // namespace harmony::bridge
