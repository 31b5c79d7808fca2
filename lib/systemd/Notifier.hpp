#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace harmony::systemd {

// sd_notify(3) messages to the service manager. Every call is a no-op when NOTIFY_SOCKET is
// unset (the program was not started by systemd with Type=notify), so callers never branch.
// Thread-safe.
class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual void ready() noexcept;
  virtual void stopping() noexcept;
  virtual void reloading() noexcept;
  virtual void status(std::string_view text) noexcept;
  virtual void watchdog() noexcept;

 protected:
  virtual void send(const std::string& message) noexcept;
};

// The watchdog interval systemd asked for (WATCHDOG_USEC, honouring WATCHDOG_PID), if any.
std::optional<std::chrono::microseconds> watchdog_interval() noexcept;

}  // namespace harmony::systemd
