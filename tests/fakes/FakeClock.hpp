#pragma once

#include <atomic>

#include "core/Clock.hpp"

namespace harmony::fakes {

// A clock that moves only when a test says so. Thread-safe reads.
class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return TimePoint(Duration(m_ticks.load())); }
  WallTime wall_now() const override {
    return WallTime(std::chrono::duration_cast<WallTime::duration>(Duration(m_ticks.load()))) +
           std::chrono::hours(24 * 365 * 56);
  }
  void advance(Duration by) { m_ticks += by.count(); }

 private:
  std::atomic<Duration::rep> m_ticks{0};
};

}  // namespace harmony::fakes
