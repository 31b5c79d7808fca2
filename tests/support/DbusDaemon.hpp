#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "support/Process.hpp"

namespace harmony::testing {

// A private dbus-daemon listening on a socket in a temp dir; killed by the destructor.
class DbusDaemon {
 public:
  // A session bus.
  DbusDaemon();
  // A bus run from the configuration `make_config(address)` returns; it must listen on
  // `address`. The socket's folder is readable by unprivileged clients.
  explicit DbusDaemon(const std::function<std::string(const std::string& address)>& make_config);

  bool running() const noexcept { return m_ready; }
  const std::string& address() const noexcept { return m_address; }

  // Kills the daemon (SIGKILL: every client sees its connection reset) and removes its socket.
  void kill();
  // Starts it again at the same address, as after kill(). Returns running().
  bool start_again();

 private:
  void start(const std::vector<std::string>& args);

  TempDir m_dir;
  std::string m_address;
  std::vector<std::string> m_args;
  std::unique_ptr<Process> m_daemon;
  bool m_ready = false;
};

}  // namespace harmony::testing
