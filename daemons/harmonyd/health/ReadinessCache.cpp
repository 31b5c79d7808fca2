#include "health/ReadinessCache.hpp"

namespace harmony::harmonyd::health {

ReadinessReport ReadinessCache::get(const std::function<ReadinessReport()>& evaluate) {
  const std::lock_guard lock(m_mutex);
  const auto now = m_clock.now();
  if (!m_at || now - *m_at >= m_fresh_for) {
    m_report = evaluate();
    m_at = now;  // from the start: a slow evaluation is not reused for longer
  }
  return m_report;
}

}  // namespace harmony::harmonyd::health
