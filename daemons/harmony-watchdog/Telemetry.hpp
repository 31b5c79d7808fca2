#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/Clock.hpp"

namespace harmony::watchdog {

// What one target is doing, for STATUS= and /health.
enum class TargetState { ok, recovering, cooling_down, gave_up, left_alone };

struct TargetSnapshot {
  std::string name;
  TargetState state = TargetState::ok;
  int restarts_today = 0;
  std::string last_reason;
  Clock::WallTime last_at{};  // of the last recovery; epoch when none
  int gave_up_after = 0;      // recoveries counted when it gave up
};

// Counters and states shared by every target's supervisor and read by the STATUS updater and
// the HTTP endpoint. The Prometheus text is written here (no lib/metrics registry existed when
// the watchdog was built). Thread-safe.
class Telemetry {
 public:
  explicit Telemetry(const std::vector<std::string>& targets);

  void set_state(const std::string& target, TargetState state, int gave_up_after = 0);
  void record_recovery(const std::string& target, const std::string& reason, Clock::WallTime at);
  void record_detection_latency(std::chrono::duration<double> seconds);

  std::vector<TargetSnapshot> snapshot() const;
  // "tidal ok, 2 restarts today, last token_expired 12m ago; harmony ok, 0 restarts today"
  std::string status_line(Clock::WallTime now) const;
  std::string prometheus_text() const;
  bool any_gave_up() const;

  static std::vector<double> bucket_bounds();

 private:
  mutable std::mutex m_mutex;
  std::map<std::string, TargetSnapshot> m_targets;
  std::map<std::string, std::vector<Clock::WallTime>> m_recoveries;  // this local day's
  std::map<std::pair<std::string, std::string>, std::uint64_t> m_restarts_total;
  std::vector<std::uint64_t> m_latency_buckets;
  std::uint64_t m_latency_count = 0;
  double m_latency_sum = 0;
};

std::string_view to_string(TargetState state) noexcept;

}  // namespace harmony::watchdog
