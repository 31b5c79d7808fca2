#include <thread>

#include <gtest/gtest.h>

#include "BridgeLoop.hpp"
#include "ScreenFixture.hpp"
#include "fakes/FakeClock.hpp"
#include "fakes/FakeMixer.hpp"
#include "fakes/FakePublisher.hpp"
#include "fakes/FakeSpeakerScreen.hpp"

namespace harmony::bridge {
namespace {

using namespace std::chrono_literals;
using testing::playing_at;
using testing::screen_fixture;

class BridgeLoopTest : public ::testing::Test {
 protected:
  LoopOptions options() {
    LoopOptions o;
    o.backoff = BackoffPolicy{500ms, 8000ms, 2.0, 0.0};
    return o;
  }
  fakes::FakeClock clock;
  fakes::FakeSpeakerScreen screen;
  fakes::FakeMixer mixer;
  fakes::FakePublisher publisher;
  MixerSync sync{mixer, clock, MixerSyncOptions{}};
  BridgeLoop loop{screen, &sync, {&publisher}, clock, options(), 1};
};

TEST_F(BridgeLoopTest, PollsAtTheConfiguredPeriodAndFollowsTheVolume) {
  screen.show(playing_at(19));
  const auto step = loop.poll_once();
  EXPECT_EQ(step.next, BridgeLoop::Next::poll);
  EXPECT_EQ(step.delay, 200ms);
  screen.show(playing_at(38));
  clock.advance(200ms);
  loop.poll_once();
  ASSERT_EQ(mixer.writes.size(), 2U);
  EXPECT_DOUBLE_EQ(mixer.writes[1], 1.0);
  EXPECT_EQ(loop.status_text(), "speaker PLAYING, volume 38/38");
}

TEST_F(BridgeLoopTest, LeavesTheMixerAloneWhenTheBarDisappears) {
  screen.show(playing_at(25));
  loop.poll_once();
  screen.show(screen_fixture("no-volume-bar.txt"));
  for (int i = 0; i < 5; ++i) {
    loop.poll_once();
  }
  EXPECT_EQ(mixer.writes.size(), 1U);
  EXPECT_EQ(publisher.states.back().volume, std::nullopt);
}

TEST_F(BridgeLoopTest, NeverWritesTheMixerFromAnUnrecognisedScreen) {
  screen.show(screen_fixture("garbled.txt"));
  const auto step = loop.poll_once();
  EXPECT_EQ(step.next, BridgeLoop::Next::wait_for_restart);
  EXPECT_TRUE(mixer.writes.empty());
}

TEST_F(BridgeLoopTest, PublishesStoppedOnceAndBacksOffExponentiallyUpToTheCap) {
  screen.show(playing_at(19));
  loop.poll_once();
  screen.away = true;
  std::vector<std::chrono::milliseconds> delays;
  for (int i = 0; i < 7; ++i) {
    const auto step = loop.poll_once();
    EXPECT_EQ(step.next, BridgeLoop::Next::wait_for_restart);
    delays.push_back(step.delay);
    clock.advance(step.delay);
  }
  EXPECT_EQ(delays, (std::vector<std::chrono::milliseconds>{500ms, 1000ms, 2000ms, 4000ms, 8000ms,
                                                            8000ms, 8000ms}));
  ASSERT_EQ(publisher.states.size(), 2U);
  EXPECT_EQ(publisher.states.back().playback, PlaybackState::stopped);
  EXPECT_EQ(loop.failures(), 7);
}

TEST_F(BridgeLoopTest, ResumesByItselfAndStartsTheBackoffOver) {
  screen.show(playing_at(19));
  loop.poll_once();
  screen.away = true;
  loop.poll_once();
  loop.poll_once();
  screen.away = false;
  screen.show(playing_at(30));
  const auto step = loop.poll_once();
  EXPECT_EQ(step.next, BridgeLoop::Next::poll);
  EXPECT_EQ(publisher.states.back().playback, PlaybackState::playing);
  EXPECT_DOUBLE_EQ(mixer.writes.back(), 30.0 / 38.0);
  screen.away = true;
  EXPECT_EQ(loop.poll_once().delay, 500ms);
  EXPECT_EQ(publisher.states.back().playback,
            PlaybackState::stopped);  // a second outage: once again
}

TEST_F(BridgeLoopTest, ReportsProgressForTheWatchdog) {
  screen.show(playing_at(19));
  loop.poll_once();
  clock.advance(1s);
  EXPECT_TRUE(loop.alive_within(2s));
  clock.advance(5s);
  EXPECT_FALSE(loop.alive_within(2s));
}

TEST_F(BridgeLoopTest, RunStopsPromptlyWhenAsked) {
  screen.show(playing_at(19));
  std::jthread thread([this](std::stop_token stop) { loop.run(stop); });
  while (screen.captures < 2) {
    std::this_thread::sleep_for(10ms);
  }
  thread.request_stop();
  thread.join();
  EXPECT_GE(screen.captures, 2);
}

// A streamed screen's capture() waits for the next screen itself; a loop that slept on its own
// grid as well would hold a fresh screen up to a period (here: an hour).
TEST_F(BridgeLoopTest, AScreenThatPacesItsCapturesIsReadWithoutTheLoopsOwnWait) {
  screen.show(playing_at(19));
  screen.paced = true;
  LoopOptions hourly = options();
  hourly.period = 1h;
  BridgeLoop paced_loop{screen, nullptr, {&publisher}, clock, hourly, 1};
  std::jthread thread([&](std::stop_token stop) { paced_loop.run(stop); });
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (screen.captures < 5 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  thread.request_stop();
  thread.join();
  EXPECT_GE(screen.captures, 5);
}

}  // namespace
}  // namespace harmony::bridge
