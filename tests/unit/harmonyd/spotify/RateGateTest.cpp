#include "integrations/spotify/RateGate.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "fakes/FakeClock.hpp"
#include "integrations/spotify/Failure.hpp"

using namespace harmony;
using namespace harmony::harmonyd::spotify;

namespace {

GateOptions no_waiting() {
  GateOptions options;
  options.requests_per_30s = 300;
  options.max_wait = std::chrono::milliseconds(0);
  return options;
}

}  // namespace

TEST(RateGate, RefusesEveryCallerWhileLatchedAndNamesTheWait) {
  fakes::FakeClock clock;
  RateGate gate(clock, no_waiting(), 7);
  gate.latch(std::chrono::seconds(3));
  const auto refused = gate.enter();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(failure_of(refused.error()), Failure::rate_limited);
  EXPECT_GE(gate.retry_after_seconds(), 3);
  EXPECT_LE(gate.retry_after_seconds(), 4);
  clock.advance(std::chrono::seconds(2));
  EXPECT_FALSE(gate.enter().ok());
  clock.advance(std::chrono::milliseconds(1400));
  EXPECT_TRUE(gate.enter().ok());
  EXPECT_EQ(gate.retry_after_seconds(), 0);
  EXPECT_EQ(gate.latches(), 1u);
}

TEST(RateGate, CountsLatchedTimeOnceWhenALaterRetryAfterExtendsIt) {
  fakes::FakeClock clock;
  RateGate gate(clock, no_waiting(), 1);
  gate.latch(std::chrono::seconds(10));
  clock.advance(std::chrono::seconds(1));
  gate.latch(std::chrono::seconds(20));
  clock.advance(std::chrono::seconds(30));
  EXPECT_EQ(gate.latches(), 1u);
  EXPECT_GE(gate.latched_seconds_total(), 21.0);
  EXPECT_LE(gate.latched_seconds_total(), 23.0);
}

TEST(RateGate, PacesBeyondTheBurstAndRefillsWithTime) {
  fakes::FakeClock clock;
  GateOptions options = no_waiting();
  options.requests_per_30s = 30;  // burst 10, one per second after it
  options.max_in_flight = 100;
  RateGate gate(clock, options, 1);
  std::vector<RateGate::Permit> held;
  for (int i = 0; i < 10; ++i) {
    auto permit = gate.enter();
    ASSERT_TRUE(permit.ok()) << i;
    held.push_back(std::move(*permit));
  }
  EXPECT_FALSE(gate.enter().ok());
  clock.advance(std::chrono::seconds(1));
  EXPECT_TRUE(gate.enter().ok());
}

TEST(RateGate, WaitingCallersPassOnceTheLatchLifts) {
  fakes::FakeClock clock;
  GateOptions options;
  options.max_wait = std::chrono::seconds(10);
  RateGate gate(clock, options, 3);
  gate.latch(std::chrono::seconds(2));
  std::atomic<int> passed{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&] {
      if (gate.enter().ok()) {
        ++passed;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let them queue
  EXPECT_EQ(passed.load(), 0);
  clock.advance(std::chrono::seconds(3));
  for (auto& caller : callers) {
    caller.join();
  }
  EXPECT_EQ(passed.load(), 8);
}
