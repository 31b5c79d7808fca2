// Followed playlists through harmonyd as a process: the Spotify stand-in (a playlist edited
// between syncs, one the user does not own, Liked Songs), the slskd stand-in sharing real FLACs,
// and the M3U8 file read back from MUSIC_DIR/Playlists; a 429, SIGKILLs mid-sync, and the
// metrics and activity feed of imports and syncs.
#include <signal.h>

#include <algorithm>
#include <fstream>

#include <fmt/format.h>

#include "WatchlistFixture.hpp"
#include "fakes/AudioFiles.hpp"
#include "support/Metrics.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;
using fakes::SpotifyStandIn;
using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* k_tools = "sox, flac and lame (scripts/packages.d/test-downloads.txt)";
constexpr const char* k_artist_name = "Lantern Coast";

// Four three-second tracks of one album by "Lantern Coast", ISRCs QZLCA2600001…4.
SpotifyStandIn::Album road_album(const std::string& artist_id) {
  SpotifyStandIn::Album album;
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

std::vector<std::string> lines_of(const fs::path& file) {
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
    ASSERT_TRUE(eventually([&] { return port_accepts(hub.s->harmonyd.port); }, 10s))
        << hub.output();
  }
  SpotifyStandIn& spotify() { return hub.s->spotify; }
  std::string track(int n) const { return spotify_id("LcTrk", n); }
  httplib::Result post(const std::string& path, const json& body) { return hub.post(path, body); }
  json playlist(const std::string& id) { return hub.get("/api/v1/playlists/" + id); }
  json activity(const std::string& type) {
    return hub.get("/api/v1/activity?type=" + type + "&limit=500")["items"];
  }
  std::size_t syncs() { return activity("playlist_synced").size(); }
  // POST /api/v1/sync and wait until one more sync of the one followed playlist was recorded.
  bool sync_all() {
    const std::size_t before = syncs();
    auto answer = post("/api/v1/sync", json::object());
    EXPECT_TRUE(answer);
    EXPECT_EQ(answer ? answer->status : 0, 202) << (answer ? answer->body : "");
    return eventually([&] { return syncs() > before; }, 20s, 50ms);
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
          const json jobs = hub.jobs();
          return jobs.size() == count && std::all_of(jobs.begin(), jobs.end(), [](const json& job) {
                   return job["state"] == "done";
                 });
        },
        60s, 100ms);
  }
};

}  // namespace

