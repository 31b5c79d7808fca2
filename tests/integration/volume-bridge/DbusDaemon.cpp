#include "DbusDaemon.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace harmony::testing {

DbusDaemon::DbusDaemon() : m_address("unix:path=" + m_dir.file("bus")) {
  if (::access("/usr/bin/dbus-daemon", X_OK) != 0) {
    return;
  }
  m_daemon = std::make_unique<Process>(
      "/usr/bin/dbus-daemon", std::vector<std::string>{"--session", "--nofork", "--nopidfile", "--address=" + m_address});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  struct stat info {};
  while (std::chrono::steady_clock::now() < deadline) {
    if (::stat(m_dir.file("bus").c_str(), &info) == 0) {
      m_ready = true;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace harmony::testing
