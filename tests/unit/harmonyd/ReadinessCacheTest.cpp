#include "health/ReadinessCache.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "fakes/FakeClock.hpp"

namespace harmony::harmonyd::health {
namespace {

using namespace std::chrono_literals;

TEST(ReadinessCache, AFloodOfProbesCostsOneEvaluationPerInterval) {
  fakes::FakeClock clock;
  ReadinessCache cache(clock, 1s);
  std::atomic<int> evaluations{0};
  auto evaluate = [&] {
    ++evaluations;
    ReadinessReport report;
    report.checks.push_back({"slskd"});
    return report;
  };
  std::vector<std::thread> callers;
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&] {
      for (int j = 0; j < 100; ++j) {
        EXPECT_EQ(cache.get(evaluate).checks.size(), 1U);
      }
    });
  }
  for (auto& caller : callers) {
    caller.join();
  }
  EXPECT_EQ(evaluations.load(), 1);
  clock.advance(999ms);
  cache.get(evaluate);
  EXPECT_EQ(evaluations.load(), 1);
  clock.advance(1ms);
  cache.get(evaluate);
  EXPECT_EQ(evaluations.load(), 2);
}

}  // namespace
}  // namespace harmony::harmonyd::health
