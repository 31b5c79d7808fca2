#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>

#include "core/Clock.hpp"
#include "health/Readiness.hpp"

namespace harmony::harmonyd::health {

// /api/health/ready is open and unlimited, and one evaluation probes slskd, runs SQLite's
// quick_check and writes a probe file in three folders. This keeps that cost bounded whatever
// the request rate: one evaluation at a time (concurrent callers wait and share its result),
// and a result is reused until `fresh_for` after its evaluation started. Thread-safe.
class ReadinessCache {
 public:
  ReadinessCache(const Clock& clock, std::chrono::milliseconds fresh_for)
      : m_clock(clock), m_fresh_for(fresh_for) {}

  ReadinessReport get(const std::function<ReadinessReport()>& evaluate);

 private:
  const Clock& m_clock;
  const std::chrono::milliseconds m_fresh_for;
  std::mutex m_mutex;
  std::optional<Clock::TimePoint> m_at;
  ReadinessReport m_report;
};

}  // namespace harmony::harmonyd::health
