#include "Policy.hpp"

#include <algorithm>

namespace harmony::watchdog {

std::string_view to_string(Verdict verdict) noexcept {
  switch (verdict) {
    case Verdict::act:
      return "act";
    case Verdict::grace:
      return "grace";
    case Verdict::debouncing:
      return "debouncing";
    case Verdict::cooldown:
      return "cooldown";
    case Verdict::gave_up:
      return "gave_up";
  }
  return "unknown";
}

Policy::Policy(PolicySettings settings) : m_settings(settings) {}

void Policy::on_started(Clock::TimePoint now) {
  m_started = now;
}

std::chrono::milliseconds Policy::cooldown() const noexcept {
  std::chrono::milliseconds value = m_settings.cooldown_initial;
  for (int i = 0; i < m_failures && value < m_settings.cooldown_cap; ++i) {
    value *= 2;
  }
  return std::min(value, m_settings.cooldown_cap);
}

void Policy::maybe_reset_cooldown(Clock::TimePoint now) {
  if (m_last_recovery_ok && m_last_recovery_end &&
      now - *m_last_recovery_end >= m_settings.cooldown_reset) {
    m_failures = 0;
  }
}

int Policy::recoveries_in_window(Clock::TimePoint now) {
  while (!m_recoveries.empty() && now - m_recoveries.front() >= m_settings.give_up_window) {
    m_recoveries.pop_front();
  }
  return static_cast<int>(m_recoveries.size());
}

Decision Policy::gate(Clock::TimePoint now) {
  if (m_gave_up) {
    return {Verdict::gave_up, {}};
  }
  maybe_reset_cooldown(now);
  if (m_last_recovery_end) {
    const Clock::TimePoint due = *m_last_recovery_end + cooldown();
    if (now < due) {
      return {Verdict::cooldown, due};
    }
  }
  // Consecutive failures count too: the doubling cooldown spreads the recoveries of a target that
  // never comes back beyond any fixed window, and it must still end.
  if (recoveries_in_window(now) >= m_settings.give_up_restarts ||
      m_failures >= m_settings.give_up_restarts) {
    m_gave_up = true;
    return {Verdict::gave_up, {}};
  }
  return {Verdict::act, {}};
}

Decision Policy::on_detection(Clock::TimePoint now) {
  if (m_gave_up) {
    return {Verdict::gave_up, {}};
  }
  if (m_started && now - *m_started < m_settings.grace) {
    return {Verdict::grace, {}};
  }
  m_detections.push_back(now);
  while (!m_detections.empty() && now - m_detections.front() >= m_settings.debounce_window) {
    m_detections.pop_front();
  }
  if (static_cast<int>(m_detections.size()) < m_settings.debounce_count) {
    return {Verdict::debouncing, {}};
  }
  const Decision decision = gate(now);
  if (decision.verdict == Verdict::act) {
    m_detections.clear();
  }
  return decision;
}

Decision Policy::on_retry(Clock::TimePoint now) {
  return gate(now);
}

void Policy::on_recovery_started(Clock::TimePoint now) {
  m_recoveries.push_back(now);
}

void Policy::on_recovery_finished(bool healthy, Clock::TimePoint now) {
  m_last_recovery_end = now;
  m_last_recovery_ok = healthy;
  if (healthy) {
    m_started = now;
  } else {
    ++m_failures;
  }
}

}  // namespace harmony::watchdog
