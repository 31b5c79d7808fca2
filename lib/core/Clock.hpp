#pragma once

#include <chrono>

namespace harmony {

// Time as the domain sees it, so policies (backoff, cooldowns, timeouts) are testable with a
// fake. `now()` is monotonic; `wall_now()` is for timestamps shown to people and to APIs.
class Clock {
 public:
  using Duration = std::chrono::steady_clock::duration;
  using TimePoint = std::chrono::steady_clock::time_point;
  using WallTime = std::chrono::system_clock::time_point;

  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  virtual WallTime wall_now() const = 0;
};

// The real clocks of the machine. Thread-safe.
class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::steady_clock::now(); }
  WallTime wall_now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace harmony
