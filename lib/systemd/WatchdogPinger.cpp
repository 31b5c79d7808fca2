#include "systemd/WatchdogPinger.hpp"

namespace harmony::systemd {

WatchdogPinger::WatchdogPinger(Notifier& notifier,
                               std::optional<std::chrono::microseconds> interval,
                               std::function<bool()> healthy)
    : m_notifier(notifier), m_healthy(std::move(healthy)) {
  if (interval && interval->count() > 0) {
    m_period = *interval / 2;
    m_thread = std::thread([this] { run(); });
  }
}

WatchdogPinger::~WatchdogPinger() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void WatchdogPinger::run() {
  std::unique_lock lock(m_mutex);
  while (!m_stop) {
    if (m_healthy()) {
      m_notifier.watchdog();
    }
    m_wake.wait_for(lock, m_period, [this] { return m_stop; });
  }
}

}  // namespace harmony::systemd
