// The watchlist's acceptance scenarios through harmonyd as a process: the Spotify stand-in
// (its catalogue grown between checks), the slskd stand-in with real audio files, TagLib on
// both ends (the filed download and a file put into MUSIC_DIR first), a 429 in the middle of a
// check and a SIGKILL in the middle of one.
#include <signal.h>

#include <fmt/format.h>

#include "WatchlistFixture.hpp"
#include "audio/AudioFile.hpp"
#include "fakes/AudioFiles.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;
using fakes::SpotifyStandIn;
using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* k_tools = "sox, flac and lame (scripts/packages.d/test-downloads.txt)";

// An album of `count` tracks of `seconds` each; ISRCs are <isrc_prefix><n>.
SpotifyStandIn::Album album(const std::string& artist_id, const std::string& tag,
                            const std::string& name, const std::string& type,
                            const std::string& date, int count, const std::string& isrc_prefix,
                            int seconds = 3) {
  SpotifyStandIn::Album a;
  a.id = spotify_id(tag, 0);
  a.name = name;
  a.artist_id = artist_id;
  a.album_type = type;
  a.release_date = date;
  for (int n = 1; n <= count; ++n) {
    a.tracks.push_back({spotify_id(tag + "t", n), fmt::format("{} Part {}", name, n), n, 1,
                        seconds * 1000, fmt::format("{}{}", isrc_prefix, n)});
  }
  return a;
}

// Web API requests the stand-in received after `since`.
int requests_since(const SpotifyStandIn& spotify, std::chrono::steady_clock::time_point since) {
  int count = 0;
  for (const auto& request : spotify.api_requests()) {
    count += request.at > since ? 1 : 0;
  }
  return count;
}

}  // namespace

TEST(WatchlistAcceptance, MonitorNewRecordsThreeReleasesThenFilesBothTracksOfASingleAddedLater) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  WatchlistHub hub(/*with_slskd=*/true);
  hub.start({{"WATCHLIST_INTERVAL", "1h"}});
  ASSERT_TRUE(hub.ready()) << hub.output();
  auto& spotify = hub.s->spotify;
  const std::string artist = spotify_id("Tidewater", 1);
  const std::string key = "spotify:" + artist;
  spotify.add_artist(artist, "Tidewater Choir");
  spotify.add_album(album(artist, "TwA", "Estuary", "album", "2019-04-05", 2, "QZTWA190000"));
  spotify.add_album(album(artist, "TwB", "Salt Marsh", "album", "2021-09-17", 2, "QZTWB210000"));
  spotify.add_album(album(artist, "TwC", "Neap", "single", "2023-02-03", 1, "QZTWC230000"));

  auto added = hub.post("/api/v1/watchlist", {{"artist", key}, {"monitor", "new"}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  ASSERT_TRUE(hub.checked(key, "first_scan")) << hub.output();
  const json first = hub.watch(key);
  ASSERT_EQ(first["releases"].size(), 3u) << first.dump(2);
  for (const auto& release : first["releases"]) {
    EXPECT_EQ(release["state"], "existing") << release.dump();
  }
  EXPECT_TRUE(hub.jobs().empty()) << "the first check of monitor: new queues nothing";

  // A two-track single appears; two peers share it as real FLACs.
  spotify.add_album(album(artist, "TwD", "Low Light", "single", "2026-11-27", 2, "QZTWD260000"));
  for (int n = 1; n <= 2; ++n) {
    ASSERT_TRUE(hub.slskd->add(
        {.username = fmt::format("peer{}", n),
         .filename = fmt::format(
             "@@p\\Tidewater Choir\\Low Light (2026)\\0{} - Low Light Part {}.flac", n, n),
         .seconds = 3.0}));
  }
  auto checked = hub.post("/api/v1/watchlist/" + key + "/check", json::object());
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->status, 202) << checked->body;
  ASSERT_TRUE(hub.checked(key, "new_releases")) << hub.output();
  EXPECT_EQ(hub.jobs().size(), 2u);
  ASSERT_TRUE(eventually(
      [&] {
        const json jobs = hub.jobs();
        return jobs.size() == 2 && jobs[0]["state"] == "done" && jobs[1]["state"] == "done";
      },
      60s, 100ms))
      << hub.jobs().dump(2) << hub.output();

  std::set<std::string> titles;
  for (const auto& job : hub.jobs()) {
    EXPECT_EQ(job["request"]["source"], "watchlist");
    const fs::path filed = job["final_path"].get<std::string>();
    ASSERT_EQ(filed.string().rfind(hub.folders.music.string(), 0), 0u) << filed;
    const auto tags = audio::read_tags(filed);
    ASSERT_TRUE(tags.ok()) << filed;
    EXPECT_EQ(tags->artist, "Tidewater Choir");
    EXPECT_EQ(tags->album, "Low Light");
    titles.insert(tags->title);
  }
  EXPECT_EQ(titles, (std::set<std::string>{"Low Light Part 1", "Low Light Part 2"}));
  const json detail = hub.watch(key);
  ASSERT_EQ(detail["releases"].size(), 4u);
  const json& single = detail["releases"][0];
  EXPECT_EQ(single["name"], "Low Light");
  EXPECT_EQ(single["state"], "complete") << single.dump(2);
  EXPECT_EQ(single["complete"], 2);
  EXPECT_EQ(single["missing"], 0);
  EXPECT_EQ(hub.get("/api/v1/library/stats")["tracks"], 2) << "both filed files are indexed";
  json done;  // each entry is written just after its job's state is stored
  ASSERT_TRUE(eventually(
      [&] {
        done = hub.get("/api/v1/activity?type=download_done")["items"];
        return done.size() >= 2;
      },
      10s, 50ms))
      << done.dump(2);
  ASSERT_EQ(done.size(), 2u) << done.dump(2);
  for (const auto& entry : done) {
    EXPECT_EQ(entry["artist_key"], key);
    EXPECT_NE(entry["message"].get<std::string>().find("Low Light Part"), std::string::npos);
  }
}