TEST(PlaylistSync, TwoItemsAddedOnSpotifyAreQueuedOnceListedWhenFiledAndARemovedOneLeavesTheList) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  PlaylistHub p;
  const std::string id = spotify_id("RoadTrip", 1);
  p.spotify().add_playlist({id, "Road / Trip", p.spotify().options().user.id, {p.track(1)}});
  auto followed = p.post("/api/v1/playlists",
                         {{"playlist", "https://open.spotify.com/playlist/" + id + "?si=abc"}});
  ASSERT_TRUE(followed);
  ASSERT_EQ(followed->status, 201) << followed->body;
  ASSERT_TRUE(eventually([&] { return p.syncs() == 1; }, 20s)) << p.hub.output();
  ASSERT_TRUE(p.all_done(1)) << p.hub.jobs().dump(2) << p.hub.output();

  // The playlist gains two items; the next manual sync queues exactly those.
  p.spotify().set_playlist_tracks(id, {p.track(1), p.track(2), p.track(3)});
  ASSERT_TRUE(p.sync_all()) << p.hub.output();
  const json jobs = p.hub.jobs();
  ASSERT_EQ(jobs.size(), 3u) << jobs.dump(2);
  EXPECT_EQ(isrcs_of(jobs),
            (std::multiset<std::string>{"QZLCA2600001", "QZLCA2600002", "QZLCA2600003"}));
  for (const auto& job : jobs) {
    EXPECT_EQ(job["request"]["source"], "playlist") << job.dump();
  }
  ASSERT_TRUE(p.all_done(3)) << p.hub.jobs().dump(2) << p.hub.output();

  // Once filed, the M3U8 lists all three, relative to MUSIC_DIR/Playlists.
  const fs::path m3u = p.hub.folders.music / "Playlists" / "Road _ Trip.m3u8";
  std::map<std::string, fs::path> filed;  // ISRC → final path
  for (const auto& job : p.hub.jobs()) {
    filed[job["request"]["isrc"].get<std::string>()] = job["final_path"].get<std::string>();
  }
  const auto expected_lines = [&](const std::vector<int>& tracks) {
    std::vector<std::string> lines{"#EXTM3U"};
    for (int n : tracks) {
      lines.push_back(fmt::format("#EXTINF:3,{} - Night Road {}", k_artist_name, n));
      lines.push_back(fs::path(filed[fmt::format("QZLCA260000{}", n)])
                          .lexically_relative(m3u.parent_path())
                          .generic_string());
    }
    return lines;
  };
  ASSERT_TRUE(eventually(
      [&] {
        return lines_of(m3u) == expected_lines({1, 2, 3});
      },
      10s))
      << fmt::format("{}", fmt::join(lines_of(m3u), "\n"));
  EXPECT_EQ(lines_of(m3u)[2].rfind("../", 0), 0u) << "paths are relative to the Playlists folder";

  // The second item is removed on Spotify: gone from the M3U8, its file still in MUSIC_DIR.
  p.spotify().set_playlist_tracks(id, {p.track(1), p.track(3)});
  ASSERT_TRUE(p.sync_all()) << p.hub.output();
  EXPECT_EQ(lines_of(m3u), expected_lines({1, 3}));
  EXPECT_TRUE(fs::exists(filed["QZLCA2600002"])) << "the library keeps the file";
  EXPECT_EQ(p.hub.jobs().size(), 3u) << "nothing queued again";
  const json detail = p.playlist(id);
  EXPECT_EQ(detail["state"], "synced") << detail.dump(2);
  EXPECT_EQ(detail["items_total"], 2);
  ASSERT_EQ(detail["items"].size(), 3u) << "the removed item stays known (never queued twice)";
  EXPECT_EQ(detail["items"][2]["present"], false) << detail.dump(2);

  // Re-added later, it is listed again without a new download.
  p.spotify().set_playlist_tracks(id, {p.track(2), p.track(1), p.track(3)});
  ASSERT_TRUE(p.sync_all());
  EXPECT_EQ(lines_of(m3u), expected_lines({2, 1, 3}));
  EXPECT_EQ(p.hub.jobs().size(), 3u);
}

TEST(PlaylistSync, APlaylistTheUserDoesNotOwnShowsSpotifysRefusalInWords) {
  PlaylistHub p;
  const std::string id = spotify_id("Theirs", 1);
  p.spotify().add_playlist({id, "Their Mix", "someone-else", {p.track(1)}});
  auto followed = p.post("/api/v1/playlists", {{"playlist", "spotify:playlist:" + id}});
  ASSERT_TRUE(followed);
  ASSERT_EQ(followed->status, 201) << followed->body;
  ASSERT_TRUE(eventually([&] { return p.playlist(id)["state"] == "refused"; }, 20s))
      << p.playlist(id).dump(2) << p.hub.output();
  const json detail = p.playlist(id);
  const std::string message = detail["message"];
  EXPECT_NE(message.find("owns or collaborates on"), std::string::npos) << message;
  EXPECT_NE(message.find("someone-else"), std::string::npos) << message;
  EXPECT_TRUE(p.hub.jobs().empty());
  EXPECT_FALSE(fs::exists(p.hub.folders.music / "Playlists" / "Their Mix.m3u8"));
  // A collaborative one the user may read is synced.
  const std::string shared = spotify_id("Shared", 1);
  SpotifyStandIn::Playlist together{shared, "Together", "someone-else", {p.track(4)}};
  together.collaborative = true;
  p.spotify().add_playlist(together);
  ASSERT_EQ(p.post("/api/v1/playlists", {{"playlist", shared}})->status, 201);
  ASSERT_TRUE(eventually([&] { return p.playlist(shared)["state"] == "synced"; }, 20s))
      << p.playlist(shared).dump(2);
  EXPECT_EQ(p.hub.jobs().size(), 1u);
}

