#include "hdm/SearchPacer.hpp"

#include <gtest/gtest.h>

#include "fakes/FakeClock.hpp"

using harmony::harmonyd::hdm::SearchPacer;
using namespace std::chrono_literals;

TEST(SearchPacer, AllowsAtMostTwoRunningSearches) {
  harmony::fakes::FakeClock clock;
  SearchPacer pacer({34, 220s, 2});
  pacer.started("a", clock.now());
  EXPECT_TRUE(pacer.may_start(clock.now()));
  pacer.started("b", clock.now());
  EXPECT_FALSE(pacer.may_start(clock.now()));
  pacer.finished("a");
  EXPECT_TRUE(pacer.may_start(clock.now()));
}

TEST(SearchPacer, HoldsTheBudgetOverATrailingWindow) {
  harmony::fakes::FakeClock clock;
  SearchPacer pacer({3, 10s, 10});
  for (const char* id : {"a", "b", "c"}) {
    ASSERT_TRUE(pacer.may_start(clock.now()));
    pacer.started(id, clock.now());
    pacer.finished(id);
    clock.advance(1s);
  }
  EXPECT_FALSE(pacer.may_start(clock.now()));
  EXPECT_EQ(pacer.budget_free_at(clock.now()) - clock.now(), 7s);
  clock.advance(7s);
  EXPECT_TRUE(pacer.may_start(clock.now()));
}