TEST(WatchlistAcceptance, AWatchlistDownloadThatFailsIsInTheActivityFeedAndOtherDownloadsAreNot) {
  WatchlistHub hub(/*with_slskd=*/true);  // nobody shares anything: every search ends empty
  hub.start({{"WATCHLIST_INTERVAL", "1h"}, {"DOWNLOAD_MAX_ATTEMPTS", "1"}});
  ASSERT_TRUE(hub.ready()) << hub.output();
  auto& spotify = hub.s->spotify;
  const std::string artist = spotify_id("Quiet", 1);
  const std::string key = "spotify:" + artist;
  spotify.add_artist(artist, "Quiet Harbour");
  spotify.add_album(album(artist, "QhA", "Unheard", "single", "2025-01-10", 1, "QZQHA250000"));
  ASSERT_EQ(hub.post("/api/v1/watchlist", {{"artist", key}, {"monitor", "all"}})->status, 201);
  ASSERT_EQ(
      hub.post("/api/v1/downloads", {{"artist", "Somebody Else"}, {"title", "Elsewhere"}})->status,
      202);
  ASSERT_TRUE(eventually(
      [&] {
        const json jobs = hub.jobs();
        return jobs.size() == 2 && jobs[0]["state"] == "dead_letter" &&
               jobs[1]["state"] == "dead_letter";
      },
      30s, 100ms))
      << hub.jobs().dump(2) << hub.output();
  // The feed entry is written when the job has ended, just after its state is stored.
  json failed;
  ASSERT_TRUE(eventually(
      [&] {
        failed = hub.get("/api/v1/activity?type=download_failed")["items"];
        return !failed.empty();
      },
      10s, 50ms))
      << hub.output();
  ASSERT_EQ(failed.size(), 1u) << "only the watchlist's download: " << failed.dump(2);
  EXPECT_EQ(failed[0]["artist_key"], key);
  EXPECT_NE(failed[0]["message"].get<std::string>().find("Unheard Part 1"), std::string::npos)
      << failed[0].dump();
  EXPECT_TRUE(hub.get("/api/v1/activity?type=download_done")["items"].empty());
}

