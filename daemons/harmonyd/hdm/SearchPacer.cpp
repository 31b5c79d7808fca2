#include "hdm/SearchPacer.hpp"

namespace harmony::harmonyd::hdm {

void SearchPacer::expire(Clock::TimePoint now) {
  while (!m_starts.empty() && now - m_starts.front().at >= m_budget.window) {
    m_starts.pop_front();
  }
}

bool SearchPacer::may_start(Clock::TimePoint now) {
  expire(now);
  return running() < m_budget.max_running && static_cast<int>(m_starts.size()) < m_budget.searches;
}

void SearchPacer::started(const std::string& id, Clock::TimePoint now) {
  m_starts.push_back({id, now});
  m_running.insert(id);
}

void SearchPacer::finished(const std::string& id) {
  m_running.erase(id);
}

Clock::TimePoint SearchPacer::budget_free_at(Clock::TimePoint now) {
  expire(now);
  if (static_cast<int>(m_starts.size()) < m_budget.searches) {
    return now;
  }
  const auto index = m_starts.size() - static_cast<std::size_t>(m_budget.searches);
  return m_starts[index].at + m_budget.window;
}

}  // namespace harmony::harmonyd::hdm
