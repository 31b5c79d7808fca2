#include <future>
#include <thread>

#include <fmt/format.h>
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

// What the relay in the container passes on for one capture: tmux's reply to `capture-pane -p`
// sent on the control client's stdin (FLAGS 1), `text` being whole lines.
std::string reply(const std::string& text, int number = 7) {
  return fmt::format("%begin 1796091712 {0} 1\n{1}%end 1796091712 {0} 1\n", number, text);
}
// The block tmux answers the client's own attach with.
const std::string k_attach = "%begin 1796091712 3 0\n%end 1796091712 3 0\n%session-changed $0 s\n";

// The engine with a running speaker container; the capture loop's output is pushed by the test.
class DockerSpeakerScreenTest : public ::testing::Test {
 protected:
  DockerSpeakerScreenTest() {
    containers::ContainerState state;
    state.id = "c0ffee";
    state.name = k_container;
    state.status = "running";
    runtime.set_state(state);
    runtime.on_exec([](const std::string&, const Argv&) -> Result<containers::ExecOutput> {
      return containers::ExecOutput{0, "", ""};
    });
  }
  // capture() while the container's loop prints `pieces` once the stream is open.
  Result<std::string> capture_with(const std::vector<std::string>& pieces) {
    auto captured = std::async(std::launch::async, [&] { return screen.capture(); });
    EXPECT_TRUE(eventually([&] { return runtime.open_streams() == 1; }));
    for (const auto& piece : pieces) {
      runtime.stream_output(k_container, piece);
    }
    return captured.get();
  }
  std::string screen_text = testing::screen_fixture("playing.txt");
  fakes::FakeContainerRuntime runtime;
  DockerSpeakerScreen screen{runtime, k_container, k_session};
};

TEST_F(DockerSpeakerScreenTest, ReadsEveryCaptureFromOneLongLivedControlModeClient) {
  for (int pass = 0; pass < 3; ++pass) {
    auto captured = capture_with({(pass == 0 ? k_attach : "") + reply(screen_text, 10 + pass)});
    ASSERT_TRUE(captured.ok()) << captured.error().message;
    EXPECT_EQ(*captured, screen_text);
  }
  ASSERT_EQ(runtime.stream_calls().size(), 1U);
  const Argv argv = runtime.stream_calls()[0];
  ASSERT_EQ(argv.size(), 8U);
  EXPECT_EQ(argv[0], "bash");
  EXPECT_NE(argv[2].find("tmux -C attach-session -r -t \"$1\""), std::string::npos) << argv[2];
  EXPECT_EQ(argv[2].find("sleep"), std::string::npos) << "no process per read: " << argv[2];
  EXPECT_EQ(argv[4], k_session);
  EXPECT_EQ(argv[5], "capture-pane -p -t 'speaker_controller_application'");
  EXPECT_EQ(argv[6], "0.200");
  EXPECT_EQ(argv[7], "10.000");
  EXPECT_TRUE(runtime.exec_calls().empty());
}

TEST_F(DockerSpeakerScreenTest, CapturesComeAtMostOncePerConfiguredPeriod) {
  DockerSpeakerScreen fast(runtime, k_container, k_session, 50ms);
  EXPECT_EQ(fast.capture_client_argv()[6], "0.050");
}

TEST_F(DockerSpeakerScreenTest, AQuietPaneAnswersTheLastScreenAgainWithoutWaitingForTheContainer) {
  auto first = capture_with({k_attach + reply(screen_text)});
  ASSERT_TRUE(first.ok()) << first.error().message;
  const auto started = std::chrono::steady_clock::now();
  auto again = screen.capture();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, screen_text);
  EXPECT_GE(std::chrono::steady_clock::now() - started, DockerSpeakerScreen::k_repeat);
  EXPECT_EQ(runtime.stream_calls().size(), 1U);
}

TEST_F(DockerSpeakerScreenTest, TheClientsOwnRepliesAndNotificationsAreNoScreen) {
  auto captured =
      capture_with({k_attach, "%window-renamed @0 x\n%exit-soon\n", reply(screen_text)});
  ASSERT_TRUE(captured.ok()) << captured.error().message;
  EXPECT_EQ(*captured, screen_text);
}

