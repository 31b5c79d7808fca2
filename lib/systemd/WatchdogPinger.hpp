#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "systemd/Notifier.hpp"

namespace harmony::systemd {

// Sends WATCHDOG=1 at half the interval systemd configured, from its own thread, for as long as
// `healthy()` says the program is still making progress. Does nothing when no watchdog is set.
// Stops and joins in the destructor.
class WatchdogPinger {
 public:
  WatchdogPinger(
      Notifier& notifier, std::optional<std::chrono::microseconds> interval,
      std::function<bool()> healthy = [] { return true; });
  ~WatchdogPinger();
  WatchdogPinger(const WatchdogPinger&) = delete;
  WatchdogPinger& operator=(const WatchdogPinger&) = delete;

  bool active() const noexcept { return m_thread.joinable(); }
  std::chrono::microseconds period() const noexcept { return m_period; }

 private:
  void run();

  Notifier& m_notifier;
  std::function<bool()> m_healthy;
  std::chrono::microseconds m_period{0};
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  std::thread m_thread;
};

}  // namespace harmony::systemd
