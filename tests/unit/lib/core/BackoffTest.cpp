#include <gtest/gtest.h>

#include "core/Backoff.hpp"

namespace harmony {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, DoublesFromInitialUpToTheCapWithoutJitter) {
  Backoff backoff({milliseconds(100), milliseconds(1000), 2.0, 0.0}, 1);
  EXPECT_EQ(backoff.next(), milliseconds(100));
  EXPECT_EQ(backoff.next(), milliseconds(200));
  EXPECT_EQ(backoff.next(), milliseconds(400));
  EXPECT_EQ(backoff.next(), milliseconds(800));
  EXPECT_EQ(backoff.next(), milliseconds(1000));
  EXPECT_EQ(backoff.next(), milliseconds(1000));
  EXPECT_EQ(backoff.attempts(), 6);
}

TEST(Backoff, ResetStartsAgainFromTheInitialDelay) {
  Backoff backoff({milliseconds(100), milliseconds(1000), 2.0, 0.0}, 1);
  (void)backoff.next();
  (void)backoff.next();
  backoff.reset();
  EXPECT_EQ(backoff.next(), milliseconds(100));
}

TEST(Backoff, JitterStaysWithinTheConfiguredFraction) {
  Backoff backoff({milliseconds(1000), milliseconds(1000), 2.0, 0.2}, 7);
  for (int i = 0; i < 1000; ++i) {
    const auto delay = backoff.next();
    EXPECT_GE(delay, milliseconds(800));
    EXPECT_LE(delay, milliseconds(1200));
  }
}

TEST(Backoff, SameSeedGivesTheSameSequence) {
  Backoff a({milliseconds(100), milliseconds(10'000), 2.0, 0.5}, 42);
  Backoff b({milliseconds(100), milliseconds(10'000), 2.0, 0.5}, 42);
  Backoff c({milliseconds(100), milliseconds(10'000), 2.0, 0.5}, 43);
  bool differs_from_other_seed = false;
  for (int i = 0; i < 10; ++i) {
    const auto da = a.next();
    EXPECT_EQ(da, b.next());
    differs_from_other_seed |= da != c.next();
  }
  EXPECT_TRUE(differs_from_other_seed);
}

TEST(Backoff, ManyAttemptsNeverOverflowPastTheCap) {
  Backoff backoff({milliseconds(100), milliseconds(5000), 10.0, 0.0}, 1);
  for (int i = 0; i < 10'000; ++i) {
    ASSERT_LE(backoff.next(), milliseconds(5000));
  }
}

}  // namespace
}  // namespace harmony
