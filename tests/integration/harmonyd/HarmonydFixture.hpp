#pragma once

#include <httplib.h>

#include <filesystem>
#include <map>
#include <string>

#include "support/NotifyReceiver.hpp"
#include "support/Process.hpp"

namespace harmony::testing {

inline const std::string k_harmonyd = build_path("daemons/harmonyd/harmonyd");

// A private CONFIG_DIR / DOWNLOADS_DIR / MUSIC_DIR per test, so no test touches /config or
// another test's state.
struct HarmonydDirs {
  TempDir root;
  std::string config = root.path() + "/config";
  std::string downloads = root.path() + "/downloads";
  std::string music = root.path() + "/music";

  std::map<std::string, std::string> env(int port, const std::string& notify_socket = "") const {
    std::map<std::string, std::string> env{
        {"APP_PORT", std::to_string(port)}, {"APP_HOST", "127.0.0.1"},
        {"HARMONY_PROFILE", "container"},   {"CONFIG_DIR", config},
        {"DOWNLOADS_DIR", downloads},       {"MUSIC_DIR", music}};
    if (!notify_socket.empty()) {
      env["NOTIFY_SOCKET"] = notify_socket;
    }
    return env;
  }
};

// harmonyd started with `extra` environment on a free port, waited for until READY=1.
using Env = std::map<std::string, std::string>;

struct RunningHarmonyd {
  HarmonydDirs dirs;
  NotifyReceiver notify;
  int port = free_loopback_port();
  std::unique_ptr<Process> process;

  explicit RunningHarmonyd(const std::map<std::string, std::string>& extra = {}) { start(extra); }

  void start(const std::map<std::string, std::string>& extra = {}) {
    auto env = dirs.env(port, notify.socket_path());
    for (const auto& [key, value] : extra) {
      env[key] = value;
    }
    process = std::make_unique<Process>(k_harmonyd, std::vector<std::string>{}, env);
  }
  bool ready() { return notify.wait_for("READY=1", std::chrono::seconds(10)).has_value(); }
  httplib::Client client() const { return httplib::Client("127.0.0.1", port); }
};

}  // namespace harmony::testing