TEST_F(DockerSpeakerScreenTest, AnErrorReplyFailsThatPassWithTmuxsWords) {
  auto failed = capture_with(
      {"%begin 1 9 1\ncan't find pane: speaker_controller_application\n%error 1 9 1\n"});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::unavailable);
  EXPECT_NE(failed.error().message.find("can't find pane"), std::string::npos)
      << failed.error().message;
  EXPECT_NE(failed.error().message.find("'tidal_connect'"), std::string::npos)
      << failed.error().message;
  auto next = capture_with({reply(screen_text)});
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(runtime.stream_calls().size(), 1U);
}

TEST_F(DockerSpeakerScreenTest, ASessionNameTmuxCannotTakeQuotedIsRefusedByName) {
  DockerSpeakerScreen odd(runtime, k_container, "it's");
  auto captured = odd.capture();
  ASSERT_FALSE(captured.ok());
  EXPECT_EQ(captured.error().kind, ErrorKind::invalid);
  EXPECT_NE(captured.error().message.find("'it's'"), std::string::npos) << captured.error().message;
  EXPECT_TRUE(runtime.stream_calls().empty());
}

TEST_F(DockerSpeakerScreenTest, HandsOutTheNewestCaptureThenWaitsForTheNextOne) {
  auto first = capture_with({reply("old\n", 1) + reply("new\n", 2)});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*first, "new\n");
  auto second = std::async(std::launch::async, [&] { return screen.capture(); });
  EXPECT_EQ(second.wait_for(50ms), std::future_status::timeout)
      << "no capture was left to hand out";
  runtime.stream_output(k_container, reply("next\n", 3));
  ASSERT_EQ(second.wait_for(5s), std::future_status::ready);
  auto next = second.get();
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(*next, "next\n");
}

TEST_F(DockerSpeakerScreenTest, ACaptureSplitAcrossFramesArrivesWhole) {
  const std::string whole = reply(screen_text);
  auto captured = capture_with({whole.substr(0, 10), whole.substr(10, 300), whole.substr(310)});
  ASSERT_TRUE(captured.ok()) << captured.error().message;
  EXPECT_EQ(*captured, screen_text);
}

TEST_F(DockerSpeakerScreenTest, AnOversizedCaptureFailsThatPassOnly) {
  auto oversized = capture_with({reply(std::string(70 * 1024, '#') + "\n")});
  ASSERT_FALSE(oversized.ok());
  EXPECT_EQ(oversized.error().kind, ErrorKind::invalid);
  EXPECT_NE(oversized.error().message.find("64 KiB"), std::string::npos)
      << oversized.error().message;
  auto next = capture_with({reply(screen_text)});
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(*next, screen_text);
  EXPECT_EQ(runtime.stream_calls().size(), 1U);
}

TEST_F(DockerSpeakerScreenTest,
       ACaptureCutOffByTheEndOfTheStreamIsNoScreenAndTheNextCaptureReopens) {
  auto captured = std::async(std::launch::async, [&] { return screen.capture(); });
  ASSERT_TRUE(eventually([&] { return runtime.open_streams() == 1; }));
  runtime.stream_output(k_container, reply(screen_text).substr(0, 100));
  runtime.end_streams(k_container, 0);
  auto ended = captured.get();
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().kind, ErrorKind::unavailable);
  EXPECT_NE(ended.error().message.find("'tidal_connect'"), std::string::npos)
      << ended.error().message;
  auto again = capture_with({reply(screen_text)});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(runtime.stream_calls().size(), 2U);
}

TEST_F(DockerSpeakerScreenTest, AGoneContainerIsAnErrorNamingIt) {
  runtime.remove_container(k_container);
  auto captured = screen.capture();
  ASSERT_FALSE(captured.ok());
  EXPECT_NE(captured.error().message.find(k_container), std::string::npos)
      << captured.error().message;
  EXPECT_FALSE(screen.send_key("P").ok());
}

