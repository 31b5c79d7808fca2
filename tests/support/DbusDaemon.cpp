#include "support/DbusDaemon.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>

#include "support/Eventually.hpp"

namespace harmony::testing {

DbusDaemon::DbusDaemon() : m_address("unix:path=" + m_dir.file("bus")) {
  start({"--session", "--nofork", "--nopidfile", "--address=" + m_address});
}

DbusDaemon::DbusDaemon(const std::function<std::string(const std::string& address)>& make_config)
    : m_address("unix:path=" + m_dir.file("bus")) {
  ::chmod(m_dir.path().c_str(), 0755);  // an unprivileged client must reach the socket
  const std::string config = m_dir.write("bus.conf", make_config(m_address));
  start({"--config-file=" + config, "--nofork", "--nopidfile"});
}

void DbusDaemon::kill() {
  m_daemon.reset();  // SIGKILL and reap
  m_ready = false;
  ::unlink(m_dir.file("bus").c_str());
}

bool DbusDaemon::start_again() {
  kill();
  start(m_args);
  return m_ready;
}

void DbusDaemon::start(const std::vector<std::string>& args) {
  m_args = args;
  if (::access("/usr/bin/dbus-daemon", X_OK) != 0) {
    return;
  }
  m_daemon = std::make_unique<Process>("/usr/bin/dbus-daemon", args);
  const std::string socket = m_dir.file("bus");
  m_ready = eventually(
      [&] {
        struct stat info {};
        return ::stat(socket.c_str(), &info) == 0;
      },
      std::chrono::seconds(10));
}

}  // namespace harmony::testing