TEST(PlaylistSync, LikedSongsAreFollowedAndListedFirstAmongTheUsersPlaylists) {
  PlaylistHub p;
  p.spotify().set_liked({p.track(4), p.track(2)});
  const json mine = p.hub.get("/api/v1/spotify/playlists")["items"];
  ASSERT_GE(mine.size(), 2u) << mine.dump(2);
  EXPECT_EQ(mine[0]["id"], "liked");
  EXPECT_EQ(mine[0]["items_total"], 2);
  EXPECT_EQ(mine[1]["id"], SpotifyStandIn::k_playlist) << "the seeded playlist of the user";

  auto followed = p.post("/api/v1/playlists", {{"playlist", "liked"}});
  ASSERT_TRUE(followed);
  ASSERT_EQ(followed->status, 201) << followed->body;
  ASSERT_TRUE(eventually([&] { return p.playlist("liked")["state"] == "synced"; }, 20s))
      << p.playlist("liked").dump(2);
  EXPECT_EQ(isrcs_of(p.hub.jobs()), (std::multiset<std::string>{"QZLCA2600002", "QZLCA2600004"}));
  EXPECT_EQ(p.post("/api/v1/playlists", {{"playlist", "liked"}})->status, 200)
      << "following it again changes nothing";
  EXPECT_EQ(p.hub.get("/api/v1/playlists")["items"].size(), 1u);
  EXPECT_TRUE(p.hub.get("/api/v1/spotify/playlists")["items"][0]["followed"].get<bool>());
}

TEST(PlaylistSync, BadReferencesUnknownPlaylistsAndNoConnectedUserAreRefusedClearly) {
  WatchlistHub hub(/*with_slskd=*/false);
  hub.start();
  ASSERT_TRUE(hub.ready()) << hub.output();
  auto c = hub.s->client();
  // No user yet: the playlists need one.
  auto no_user = hub.post("/api/v1/playlists", {{"playlist", "liked"}});
  ASSERT_TRUE(no_user);
  EXPECT_EQ(no_user->status, 409) << no_user->body;
  EXPECT_EQ(c.Get("/api/v1/spotify/playlists")->status, 409);

  hub.s->connect();
  for (const json& body : {json{{"playlist", "https://example.com/not-a-playlist"}},
                           json{{"playlist", 42}}, json{{"list", "liked"}}}) {
    auto refused = hub.post("/api/v1/playlists", body);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400) << body.dump() << ": " << refused->body;
    EXPECT_NE(refused->body.find("playlist"), std::string::npos) << refused->body;
    EXPECT_EQ(json::parse(refused->body)["error"]["meta"]["field"], "playlist") << refused->body;
  }
  auto unknown = hub.post("/api/v1/playlists", {{"playlist", spotify_id("Nowhere", 1)}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404) << unknown->body;
  EXPECT_EQ(c.Get("/api/v1/playlists/" + spotify_id("Nowhere", 1))->status, 404);
  EXPECT_EQ(c.Delete("/api/v1/playlists/liked")->status, 404);
  EXPECT_EQ(c.Post("/api/v1/playlists/liked/sync", "", "application/json")->status, 404);
  EXPECT_TRUE(hub.get("/api/v1/playlists")["items"].empty());
}

