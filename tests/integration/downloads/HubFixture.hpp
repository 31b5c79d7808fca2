#pragma once

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fakes/SlskdStandIn.hpp"
#include "integration/harmonyd/HarmonydFixture.hpp"

namespace harmony::testing {

// harmonyd as a process, talking to the slskd stand-in over loopback, on private folders:
// <root>/config, <root>/downloads (shared with the stand-in) and MUSIC_DIR (<root>/music, or a
// folder on /dev/shm when `music_on_tmpfs`, so filing crosses filesystems).
class Hub {
 public:
  using Env = std::map<std::string, std::string>;

  // The stand-in starts at once, or only at start_standin() when `standin_later` (slskd
  // coming up after harmonyd); its port is chosen now either way.
  explicit Hub(fakes::SlskdStandIn::Options options = {}, bool music_on_tmpfs = false,
               bool standin_later = false);
  ~Hub();

  // Starts harmonyd with the base environment plus `extra` and waits for READY=1.
  void start(const Env& extra = {});
  // SIGKILL (if still running) and reap.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  Process& process() { return *m_harmonyd; }
  int port() const { return m_port; }

  void start_standin();
  fakes::SlskdStandIn& standin() { return *m_standin; }
  const std::filesystem::path& downloads() const { return m_downloads; }
  const std::filesystem::path& music() const { return m_music; }
  const std::filesystem::path& root() const { return m_root_path; }

  // One API call; the body parsed as JSON (null when empty or not JSON).
  struct Reply {
    int status = 0;
    std::string body;
    nlohmann::json json;
  };
  Reply call(const std::string& method, const std::string& path, const std::string& body = {},
             const std::string& content_type = "application/json");
  // POST /api/v1/downloads; the job id (0 on failure, with the reply in the test log).
  std::int64_t request(const nlohmann::json& track);
  // Polls GET /api/v1/downloads/{id} until `state`; the last job seen (check its "state").
  nlohmann::json wait_for_state(std::int64_t id, const std::string& state,
                                std::chrono::seconds deadline = std::chrono::seconds(30));
  // The same, until the job is in any of `states`.
  nlohmann::json wait_for_state(std::int64_t id, const std::vector<std::string>& states,
                                std::chrono::seconds deadline = std::chrono::seconds(30));

  // Every file (not directory) below `dir`, relative to it, sorted; hidden ones included.
  static std::vector<std::string> files_below(const std::filesystem::path& dir);

 private:
  HarmonydDirs m_dirs;
  std::optional<TempDir> m_tmpfs;
  std::filesystem::path m_root_path;
  std::filesystem::path m_downloads;
  std::filesystem::path m_music;
  fakes::SlskdStandIn::Options m_standin_options;
  std::unique_ptr<fakes::SlskdStandIn> m_standin;
  NotifyReceiver m_notify;
  int m_port;
  std::unique_ptr<Process> m_harmonyd;
};

// The track the acceptance scenarios ask for, as the API's JSON.
nlohmann::json let_it_be_request();

}  // namespace harmony::testing
