#include <gtest/gtest.h>

#include "fakes/FakeClock.hpp"
#include "http/RateLimiter.hpp"

namespace harmony::http {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, ClientsHaveSeparateBuckets) {
  fakes::FakeClock clock;
  RateLimiter limiter(clock);
  const RateLimit limit{true, 1, 1};
  EXPECT_TRUE(limiter.take("a", limit).allowed);
  EXPECT_FALSE(limiter.take("a", limit).allowed);
  EXPECT_TRUE(limiter.take("b", limit).allowed);
}

TEST(RateLimiter, RetryAfterIsTheTimeUntilOneTokenIsBack) {
  fakes::FakeClock clock;
  RateLimiter limiter(clock);
  const RateLimit limit{true, 1, 4};
  ASSERT_TRUE(limiter.take("a", limit).allowed);
  const auto denied = limiter.take("a", limit);
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.retry_after, 250ms);
  clock.advance(250ms);
  EXPECT_TRUE(limiter.take("a", limit).allowed);
}

TEST(RateLimiter, TableStaysBoundedUnderManyClients) {
  fakes::FakeClock clock;
  RateLimiter limiter(clock, 100);
  const RateLimit limit{true, 5, 1};
  for (int i = 0; i < 1000; ++i) {
    (void)limiter.take("client-" + std::to_string(i), limit);
  }
  EXPECT_LE(limiter.clients(), 100U);
}

}  // namespace
}  // namespace harmony::http
