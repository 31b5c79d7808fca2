#pragma once

#include <memory>
#include <string>

#include "support/Process.hpp"

namespace harmony::testing {

// A private session dbus-daemon listening on a socket in a temp dir; killed by the destructor.
class DbusDaemon {
 public:
  DbusDaemon();
  bool running() const noexcept { return m_ready; }
  const std::string& address() const noexcept { return m_address; }

 private:
  TempDir m_dir;
  std::string m_address;
  std::unique_ptr<Process> m_daemon;
  bool m_ready = false;
};

}  // namespace harmony::testing
