#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/Clock.hpp"

namespace harmony::http {

struct RateLimit {
  bool enabled = true;
  double capacity = 120;  // burst size, in requests
  double refill_per_second = 20;
};

// Token buckets per client key. take() is thread-safe. The table is bounded: when it holds
// `max_clients` buckets, full (idle) buckets are dropped first, then the oldest.
class RateLimiter {
 public:
  explicit RateLimiter(const Clock& clock, std::size_t max_clients = 10000)
      : m_clock(clock), m_max_clients(max_clients) {}

  struct Decision {
    bool allowed = true;
    std::chrono::milliseconds retry_after{0};  // when denied: until one token is back
  };
  Decision take(const std::string& client, const RateLimit& limit);
  std::size_t clients() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::TimePoint updated;
  };
  void evict(const RateLimit& limit, Clock::TimePoint now);

  const Clock& m_clock;
  std::size_t m_max_clients;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, Bucket> m_buckets;
};

}  // namespace harmony::http
