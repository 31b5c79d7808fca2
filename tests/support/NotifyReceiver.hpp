#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "support/Process.hpp"

namespace harmony::testing {

// Plays systemd's side of sd_notify(3): a datagram socket in a temp dir whose path goes into a
// child's NOTIFY_SOCKET. Messages are kept in arrival order.
class NotifyReceiver {
 public:
  NotifyReceiver();
  ~NotifyReceiver();
  NotifyReceiver(const NotifyReceiver&) = delete;
  NotifyReceiver& operator=(const NotifyReceiver&) = delete;

  const std::string& socket_path() const noexcept { return m_path; }
  // Waits for the next datagram; nothing on timeout.
  std::optional<std::string> next(std::chrono::milliseconds timeout);
  // Waits until a datagram containing `assignment` (e.g. "READY=1") arrives; returns it.
  std::optional<std::string> wait_for(const std::string& assignment,
                                      std::chrono::milliseconds timeout);
  const std::vector<std::string>& received() const noexcept { return m_received; }

 private:
  TempDir m_dir;
  std::string m_path;
  int m_fd = -1;
  std::vector<std::string> m_received;
};

}  // namespace harmony::testing