TEST(WatchlistAcceptance, MonitorAllQueuesEveryTrackOnceButNotDeluxeRepeatsOrWhatTheLibraryHolds) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  WatchlistHub hub(/*with_slskd=*/false);
  // A tagged file in MUSIC_DIR before harmonyd starts: the single "Undertow" is owned.
  const fs::path owned = hub.folders.music / "Harbour Lights" / "Undertow" / "01 - Undertow.flac";
  fs::create_directories(owned.parent_path());
  ASSERT_TRUE(fakes::make_flac(owned, 3.0));
  ASSERT_TRUE(audio::write_tags(
                  owned, {"Harbour Lights", "Undertow Part 1", "Undertow", 2024, 1, "QZHLU2400001"})
                  .ok());
  hub.start({{"WATCHLIST_INTERVAL", "1h"}});
  ASSERT_TRUE(hub.ready()) << hub.output();
  ASSERT_TRUE(eventually([&] { return hub.get("/api/v1/library/stats")["tracks"] == 1; }, 20s))
      << hub.get("/api/v1/library/stats").dump();

  auto& spotify = hub.s->spotify;
  const std::string artist = spotify_id("Harbour", 1);
  const std::string key = "spotify:" + artist;
  spotify.add_artist(artist, "Harbour Lights");
  spotify.add_album(album(artist, "HlA", "Shoreline", "album", "2022-03-04", 3, "QZHLA220000"));
  // The deluxe edition repeats the three album tracks (same ISRCs) and adds a fourth.
  auto deluxe = album(artist, "HlD", "Shoreline (Deluxe)", "album", "2023-03-03", 4, "QZHLA220000");
  for (int n = 0; n < 3; ++n) {
    deluxe.tracks[static_cast<std::size_t>(n)].name = fmt::format("Shoreline Part {}", n + 1);
  }
  spotify.add_album(deluxe);
  spotify.add_album(album(artist, "HlL", "Lantern", "single", "2024-06-07", 1, "QZHLL240000"));
  spotify.add_album(album(artist, "HlU", "Undertow", "single", "2024-08-09", 1, "QZHLU240000"));

  auto added = hub.post("/api/v1/watchlist", {{"artist", key}, {"monitor", "all"}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  ASSERT_TRUE(hub.checked(key, "first_scan")) << hub.output();

  const json jobs = hub.jobs();
  EXPECT_EQ(isrcs_of(jobs),
            (std::multiset<std::string>{"QZHLA2200001", "QZHLA2200002", "QZHLA2200003",
                                        "QZHLA2200004", "QZHLL2400001"}))
      << jobs.dump(2);
  const json detail = hub.watch(key);
  ASSERT_EQ(detail["releases"].size(), 4u);
  std::map<std::string, int> decisions;
  for (const auto& release : detail["releases"]) {
    for (const auto& track : release["tracks"]) {
      ++decisions[track["decision"].get<std::string>()];
    }
  }
  EXPECT_EQ(decisions["queued"], 5) << detail.dump(2);
  EXPECT_EQ(decisions["duplicate"], 3) << "the deluxe edition's repeats link the album's jobs";
  EXPECT_EQ(decisions["in_library"], 1);

  // A second check queues nothing more.
  ASSERT_EQ(hub.post("/api/v1/watchlist/" + key + "/check", json::object())->status, 202);
  ASSERT_TRUE(hub.checked(key, "unchanged")) << hub.watch(key).dump(2);
  EXPECT_EQ(hub.jobs().size(), 5u);
}

TEST(WatchlistAcceptance, A429MidCheckSendsNothingForRetryAfterAndTheCheckCompletesWhole) {
  WatchlistHub hub(/*with_slskd=*/false);
  hub.start({{"WATCHLIST_INTERVAL", "1h"}});
  ASSERT_TRUE(hub.ready()) << hub.output();
  auto& spotify = hub.s->spotify;
  const std::string artist = spotify_id("Ember", 1);
  const std::string key = "spotify:" + artist;
  spotify.add_artist(artist, "Ember Falls");
  for (int a = 0; a < 4; ++a) {
    spotify.add_album(album(artist, fmt::format("Ef{}", a), fmt::format("Ember {}", a), "album",
                            fmt::format("201{}-01-01", a), 3, fmt::format("QZEF{}000000", a)));
  }
  spotify.set_api_latency(100ms);  // the check (17 requests) takes long enough to interrupt
  const auto start = std::chrono::steady_clock::now();
  auto added = hub.post("/api/v1/watchlist", {{"artist", key}, {"monitor", "all"}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  ASSERT_TRUE(eventually([&] { return requests_since(spotify, start) >= 6; }, 20s));
  spotify.throttle(3s);
  ASSERT_TRUE(hub.checked(key, "first_scan", 40s)) << hub.output();

  const auto throttled = spotify.first_throttled_at();
  ASSERT_NE(throttled, std::chrono::steady_clock::time_point{}) << "the stand-in sent a 429";
  int after = 0;
  for (const auto& request : spotify.api_requests()) {
    if (request.at > throttled) {
      ++after;
      EXPECT_GE(request.at - throttled, 3s) << request.target << " came within Retry-After";
    }
  }
  EXPECT_GT(after, 0) << "the check went on after the wait";
  const json jobs = hub.jobs();
  EXPECT_EQ(jobs.size(), 12u) << jobs.dump(2);
  const auto isrcs = isrcs_of(jobs);
  EXPECT_EQ(std::set<std::string>(isrcs.begin(), isrcs.end()).size(), 12u) << "nothing doubled";
  EXPECT_EQ(hub.watch(key)["releases"].size(), 4u);
}

TEST(WatchlistAcceptance, ASigkillMidCheckAndARestartLeaveEveryTrackQueuedExactlyOnce) {
  WatchlistHub hub(/*with_slskd=*/false);
  hub.start({{"WATCHLIST_INTERVAL", "1h"}});
  ASSERT_TRUE(hub.ready()) << hub.output();
  auto& spotify = hub.s->spotify;
  const std::string artist = spotify_id("Cinder", 1);
  const std::string key = "spotify:" + artist;
  spotify.add_artist(artist, "Cinder Road");
  for (int a = 0; a < 6; ++a) {
    spotify.add_album(album(artist, fmt::format("Cr{}", a), fmt::format("Cinder {}", a), "album",
                            fmt::format("200{}-05-05", a), 3, fmt::format("QZCR{}000000", a)));
  }
  spotify.set_api_latency(150ms);  // about 4 s for the whole check
  auto added = hub.post("/api/v1/watchlist", {{"artist", key}, {"monitor", "all"}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  std::size_t queued = 0;
  ASSERT_TRUE(eventually([&] { return (queued = hub.jobs().size()) >= 3; }, 20s, 10ms))
      << hub.output();
  // A release is recorded every ~600 ms: the kill lands well before the last one.
  ASSERT_LT(queued, 15u) << "the check must still be running when harmonyd is killed";
  hub.s->harmonyd.process->signal(SIGKILL);
  ASSERT_TRUE(hub.s->harmonyd.process->wait_for_exit(10s).has_value());

  spotify.set_api_latency(0ms);
  hub.s->harmonyd.start(hub.s->env);
  ASSERT_TRUE(eventually([&] { return port_accepts(hub.s->harmonyd.port); }, 10s)) << hub.output();
  ASSERT_TRUE(hub.checked(key, "first_scan", 30s)) << hub.output();
  const json jobs = hub.jobs();
  EXPECT_EQ(jobs.size(), 18u) << jobs.dump(2);
  const auto isrcs = isrcs_of(jobs);
  EXPECT_EQ(std::set<std::string>(isrcs.begin(), isrcs.end()).size(), 18u) << "no duplicates";
  EXPECT_EQ(hub.watch(key)["releases"].size(), 6u);
}

}  // namespace harmony::testing
