#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/Clock.hpp"

namespace harmony::harmonyd::ui {

// Failed logins per client in a sliding window: once a client has `limit` failures in
// `window`, further attempts are refused (429) until the oldest failure leaves the window. A
// success clears the client. The table is bounded (oldest client dropped). Thread-safe.
class LoginThrottle {
 public:
  explicit LoginThrottle(const Clock& clock, int limit = 6,
                         std::chrono::seconds window = std::chrono::minutes(5),
                         std::size_t max_clients = 10000)
      : m_clock(clock), m_limit(limit), m_window(window), m_max_clients(max_clients) {}

  // Zero when the client may try; otherwise how long until it may.
  std::chrono::seconds blocked_for(const std::string& client);
  // Records a failure; true when this failure reached the limit.
  bool failed(const std::string& client);
  void succeeded(const std::string& client);

 private:
  void expire(std::deque<Clock::TimePoint>& failures, Clock::TimePoint now) const;

  const Clock& m_clock;
  const int m_limit;
  const std::chrono::seconds m_window;
  const std::size_t m_max_clients;
  std::mutex m_mutex;
  std::unordered_map<std::string, std::deque<Clock::TimePoint>> m_failures;
};

}  // namespace harmony::harmonyd::ui
