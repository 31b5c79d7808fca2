#include "health/ReadinessCache.hpp"

namespace harmony::harmonyd::health {

ReadinessReport ReadinessCache::get(const std::function<ReadinessReport()>& evaluate) {
  const std::lock_guard lock(m_mutex);
  const auto now = m_clock.now();
  if (!m_at || now - *m_at >= m_fresh_for) {
    m_report = evaluate();
    m_at = m_clock.now();
  }
  return m_report;
}

}  // namespace harmony::harmonyd::health
