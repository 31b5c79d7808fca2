#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "SpotifyFixture.hpp"
#include "fakes/SlskdStandIn.hpp"

namespace harmony::testing {

// harmonyd as a process with the Spotify stand-in and, when asked, the slskd stand-in sharing
// DOWNLOADS_DIR with it: the watchlist's path from a release on Spotify to a tagged file in
// MUSIC_DIR. The folders exist before harmonyd starts so a test can put files there first.
class WatchlistHub {
 public:
  struct Folders {
    TempDir root;
    std::filesystem::path downloads = std::filesystem::path(root.path()) / "downloads";
    std::filesystem::path music = std::filesystem::path(root.path()) / "music";
    Folders() {
      std::filesystem::create_directories(downloads);
      std::filesystem::create_directories(music);
    }
  };

  Folders folders;
  std::unique_ptr<fakes::SlskdStandIn> slskd;
  std::unique_ptr<SpotifyHarmonyd> s;

  // `with_slskd`: downloads on (SLSKD_URL set); otherwise jobs are written and stay requested.
  explicit WatchlistHub(bool with_slskd) {
    if (with_slskd) {
      fakes::SlskdStandIn::Options options;
      options.downloads_dir = folders.downloads;
      options.search_duration = std::chrono::milliseconds(100);
      options.transfer_step = std::chrono::milliseconds(40);
      slskd = std::make_unique<fakes::SlskdStandIn>(options);
    }
  }

  // Starts harmonyd; `extra` is added to the environment.
  void start(Env extra = {}) {
    extra["DOWNLOADS_DIR"] = folders.downloads.string();
    extra["MUSIC_DIR"] = folders.music.string();
    extra["RATE_LIMIT_ENABLED"] = "false";  // the tests poll faster than a person
    if (slskd) {
      extra["SLSKD_URL"] = slskd->url();
      extra["SLSKD_API_KEY"] = slskd->api_key();
      extra["DOWNLOAD_POLL_INTERVAL"] = "50ms";
      extra["SEARCH_TIMEOUT"] = "1s";
    }
    s = std::make_unique<SpotifyHarmonyd>(extra);
  }
  bool ready() { return s->harmonyd.ready(); }
  std::string output() { return s->harmonyd.process->output(); }

  httplib::Result post(const std::string& path, const nlohmann::json& body) const {
    auto c = s->client();
    return c.Post(path, body.dump(), "application/json");
  }
  nlohmann::json get(const std::string& path) const { return s->get(path, 200); }
  nlohmann::json watch(const std::string& key) const { return get("/api/v1/watchlist/" + key); }
  nlohmann::json jobs() const { return get("/api/v1/downloads?limit=500")["items"]; }

  // Waits until the watch's last check ended with `result` (a test expects a result other
  // than the previous one: the API's times have whole seconds).
  bool checked(const std::string& key, const std::string& result,
               std::chrono::seconds limit = std::chrono::seconds(30)) const {
    return eventually([&] { return watch(key)["last_result"] == result; }, limit,
                      std::chrono::milliseconds(50));
  }
};

// A Spotify artist id (22 base62 characters) made from a short tag, e.g. spotify_id("A", 1).
inline std::string spotify_id(const std::string& tag, int n) {
  std::string id = tag + std::to_string(n);
  id.resize(22, 'x');
  return id;
}

// The ISRCs of `jobs` (GET /api/v1/downloads items), one entry per job.
inline std::multiset<std::string> isrcs_of(const nlohmann::json& jobs) {
  std::multiset<std::string> isrcs;
  for (const auto& job : jobs) {
    isrcs.insert(job["request"].value("isrc", ""));
  }
  return isrcs;
}

}  // namespace harmony::testing
