#include "PulseServer.hpp"

#include <unistd.h>

#include <csignal>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include "support/Eventually.hpp"

namespace harmony::testing {

std::string shell_output(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return out;
  }
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
    out += buffer;
  }
  ::pclose(pipe);
  return out;
}

PulseServer::PulseServer() : m_address("unix:" + m_dir.file("native")) {
  if (::access("/usr/bin/pulseaudio", X_OK) != 0 || ::access("/usr/bin/pactl", X_OK) != 0) {
    return;
  }
  m_daemon = std::make_unique<Process>(
      "/usr/bin/pulseaudio",
      std::vector<std::string>{"--daemonize=no", "--exit-idle-time=-1", "-n", "--use-pid-file=no",
                               "--load=module-null-sink sink_name=speaker",
                               "--load=module-native-protocol-unix socket=" + m_dir.file("native")},
      std::map<std::string, std::string>{{"HOME", m_dir.path()},
                                         {"XDG_RUNTIME_DIR", m_dir.path()}});
  ::setenv("PULSE_SERVER", m_address.c_str(), 1);
  m_ready = eventually(
      [&] { return pactl("get-sink-volume speaker").find("front-left") != std::string::npos; },
      std::chrono::seconds(10), std::chrono::milliseconds(50));
}

PulseServer::~PulseServer() {
  ::unsetenv("PULSE_SERVER");
  if (m_daemon) {
    m_daemon->signal(SIGTERM);
    m_daemon->wait_for_exit(std::chrono::seconds(5));
  }
}

std::string PulseServer::pactl(const std::string& args) const {
  return shell_output("PULSE_SERVER='" + m_address + "' pactl " + args + " 2>/dev/null");
}

int PulseServer::sink_volume_percent() const {
  static const std::regex percent(R"(front-left: \d+ /\s+(\d+)%)");
  std::smatch match;
  const std::string out = pactl("get-sink-volume speaker");
  return std::regex_search(out, match, percent) ? std::stoi(match[1]) : -1;
}

bool PulseServer::sink_muted() const {
  return pactl("get-sink-mute speaker").find("yes") != std::string::npos;
}

}  // namespace harmony::testing