TEST_F(DockerSpeakerScreenTest, AMissingTmuxSessionIsUnavailableWithTmuxsWordsOnOneLine) {
  auto captured = std::async(std::launch::async, [&] { return screen.capture(); });
  ASSERT_TRUE(eventually([&] { return runtime.open_streams() == 1; }));
  // What tmux 3.3a answers the attach with when the server runs but the session does not.
  runtime.stream_output(k_container,
                        "%begin 1 2 0\ncan't find session: speaker_controller_application\x1b[31m\n"
                        "%error 1 2 0\n%exit\n");
  runtime.end_streams(k_container, 1);
  auto result = captured.get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::unavailable);
  const std::string& message = result.error().message;
  EXPECT_NE(message.find("'tidal_connect'"), std::string::npos) << message;
  EXPECT_NE(message.find("exited with 1"), std::string::npos) << message;
  EXPECT_NE(message.find("can't find session: speaker_controller_application"), std::string::npos)
      << message;
  EXPECT_EQ(message.find_first_of("\r\n\x1b"), std::string::npos) << message;
}

TEST_F(DockerSpeakerScreenTest, AMissingTmuxNamesTheContainerTheSessionAndWhatItNeeds) {
  auto captured = std::async(std::launch::async, [&] { return screen.capture(); });
  ASSERT_TRUE(eventually([&] { return runtime.open_streams() == 1; }));
  runtime.stream_output(k_container, "harmony-screen: line 4: tmux: command not found\n", true);
  runtime.end_streams(k_container, 127);
  auto result = captured.get();
  ASSERT_FALSE(result.ok());
  const std::string& message = result.error().message;
  EXPECT_NE(message.find("'tidal_connect'"), std::string::npos) << message;
  EXPECT_NE(message.find(k_session), std::string::npos) << message;
  EXPECT_NE(message.find("tmux: command not found"), std::string::npos) << message;
  EXPECT_NE(message.find("needs tmux"), std::string::npos) << message;
}

TEST_F(DockerSpeakerScreenTest, AnEngineFailurePassesThrough) {
  runtime.fail_with(Error{ErrorKind::unavailable, "cannot connect to /run/docker.sock"});
  auto captured = screen.capture();
  ASSERT_FALSE(captured.ok());
  EXPECT_EQ(captured.error().message, "cannot connect to /run/docker.sock");
}

TEST_F(DockerSpeakerScreenTest, TypesAKeyIntoTheControllerSessionWithAOneOffExec) {
  ASSERT_TRUE(screen.send_key(k_key_play_pause).ok());
  ASSERT_EQ(runtime.exec_calls().size(), 1U);
  EXPECT_EQ(runtime.exec_calls()[0], (Argv{"tmux", "send-keys", "-t", k_session, "P"}));
}

TEST_F(DockerSpeakerScreenTest, DestroyingTheAdapterClosesItsStream) {
  {
    DockerSpeakerScreen other(runtime, k_container, k_session);
    auto captured = std::async(std::launch::async, [&] { return other.capture(); });
    ASSERT_TRUE(eventually([&] { return runtime.open_streams() == 1; }));
    runtime.stream_output(k_container, reply("x\n"));
    ASSERT_TRUE(captured.get().ok());
  }
  EXPECT_EQ(runtime.open_streams(), 0);
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
  auto waited = std::async(std::launch::async,
                           [&] { return screen.wait_for_restart(30s, stop.get_token()); });
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
  // The relay in the container: a screen every few milliseconds into whatever stream is open.
  std::jthread container([&](std::stop_token stop) {
    while (!stop.stop_requested()) {
      runtime.stream_output(k_container, reply(screen_text));
      std::this_thread::sleep_for(2ms);
    }
  });
  ASSERT_EQ(loop.poll_once().next, BridgeLoop::Next::poll);

  ASSERT_TRUE(runtime.stop(k_container, 10s).ok());
  runtime.end_streams(k_container, 137);
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
  EXPECT_EQ(runtime.stream_calls().size(), 4U)
      << "the first stream (ended by the stop), two refused while "
         "stopped, one after the start";
}

}  // namespace
}  // namespace harmony::bridge
