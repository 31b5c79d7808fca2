#include "HubFixture.hpp"

#include <algorithm>
#include <thread>

#include <gtest/gtest.h>

namespace harmony::testing {

namespace fs = std::filesystem;

Hub::Hub(fakes::SlskdStandIn::Options options, bool music_on_tmpfs, bool standin_later)
    : m_root_path(m_dirs.root.path()), m_downloads(m_dirs.downloads), m_port(free_loopback_port()) {
  if (music_on_tmpfs) {
    m_tmpfs.emplace("/dev/shm");
    m_music = fs::path(m_tmpfs->path()) / "music";
  } else {
    m_music = m_root_path / "music";
  }
  fs::create_directories(m_downloads);
  fs::create_directories(m_music);
  fs::create_directories(m_dirs.config);
  options.downloads_dir = m_downloads;
  if (standin_later && options.port == 0) {
    options.port = free_loopback_port();
  }
  m_standin_options = std::move(options);
  if (!standin_later) {
    start_standin();
  }
}

void Hub::start_standin() {
  m_standin = std::make_unique<fakes::SlskdStandIn>(m_standin_options);
}

Hub::~Hub() {
  m_harmonyd.reset();  // SIGKILL and reap before the folders go
}

void Hub::start(const Env& extra) {
  Env env = m_dirs.env(m_port, m_notify.socket_path());
  env["MUSIC_DIR"] = m_music.string();
  env["SLSKD_URL"] =
      m_standin ? m_standin->url() : "http://127.0.0.1:" + std::to_string(m_standin_options.port);
  env["SLSKD_API_KEY"] = m_standin_options.api_key;
  env["DOWNLOAD_POLL_INTERVAL"] = "50ms";
  env["SEARCH_TIMEOUT"] = "1s";
  // The tests poll the API faster than a person would; the limiter has its own tests.
  env["RATE_LIMIT_ENABLED"] = "false";
  for (const auto& [key, value] : extra) {
    env[key] = value;
  }
  m_harmonyd = std::make_unique<Process>(k_harmonyd, std::vector<std::string>{}, env);
  ASSERT_TRUE(m_notify.wait_for("READY=1", std::chrono::seconds(10)).has_value())
      << m_harmonyd->output();
}

std::optional<int> Hub::wait_for_exit(std::chrono::milliseconds timeout) {
  return m_harmonyd->wait_for_exit(timeout);
}

Hub::Reply Hub::call(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& content_type) {
  httplib::Client client("127.0.0.1", m_port);
  client.set_read_timeout(std::chrono::seconds(10));
  httplib::Result result = method == "POST"     ? client.Post(path, body, content_type)
                           : method == "DELETE" ? client.Delete(path)
                                                : client.Get(path);
  if (!result) {
    return {};
  }
  Reply reply{result->status, result->body, nullptr};
  reply.json = nlohmann::json::parse(result->body, nullptr, false);
  if (reply.json.is_discarded()) {
    reply.json = nullptr;
  }
  return reply;
}

std::int64_t Hub::request(const nlohmann::json& track) {
  const Reply reply = call("POST", "/api/v1/downloads", track.dump());
  EXPECT_TRUE(reply.status == 202 || reply.status == 200) << reply.status << " " << reply.body;
  return reply.json.is_object() ? reply.json.value("id", std::int64_t{0}) : 0;
}

nlohmann::json Hub::wait_for_state(std::int64_t id, const std::string& state,
                                   std::chrono::seconds deadline) {
  return wait_for_state(id, std::vector<std::string>{state}, deadline);
}

nlohmann::json Hub::wait_for_state(std::int64_t id, const std::vector<std::string>& states,
                                   std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  nlohmann::json job;
  while (std::chrono::steady_clock::now() < until) {
    const Reply reply = call("GET", "/api/v1/downloads/" + std::to_string(id));
    job = reply.json;
    const std::string now = job.is_object() ? job.value("state", "") : "";
    if (!job.is_object() || std::find(states.begin(), states.end(), now) != states.end() ||
        now == "dead_letter" || now == "cancelled") {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the API's polling cadence
  }
  return job;
}

std::vector<std::string> Hub::files_below(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_directory()) {
      files.push_back(fs::relative(entry.path(), dir).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

nlohmann::json let_it_be_request() {
  return {
      {"artist", "The Beatles"}, {"title", "Let It Be"}, {"album", "Let It Be"},  {"year", 1970},
      {"track_number", 6},       {"duration_ms", 4000},  {"isrc", "GBAYE0601690"}};
}

}  // namespace harmony::testing
