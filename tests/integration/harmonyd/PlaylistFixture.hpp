#pragma once
// Followed playlists through harmonyd as a process: harmonyd with both stand-ins, a connected
// Spotify user and one album shared by slskd peers (PlaylistSyncTest.cpp,
// PlaylistSyncFaultsTest.cpp).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "WatchlistFixture.hpp"

namespace harmony::testing {

inline constexpr const char* k_tools = "sox, flac and lame (scripts/packages.d/test-downloads.txt)";
inline constexpr const char* k_artist_name = "Lantern Coast";

// Four three-second tracks of one album by "Lantern Coast", ISRCs QZLCA2600001…4.
inline fakes::SpotifyStandIn::Album road_album(const std::string& artist_id) {
  fakes::SpotifyStandIn::Album album;
  album.id = spotify_id("LcAlb", 0);
  album.name = "Night Roads";
  album.artist_id = artist_id;
  album.release_date = "2026-03-03";
  for (int n = 1; n <= 4; ++n) {
    album.tracks.push_back({spotify_id("LcTrk", n), fmt::format("Night Road {}", n), n, 1, 3000,
                            fmt::format("QZLCA260000{}", n)});
  }
  return album;
}

inline std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// harmonyd with both stand-ins, a connected user and the album above shared by peers. With
// `kill_after_first_list`, harmonyd is SIGKILLed (support/CrashAfter.cpp) right after it first
// renames a playlist file into MUSIC_DIR/Playlists.
struct PlaylistHub {
  WatchlistHub hub{/*with_slskd=*/true};
  std::string artist = spotify_id("Lantern", 1);

  explicit PlaylistHub(bool kill_after_first_list = false) {
    Env env{{"PLAYLIST_SYNC_INTERVAL", "1h"}};
    if (kill_after_first_list) {
      env["LD_PRELOAD"] = build_path("tests/crash-after.so");
      env["HARMONY_CRASH_AFTER"] = "rename";
      env["HARMONY_CRASH_PATH"] = (hub.folders.music / "Playlists").string() + "/";
    }
    hub.start(env);
    EXPECT_TRUE(hub.ready()) << hub.output();
    hub.s->spotify.add_artist(artist, k_artist_name);
    hub.s->spotify.add_album(road_album(artist));
    for (int n = 1; n <= 4; ++n) {
      EXPECT_TRUE(hub.slskd->add(
          {.username = fmt::format("peer{}", n),
           .filename = fmt::format(
               "@@p\\Lantern Coast\\Night Roads (2026)\\0{} - Night Road {}.flac", n, n),
           .seconds = 3.0}));
    }
    hub.s->connect();
  }
  // harmonyd again on the same folders and database, without the crash library.
  void restart_after_kill() {
    for (const char* key : {"LD_PRELOAD", "HARMONY_CRASH_AFTER", "HARMONY_CRASH_PATH"}) {
      hub.s->env.erase(key);
    }
    hub.s->harmonyd.start(hub.s->env);
    ASSERT_TRUE(
        eventually([&] { return port_accepts(hub.s->harmonyd.port); }, std::chrono::seconds(10)))
        << hub.output();
  }
  fakes::SpotifyStandIn& spotify() { return hub.s->spotify; }
  std::string track(int n) const { return spotify_id("LcTrk", n); }
  httplib::Result post(const std::string& path, const nlohmann::json& body) {
    return hub.post(path, body);
  }
  nlohmann::json playlist(const std::string& id) { return hub.get("/api/v1/playlists/" + id); }
  nlohmann::json activity(const std::string& type) {
    return hub.get("/api/v1/activity?type=" + type + "&limit=500")["items"];
  }
  std::size_t syncs() { return activity("playlist_synced").size(); }
  // POST /api/v1/sync and wait until one more sync of the one followed playlist was recorded.
  bool sync_all() {
    const std::size_t before = syncs();
    auto answer = post("/api/v1/sync", nlohmann::json::object());
    EXPECT_TRUE(answer);
    EXPECT_EQ(answer ? answer->status : 0, 202) << (answer ? answer->body : "");
    return eventually([&] { return syncs() > before; }, std::chrono::seconds(20),
                      std::chrono::milliseconds(50));
  }
  std::string metrics() {
    auto c = hub.s->client();
    auto answer = c.Get("/api/v1/metrics");
    return answer ? answer->body : "";
  }
  // Web API requests for the items of playlist `id` so far.
  std::size_t item_requests(const std::string& id) {
    const auto requests = spotify().api_requests();
    return static_cast<std::size_t>(
        std::count_if(requests.begin(), requests.end(), [&](const auto& request) {
          return request.target.rfind("/v1/playlists/" + id + "/items", 0) == 0;
        }));
  }
  bool all_done(std::size_t count) {
    return eventually(
        [&] {
          const nlohmann::json jobs = hub.jobs();
          return jobs.size() == count &&
                 std::all_of(jobs.begin(), jobs.end(),
                             [](const nlohmann::json& job) { return job["state"] == "done"; });
        },
        std::chrono::seconds(60), std::chrono::milliseconds(100));
  }
};

}  // namespace harmony::testing
