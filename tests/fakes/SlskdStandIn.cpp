// The stand-in's lifecycle, peer files, application endpoints and counters; searches and
// transfers are in SlskdStandInSearches.cpp and SlskdStandInTransfers.cpp.
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fakes/AudioFiles.hpp"
#include "fakes/SlskdStandInState.hpp"

namespace harmony::fakes {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

}  // namespace

bool SlskdStandIn::State::authorised(const httplib::Request& req, httplib::Response& res) const {
  if (req.get_header_value("X-API-Key") != options.api_key) {
    res.status = 401;
    return false;
  }
  return true;
}

void SlskdStandIn::State::add_application_routes() {
  State& s = *this;
  server.Get("/api/v0/application/version",
             [&s](const httplib::Request& req, httplib::Response& res) {
               if (s.authorised(req, res)) {
                 res.set_content(json(s.options.version).dump(), "application/json");
               }
             });
  server.Get("/api/v0/application", [&s](const httplib::Request& req, httplib::Response& res) {
    if (s.authorised(req, res)) {
      const json state{
          {"version", {{"full", s.options.version}, {"current", s.options.version}}},
          {"server",
           {{"isConnected", true}, {"isLoggedIn", true}, {"state", "Connected, LoggedIn"}}}};
      res.set_content(state.dump(), "application/json");
    }
  });
}

SlskdStandIn::SlskdStandIn(Options options) : m_state(std::make_unique<State>()) {
  State& s = *m_state;
  s.options = std::move(options);
  s.add_application_routes();
  s.add_search_routes();
  s.add_transfer_routes();

  s.port = s.options.port;
  if (s.port == 0) {
    s.port = s.server.bind_to_any_port("127.0.0.1");
  } else if (!s.server.bind_to_port("127.0.0.1", s.port)) {
    throw std::runtime_error("slskd stand-in: cannot listen on 127.0.0.1:" +
                             std::to_string(s.port));
  }
  s.thread = std::thread([&s] { s.server.listen_after_bind(); });
  while (!s.server.is_running()) {
    std::this_thread::yield();
  }
}

SlskdStandIn::~SlskdStandIn() {
  m_state->server.stop();
  m_state->thread.join();
}

bool SlskdStandIn::add(PeerFile file) {
  State& s = *m_state;
  const std::lock_guard lock(s.mutex);
  const fs::path path = fs::path(s.cache.path()) / fmt::format("file-{}", s.files.size());
  bool made = false;
  if (file.audio == "flac") {
    made = make_flac(path.string() + ".flac", file.seconds);
    fs::rename(path.string() + ".flac", path);
  } else if (file.audio.rfind("mp3:", 0) == 0) {
    made = make_mp3(path.string() + ".mp3", file.seconds, std::stoi(file.audio.substr(4)));
    fs::rename(path.string() + ".mp3", path);
  } else {
    std::ofstream(path) << "root:x:0:0:root:/root:/bin/bash\n";
    made = true;
  }
  if (!made) {
    return false;
  }
  s.file_sizes.push_back(static_cast<std::int64_t>(fs::file_size(path)));
  s.file_paths.push_back(path);
  s.files.push_back(std::move(file));
  return true;
}

std::string SlskdStandIn::url() const {
  return fmt::format("http://127.0.0.1:{}", m_state->port);
}
const std::string& SlskdStandIn::api_key() const {
  return m_state->options.api_key;
}

std::vector<SlskdStandIn::SearchPost> SlskdStandIn::search_posts() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->posts;
}
int SlskdStandIn::concurrent_post_overlaps() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->overlaps;
}
int SlskdStandIn::max_unfinished_searches() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->max_unfinished;
}
int SlskdStandIn::enqueue_count() const {
  const std::lock_guard lock(m_state->mutex);
  return static_cast<int>(m_state->enqueued.size());
}
std::vector<std::string> SlskdStandIn::enqueued_usernames() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->enqueued;
}
int SlskdStandIn::cancelled_count() const {
  const std::lock_guard lock(m_state->mutex);
  return m_state->cancelled;
}

}  // namespace harmony::fakes