TEST(PlaylistSync, A429ForTheItemsHoldsEveryRequestUntilRetryAfterAndTheNextSyncQueuesTheNewOnes) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  PlaylistHub p;
  const std::string id = spotify_id("Paced", 1);
  p.spotify().add_playlist({id, "Paced", p.spotify().options().user.id, {p.track(1)}});
  ASSERT_EQ(p.post("/api/v1/playlists", {{"playlist", id}})->status, 201);
  ASSERT_TRUE(eventually([&] { return p.syncs() == 1; }, 20s)) << p.hub.output();
  ASSERT_EQ(p.hub.jobs().size(), 1u);

  // Two items are added on Spotify, which answers the sync's next request with 429 and a
  // Retry-After longer than harmonyd lets a caller wait in line (10 s): the sync gives up.
  constexpr auto k_retry_after = 12s;
  p.spotify().set_playlist_tracks(id, {p.track(1), p.track(2), p.track(3)});
  p.spotify().throttle(k_retry_after);
  ASSERT_EQ(p.post("/api/v1/playlists/" + id + "/sync", json::object())->status, 202);
  ASSERT_TRUE(eventually([&] { return p.playlist(id)["state"] == "rate_limited"; }, 20s))
      << p.playlist(id).dump(2) << p.hub.output();
  const auto throttled = p.spotify().first_throttled_at();
  ASSERT_NE(throttled, std::chrono::steady_clock::time_point{}) << "the stand-in sent a 429";
  const auto requests = p.spotify().api_requests();
  const auto limited = std::find_if(requests.begin(), requests.end(),
                                    [](const auto& request) { return request.status == 429; });
  ASSERT_NE(limited, requests.end());
  EXPECT_EQ(limited->target.rfind("/v1/playlists/" + id + "/items", 0), 0u) << limited->target;
  json detail = p.playlist(id);
  const std::string message = detail["message"];
  EXPECT_NE(message.find("429"), std::string::npos) << message;
  EXPECT_NE(message.find("Retry-After"), std::string::npos) << message;
  EXPECT_EQ(detail["items"].size(), 1u) << "nothing of the refused sync is recorded";
  EXPECT_EQ(p.hub.jobs().size(), 1u);
  const json failed = p.activity("playlist_sync_failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0]["message"].get<std::string>().rfind("Paced: rate_limited (", 0), 0u)
      << failed.dump(2);

  // A manual sync while the latch holds ends the same way without asking Spotify.
  ASSERT_EQ(p.post("/api/v1/sync", json::object())->status, 202);
  ASSERT_TRUE(eventually([&] { return p.activity("playlist_sync_failed").size() == 2; }, 10s));
  EXPECT_EQ(metric_value(p.metrics(), R"(harmony_playlist_syncs_total{result="rate_limited"})"),
            "2");

  // Once the latch lifts (harmonyd's own gauge says so), the next sync queues the two once.
  ASSERT_TRUE(
      eventually([&] { return metric_value(p.metrics(), "harmony_spotify_rate_limited") == "0"; },
                 20s, 100ms));
  ASSERT_TRUE(p.sync_all()) << p.hub.output();
  for (const auto& request : p.spotify().api_requests()) {
    if (request.at > throttled) {
      EXPECT_GE(request.at - throttled, k_retry_after)
          << request.target << " was sent within Retry-After";
    }
  }
  detail = p.playlist(id);
  EXPECT_EQ(detail["state"], "synced") << detail.dump(2);
  EXPECT_EQ(detail["message"], "");
  EXPECT_EQ(detail["items"].size(), 3u);
  const json jobs = p.hub.jobs();
  EXPECT_EQ(isrcs_of(jobs),
            (std::multiset<std::string>{"QZLCA2600001", "QZLCA2600002", "QZLCA2600003"}))
      << jobs.dump(2);
  EXPECT_NE(p.activity("playlist_synced")[0]["message"].get<std::string>().find(
                "3 items, 2 new, 2 queued"),
            std::string::npos)
      << p.activity("playlist_synced").dump(2);
  const std::string metrics = p.metrics();
  EXPECT_EQ(metric_value(metrics, R"(harmony_playlist_syncs_total{result="synced"})"), "2");
  EXPECT_EQ(metric_value(metrics, "harmony_playlist_items_queued_total"), "3");
}

TEST(PlaylistSync, ASigkillAfterASyncRecordedOrWhileOneFetchesLeavesNoPartialItemOrDuplicateJob) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  PlaylistHub p(/*kill_after_first_list=*/true);
  const std::string id = spotify_id("Whole", 1);
  const fs::path m3u = p.hub.folders.music / "Playlists" / "Kept Whole.m3u8";
  p.spotify().add_playlist(
      {id, "Kept Whole", p.spotify().options().user.id, {p.track(1), p.track(2)}});
  // Slow answers keep the first sync (and its kill) well after the follow's reply.
  p.spotify().set_api_latency(200ms);
  (void)p.post("/api/v1/playlists", {{"playlist", id}});
  auto& process = *p.hub.s->harmonyd.process;
  ASSERT_EQ(process.wait_for_exit(20s), 128 + SIGKILL)
      << "killed right after the first sync renamed its list into place\n"
      << p.hub.output();
  p.spotify().set_api_latency(0ms);
  p.restart_after_kill();

  // Killed after the items were recorded: both are there, each with its own download.
  const auto recorded_whole = [&](std::size_t count) {
    const json detail = p.playlist(id);
    const json jobs = p.hub.jobs();
    EXPECT_EQ(detail["items"].size(), count) << detail.dump(2);
    EXPECT_EQ(jobs.size(), count) << jobs.dump(2);
    std::set<std::int64_t> linked;
    for (const auto& item : detail["items"]) {
      EXPECT_EQ(item["decision"], "queued") << item.dump();
      ASSERT_TRUE(item["job_id"].is_number()) << item.dump();
      linked.insert(item["job_id"].get<std::int64_t>());
    }
    std::set<std::int64_t> job_ids;
    for (const auto& job : jobs) {
      job_ids.insert(job["id"].get<std::int64_t>());
      EXPECT_EQ(job["request"]["source"], "playlist");
    }
    EXPECT_EQ(linked, job_ids) << "every item has its job and every job its item";
  };
  recorded_whole(2);
  EXPECT_EQ(lines_of(m3u), std::vector<std::string>{"#EXTM3U"}) << "nothing filed at the kill";
  std::vector<std::string> listed;
  for (const auto& entry : fs::directory_iterator(m3u.parent_path())) {
    listed.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(listed, std::vector<std::string>{"Kept Whole.m3u8"}) << "no temp file left";

  // Two more items; harmonyd is killed while the sync waits for Spotify's answer.
  p.spotify().set_playlist_tracks(id, {p.track(1), p.track(2), p.track(3), p.track(4)});
  p.spotify().set_api_latency(2s);
  const std::size_t asked = p.item_requests(id);
  ASSERT_EQ(p.post("/api/v1/sync", json::object())->status, 202);
  ASSERT_TRUE(eventually([&] { return p.item_requests(id) > asked; }, 10s)) << p.hub.output();
  p.hub.s->harmonyd.process->signal(SIGKILL);
  ASSERT_EQ(p.hub.s->harmonyd.process->wait_for_exit(10s), 128 + SIGKILL);
  p.spotify().set_api_latency(0ms);
  p.restart_after_kill();
  recorded_whole(2);

  // The next sync queues the two missing items exactly once.
  ASSERT_TRUE(p.sync_all()) << p.hub.output();
  recorded_whole(4);
  EXPECT_EQ(isrcs_of(p.hub.jobs()), (std::multiset<std::string>{"QZLCA2600001", "QZLCA2600002",
                                                                "QZLCA2600003", "QZLCA2600004"}));
  ASSERT_TRUE(p.all_done(4)) << p.hub.jobs().dump(2) << p.hub.output();
  std::map<std::string, fs::path> filed;
  for (const auto& job : p.hub.jobs()) {
    filed[job["request"]["isrc"].get<std::string>()] = job["final_path"].get<std::string>();
  }
  std::vector<std::string> expected{"#EXTM3U"};
  for (int n = 1; n <= 4; ++n) {
    expected.push_back(fmt::format("#EXTINF:3,{} - Night Road {}", k_artist_name, n));
    expected.push_back(fs::path(filed[fmt::format("QZLCA260000{}", n)])
                           .lexically_relative(m3u.parent_path())
                           .generic_string());
  }
  EXPECT_TRUE(eventually([&] { return lines_of(m3u) == expected; }, 10s))
      << fmt::format("{}", fmt::join(lines_of(m3u), "\n"));
}

TEST(PlaylistSync, AnImportAndTwoSyncsAreCountedByOutcomeInTheMetricsAndTheActivityFeed) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  PlaylistHub p;
  // A track no peer shares: its download stays unfinished.
  SpotifyStandIn::Album far;
  far.id = spotify_id("LcFar", 1);
  far.name = "Far Lights";
  far.artist_id = p.artist;
  far.tracks.push_back({spotify_id("LcFarTrk", 1), "Far Light", 1, 1, 3000, "QZLCA2600009"});
  p.spotify().add_album(far);
  const std::string unshared = far.tracks[0].id;

  // The import: track 4 (filed into the library) and the unshared track.
  auto imported = p.post("/api/v1/imports",
                         {{"text", "spotify:track:" + p.track(4) +
                                       "\nhttps://open.spotify.com/track/" + unshared + "\n"}});
  ASSERT_TRUE(imported);
  ASSERT_EQ(imported->status, 202) << imported->body;
  const auto import_id = json::parse(imported->body)["id"].get<std::int64_t>();
  std::int64_t filed_job = 0;
  ASSERT_TRUE(eventually(
      [&] {
        for (const auto& job : p.hub.jobs()) {
          if (job["request"]["isrc"] == "QZLCA2600004" && job["state"] == "done") {
            filed_job = job["id"].get<std::int64_t>();
          }
        }
        return filed_job != 0;
      },
      30s, 100ms))
      << p.hub.jobs().dump(2);
  std::string metrics = p.metrics();
  for (const auto& [series, value] : std::vector<std::pair<std::string, std::string>>{
           {"harmony_import_lines_total", "2"},
           {"harmony_import_matched_total", "2"},
           {R"(harmony_import_items_total{outcome="queued"})", "2"},
           {R"(harmony_import_items_total{outcome="duplicate"})", "0"},
           {"harmony_playlist_items_queued_total", "0"}}) {
    EXPECT_EQ(metric_value(metrics, series), value) << series << "\n" << metrics;
  }
  const json imports = p.activity("import_done");
  ASSERT_EQ(imports.size(), 1u);
  EXPECT_EQ(imports[0]["message"],
            fmt::format("import {}: 2 items, 2 queued, 0 duplicates, 0 in the library, 0 "
                        "invalid, 0 refused, 0 failed (2 lines, 2 matched on Spotify)",
                        import_id));

  // A playlist of two new tracks, the filed one and the one already requested.
  const std::string id = spotify_id("Counted", 1);
  p.spotify().add_playlist({id,
                            "Counted",
                            p.spotify().options().user.id,
                            {p.track(1), p.track(2), p.track(4), unshared}});
  ASSERT_EQ(p.post("/api/v1/playlists", {{"playlist", id}})->status, 201);
  ASSERT_TRUE(eventually([&] { return p.syncs() == 1; }, 20s)) << p.hub.output();
  metrics = p.metrics();
  for (const auto& [series, value] : std::vector<std::pair<std::string, std::string>>{
           {"harmony_playlists_followed", "1"},
           {R"(harmony_playlist_syncs_total{result="synced"})", "1"},
           {R"(harmony_playlist_syncs_total{result="rate_limited"})", "0"},
           {"harmony_playlist_items_seen_total", "4"},
           {"harmony_playlist_items_queued_total", "2"},
           {R"(harmony_playlist_items_skipped_total{reason="duplicate"})", "1"},
           {R"(harmony_playlist_items_skipped_total{reason="in_library"})", "1"},
           {R"(harmony_playlist_items_skipped_total{reason="skipped"})", "0"},
           {R"(harmony_import_items_total{outcome="queued"})", "2"}}) {
    EXPECT_EQ(metric_value(metrics, series), value) << series << "\n" << metrics;
  }
  EXPECT_EQ(p.activity("playlist_synced")[0]["message"],
            "Counted: 4 items, 4 new, 2 queued, 1 already requested, 1 in the library, 0 "
            "skipped, 0 removed on Spotify");
  EXPECT_EQ(p.activity("playlist_followed").size(), 1u);
  EXPECT_EQ(p.hub.jobs().size(), 4u) << "two from the import, two from the playlist";

  // The second sync: one added, one removed.
  p.spotify().set_playlist_tracks(id, {p.track(1), p.track(2), p.track(3), p.track(4)});
  ASSERT_TRUE(p.sync_all()) << p.hub.output();
  metrics = p.metrics();
  EXPECT_EQ(metric_value(metrics, R"(harmony_playlist_syncs_total{result="synced"})"), "2");
  EXPECT_EQ(metric_value(metrics, "harmony_playlist_items_seen_total"), "5");
  EXPECT_EQ(metric_value(metrics, "harmony_playlist_items_queued_total"), "3");
  EXPECT_EQ(p.activity("playlist_synced")[0]["message"],
            "Counted: 4 items, 1 new, 1 queued, 0 already requested, 0 in the library, 0 "
            "skipped, 1 removed on Spotify");
}

}  // namespace harmony::testing
