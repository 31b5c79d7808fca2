#include <gtest/gtest.h>

#include "Policy.hpp"
#include "fakes/FakeClock.hpp"

namespace harmony::watchdog {
namespace {

using namespace std::chrono_literals;

PolicySettings settings() {
  PolicySettings s;
  s.grace = 30s;
  s.debounce_count = 1;
  s.debounce_window = 10s;
  s.cooldown_initial = 10s;
  s.cooldown_cap = 60s;
  s.cooldown_reset = 300s;
  s.give_up_restarts = 5;
  s.give_up_window = 30min;
  return s;
}

class PolicyTest : public ::testing::Test {
 protected:
  Verdict detect() { return policy.on_detection(clock.now()).verdict; }
  void recover(bool healthy, std::chrono::seconds takes = 5s) {
    policy.on_recovery_started(clock.now());
    clock.advance(takes);
    policy.on_recovery_finished(healthy, clock.now());
  }

  fakes::FakeClock clock;
  Policy policy{settings()};
};

TEST_F(PolicyTest, ActsOnTheFirstDetectionWithoutHistory) {
  EXPECT_EQ(detect(), Verdict::act);
}

TEST_F(PolicyTest, IgnoresDetectionsDuringTheGracePeriodAfterAStart) {
  policy.on_started(clock.now());
  clock.advance(29s);
  EXPECT_EQ(detect(), Verdict::grace);
  clock.advance(1s);
  EXPECT_EQ(detect(), Verdict::act);
}

TEST_F(PolicyTest, DebounceNeedsNDetectionsWithinTheWindow) {
  PolicySettings s = settings();
  s.debounce_count = 3;
  Policy debounced(s);
  EXPECT_EQ(debounced.on_detection(clock.now()).verdict, Verdict::debouncing);
  clock.advance(4s);
  EXPECT_EQ(debounced.on_detection(clock.now()).verdict, Verdict::debouncing);
  clock.advance(7s);  // the first one left the 10 s window
  EXPECT_EQ(debounced.on_detection(clock.now()).verdict, Verdict::debouncing);
  clock.advance(1s);
  EXPECT_EQ(debounced.on_detection(clock.now()).verdict, Verdict::act);
  // Acting starts the count again.
  EXPECT_EQ(debounced.on_detection(clock.now()).verdict, Verdict::debouncing);
}

TEST_F(PolicyTest, CooldownHoldsTheNextRecoveryAndSaysWhenItIsDue) {
  recover(true);
  policy.on_started(clock.now() - 31s);  // grace is not what this test is about
  clock.advance(4s);
  const Decision decision = policy.on_detection(clock.now());
  EXPECT_EQ(decision.verdict, Verdict::cooldown);
  EXPECT_EQ(decision.due - clock.now(), 6s);
  clock.advance(6s);
  EXPECT_EQ(policy.on_retry(clock.now()).verdict, Verdict::act);
}

TEST_F(PolicyTest, CooldownDoublesOnEachFailedRecoveryUpToTheCap) {
  EXPECT_EQ(policy.cooldown(), 10s);
  recover(false);
  EXPECT_EQ(policy.cooldown(), 20s);
  recover(false);
  EXPECT_EQ(policy.cooldown(), 40s);
  recover(false);
  EXPECT_EQ(policy.cooldown(), 60s);
  recover(false);
  EXPECT_EQ(policy.cooldown(), 60s);
}

TEST_F(PolicyTest, CooldownResetsAfterAStablePeriodFollowingSuccess) {
  recover(false);
  recover(false);
  ASSERT_EQ(policy.cooldown(), 40s);
  recover(true);
  EXPECT_EQ(policy.cooldown(), 40s);  // one success is not yet stability
  clock.advance(299s);
  EXPECT_EQ(policy.on_retry(clock.now()).verdict, Verdict::act);
  EXPECT_EQ(policy.cooldown(), 40s);
  clock.advance(1s);
  EXPECT_EQ(policy.on_retry(clock.now()).verdict, Verdict::act);
  EXPECT_EQ(policy.cooldown(), 10s);
}

TEST_F(PolicyTest, GivesUpAfterTheLimitWithinTheWindowAndStaysGivenUp) {
  for (int i = 0; i < 5; ++i) {
    clock.advance(policy.cooldown());
    ASSERT_EQ(policy.on_retry(clock.now()).verdict, Verdict::act) << "attempt " << i;
    recover(false);
  }
  clock.advance(policy.cooldown());
  EXPECT_EQ(policy.on_retry(clock.now()).verdict, Verdict::gave_up);
  EXPECT_TRUE(policy.gave_up());
  clock.advance(2h);
  EXPECT_EQ(detect(), Verdict::gave_up);
}

TEST_F(PolicyTest, GivesUpAfterTheLimitOfFailuresInARowEvenWhenSpreadOut) {
  for (int i = 0; i < 5; ++i) {
    clock.advance(policy.cooldown() + 20min);
    ASSERT_EQ(policy.on_retry(clock.now()).verdict, Verdict::act) << "attempt " << i;
    recover(false);
  }
  clock.advance(policy.cooldown());
  EXPECT_EQ(policy.on_retry(clock.now()).verdict, Verdict::gave_up);
}

TEST_F(PolicyTest, RecoveriesOutsideTheWindowDoNotCountTowardsGivingUp) {
  for (int i = 0; i < 4; ++i) {
    recover(true);
    clock.advance(10min);
  }
  // 4 recoveries spread over 40 minutes: at most 3 fall in any 30-minute window.
  EXPECT_LT(policy.recoveries_in_window(clock.now()), 5);
  EXPECT_EQ(policy.on_retry(clock.now()).verdict, Verdict::act);
  EXPECT_FALSE(policy.gave_up());
}

}  // namespace
}  // namespace harmony::watchdog
