#include "http/RateLimiter.hpp"

#include <algorithm>
#include <cmath>

namespace harmony::http {

RateLimiter::Decision RateLimiter::take(const std::string& client, const RateLimit& limit) {
  const auto now = m_clock.now();
  std::lock_guard lock(m_mutex);
  auto it = m_buckets.find(client);
  if (it == m_buckets.end()) {
    if (m_buckets.size() >= m_max_clients) {
      evict(limit, now);
    }
    it = m_buckets.emplace(client, Bucket{limit.capacity, now}).first;
  }
  Bucket& bucket = it->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(limit.capacity, bucket.tokens + elapsed * limit.refill_per_second);
  bucket.updated = now;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return {true, {}};
  }
  const double wait_s =
      limit.refill_per_second > 0 ? (1.0 - bucket.tokens) / limit.refill_per_second : 3600.0;
  return {false, std::chrono::milliseconds(static_cast<long>(std::ceil(wait_s * 1000.0)))};
}

std::size_t RateLimiter::clients() const {
  std::lock_guard lock(m_mutex);
  return m_buckets.size();
}

void RateLimiter::evict(const RateLimit& limit, Clock::TimePoint now) {
  std::erase_if(m_buckets, [&](const auto& entry) {
    const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
    return entry.second.tokens + elapsed * limit.refill_per_second >= limit.capacity;
  });
  if (m_buckets.size() >= m_max_clients) {
    auto oldest = std::min_element(
        m_buckets.begin(), m_buckets.end(),
        [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
    m_buckets.erase(oldest);
  }
}

}  // namespace harmony::http
