#include <gtest/gtest.h>

#include "fakes/FakeClock.hpp"

namespace harmony {
namespace {

TEST(FakeClock, MovesOnlyWhenAdvanced) {
  fakes::FakeClock clock;
  const auto start = clock.now();
  const auto wall_start = clock.wall_now();
  EXPECT_EQ(clock.now(), start);
  clock.advance(std::chrono::seconds(3));
  EXPECT_EQ(clock.now() - start, std::chrono::seconds(3));
  EXPECT_EQ(clock.wall_now() - wall_start, std::chrono::seconds(3));
}

}  // namespace
}  // namespace harmony
