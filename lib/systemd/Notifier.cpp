#include "systemd/Notifier.hpp"

#include <systemd/sd-daemon.h>

namespace harmony::systemd {

void Notifier::ready() noexcept {
  send("READY=1");
}
void Notifier::stopping() noexcept {
  send("STOPPING=1");
}
void Notifier::reloading() noexcept {
  send("RELOADING=1");
}
void Notifier::watchdog() noexcept {
  send("WATCHDOG=1");
}

void Notifier::status(std::string_view text) noexcept {
  try {
    // One line only: a newline would start a new assignment in the notify protocol.
    std::string line(text.substr(0, 200));
    for (char& c : line) {
      if (c == '\n' || c == '\r') {
        c = ' ';
      }
    }
    send("STATUS=" + line);
  } catch (...) {
    // Status is advisory; losing one update is harmless.
  }
}

void Notifier::send(const std::string& message) noexcept {
  // unset_environment=0: child processes (none today) may still notify on our behalf.
  sd_notify(0, message.c_str());
}

std::optional<std::chrono::microseconds> watchdog_interval() noexcept {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    return std::chrono::microseconds(usec);
  }
  return std::nullopt;
}

}  // namespace harmony::systemd
