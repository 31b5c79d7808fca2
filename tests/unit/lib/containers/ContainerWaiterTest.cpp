#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "containers/ContainerWaiter.hpp"
#include "fakes/FakeContainerRuntime.hpp"

namespace harmony::containers {
namespace {

using namespace std::chrono_literals;

ContainerState running(const std::string& health = "") {
  ContainerState s;
  s.name = "tidal_connect";
  s.status = "running";
  s.health = health;
  return s;
}

// Polls `condition` with a deadline instead of sleeping a fixed time.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = 2s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) {
      return true;
    }
    std::this_thread::yield();
  }
  return condition();
}

TEST(ContainerWaiter, ReturnsAtOnceWhenTheConditionAlreadyHolds) {
  fakes::FakeContainerRuntime runtime;
  runtime.set_state(running());
  ReadinessCheck check(runtime, "tidal_connect", TargetState::running);
  auto outcome = ContainerWaiter(runtime, check, {5s, 1s, 0ms}).run();
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(outcome->reached);
  EXPECT_LT(outcome->waited, 500ms);
}

TEST(ContainerWaiter, ReactsToAnEventLongBeforeTheNextInterval) {
  fakes::FakeContainerRuntime runtime;
  ReadinessCheck check(runtime, "tidal_connect", TargetState::running);
  auto waiting = std::async(std::launch::async, [&] {
    return ContainerWaiter(runtime, check, {20s, 10s, 0ms}).run();
  });
  ASSERT_TRUE(
      eventually([&] { return runtime.watcher_count() == 1 && runtime.inspect_calls() >= 1; }));
  runtime.set_state(running());
  runtime.emit("tidal_connect", "start");
  ASSERT_EQ(waiting.wait_for(2s), std::future_status::ready)
      << "the start event did not wake the waiter";
  auto outcome = waiting.get();
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(outcome->reached);
  EXPECT_LT(outcome->waited, 2s);
}

TEST(ContainerWaiter, TimesOutReportingWhatWasLastSeen) {
  fakes::FakeContainerRuntime runtime;
  runtime.set_state(running("unhealthy"));
  ReadinessCheck check(runtime, "tidal_connect", TargetState::healthy);
  const auto start = std::chrono::steady_clock::now();
  auto outcome = ContainerWaiter(runtime, check, {300ms, 50ms, 0ms}).run();
  ASSERT_TRUE(outcome.ok());
  EXPECT_FALSE(outcome->reached);
  EXPECT_EQ(outcome->last_seen, "status running, health unhealthy");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, 300ms);
  EXPECT_LT(elapsed, 1s);
}

TEST(ContainerWaiter, RequiresTheConditionToHoldThroughTheStabilityWindow) {
  fakes::FakeContainerRuntime runtime;
  runtime.set_state(running("healthy"));
  runtime.set_processes("tidal_connect", {"tidal_connect_application"});
  auto pattern = ProcessPattern::compile("tidal_connect_application");
  ASSERT_TRUE(pattern.ok());
  ReadinessCheck check(runtime, "tidal_connect", TargetState::healthy, *pattern);
  // The process dies during the window; only a re-probe at its end can notice.
  auto waiting = std::async(std::launch::async, [&] {
    return ContainerWaiter(runtime, check, {600ms, 10s, 300ms}).run();
  });
  ASSERT_TRUE(eventually([&] { return runtime.inspect_calls() >= 1; }));
  runtime.set_processes("tidal_connect", {"sleep 5"});
  auto outcome = waiting.get();
  ASSERT_TRUE(outcome.ok());
  EXPECT_FALSE(outcome->reached);
  EXPECT_NE(outcome->last_seen.find("process 'tidal_connect_application' missing"),
            std::string::npos);
}

TEST(ContainerWaiter, ReachesHealthyAfterTheWindowWhenItKeepsHolding) {
  fakes::FakeContainerRuntime runtime;
  runtime.set_state(running("healthy"));
  ReadinessCheck check(runtime, "tidal_connect", TargetState::healthy);
  auto outcome = ContainerWaiter(runtime, check, {5s, 10s, 200ms}).run();
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(outcome->reached);
  EXPECT_GE(outcome->waited, 200ms);
  EXPECT_LT(outcome->waited, 1s);
}

TEST(ContainerWaiter, EndsWithTheEngineErrorWhenItIsUnreachable) {
  fakes::FakeContainerRuntime runtime;
  runtime.fail_with(make_error(ErrorKind::unavailable, "Docker engine at /x.sock is unreachable"));
  ReadinessCheck check(runtime, "tidal_connect", TargetState::running);
  auto outcome = ContainerWaiter(runtime, check, {5s, 1s, 0ms}).run();
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().kind, ErrorKind::unavailable);
}

TEST(ContainerWaiter, StopsWatchingEventsWhenDone) {
  fakes::FakeContainerRuntime runtime;
  ReadinessCheck check(runtime, "tidal_connect", TargetState::stopped);
  auto outcome = ContainerWaiter(runtime, check, {1s, 1s, 0ms}).run();
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(outcome->reached);
  EXPECT_EQ(runtime.watcher_count(), 0);
}

}  // namespace
}  // namespace harmony::containers
