#include "ui/LoginThrottle.hpp"

#include <algorithm>

namespace harmony::harmonyd::ui {

void LoginThrottle::expire(std::deque<Clock::TimePoint>& failures, Clock::TimePoint now) const {
  while (!failures.empty() && now - failures.front() >= m_window) {
    failures.pop_front();
  }
}

std::chrono::seconds LoginThrottle::blocked_for(const std::string& client) {
  std::lock_guard lock(m_mutex);
  const auto it = m_failures.find(client);
  if (it == m_failures.end()) {
    return std::chrono::seconds(0);
  }
  const auto now = m_clock.now();
  expire(it->second, now);
  if (static_cast<int>(it->second.size()) < m_limit) {
    return std::chrono::seconds(0);
  }
  const auto left = m_window - (now - it->second.front());
  return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(left));
}

bool LoginThrottle::failed(const std::string& client) {
  std::lock_guard lock(m_mutex);
  const auto now = m_clock.now();
  if (!m_failures.contains(client) && m_failures.size() >= m_max_clients) {
    // Drop the client whose latest failure is oldest: it is the least likely to come back.
    const auto oldest = std::min_element(
        m_failures.begin(), m_failures.end(),
        [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); });
    m_failures.erase(oldest);
  }
  auto& failures = m_failures[client];
  expire(failures, now);
  failures.push_back(now);
  return static_cast<int>(failures.size()) >= m_limit;
}

void LoginThrottle::succeeded(const std::string& client) {
  std::lock_guard lock(m_mutex);
  m_failures.erase(client);
}

}  // namespace harmony::harmonyd::ui
