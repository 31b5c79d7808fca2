// Watchlists through harmonyd as a process against the Spotify stand-in: the first check of a
// `monitor: new` watch records what exists and queues nothing, a release added afterwards
// becomes exactly one download job per track, and a paused watch sends Spotify nothing across
// several intervals until it is resumed.
#include "SpotifyFixture.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;
using fakes::SpotifyStandIn;
using nlohmann::json;

const std::string k_key = std::string("spotify:") + SpotifyStandIn::k_artist;
const std::string k_other_key = std::string("spotify:") + SpotifyStandIn::k_other_artist;

httplib::Result post(const SpotifyHarmonyd& s, const std::string& path, const json& body) {
  auto c = s.client();
  return c.Post(path, body.dump(), "application/json");
}

int album_requests(const SpotifyHarmonyd& s, const std::string& artist_id) {
  int count = 0;
  for (const auto& request : s.spotify.api_requests()) {
    count += request.target.find("/artists/" + artist_id + "/albums") != std::string::npos;
  }
  return count;
}

json downloads(const SpotifyHarmonyd& s) {
  return s.get("/api/v1/downloads?limit=500", 200);
}

}  // namespace

TEST(WatchlistThroughHarmonyd, MonitorNewQueuesOnlyTheTracksOfAReleaseAddedLater) {
  SpotifyHarmonyd s(Env{{"WATCHLIST_INTERVAL", "1h"}, {"RATE_LIMIT_ENABLED", "false"}});
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  auto added = post(s, "/api/v1/watchlist", {{"artist", k_key}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(json_of(added)["artist_key"], k_key);
  ASSERT_TRUE(eventually(
      [&] { return s.get("/api/v1/watchlist/" + k_key, 200)["last_result"] == "first_scan"; }, 20s))
      << s.harmonyd.process->output();
  const json first = s.get("/api/v1/watchlist/" + k_key, 200);
  EXPECT_EQ(first["releases"].size(), 13u);
  EXPECT_EQ(first["releases"][0]["state"], "existing");
  EXPECT_TRUE(downloads(s)["items"].empty());

  SpotifyStandIn::Album single;
  single.id = "6NightFerrySingle0001a";
  single.name = "Night Ferry";
  single.artist_id = SpotifyStandIn::k_artist;
  single.album_type = "single";
  single.release_date = "2026-11-27";
  single.tracks = {{"6NightFerryTrack000001", "Night Ferry", 1, 1, 201'000, "QZTST2699001"},
                   {"6NightFerryTrack000002", "Harbour Wake", 2, 1, 189'000, "QZTST2699002"}};
  s.spotify.add_album(single);
  auto checked = post(s, "/api/v1/watchlist/" + k_key + "/check", json::object());
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->status, 202) << checked->body;
  ASSERT_TRUE(eventually([&] { return downloads(s)["items"].size() == 2; }, 20s))
      << s.harmonyd.process->output();
  const json jobs = downloads(s)["items"];
  EXPECT_EQ(jobs[0]["request"]["source"], "watchlist");
  EXPECT_EQ(jobs[0]["request"]["album"], "Night Ferry");
  EXPECT_EQ(jobs[1]["request"]["isrc"], "QZTST2699002");
  const json detail = s.get("/api/v1/watchlist/" + k_key, 200);
  ASSERT_EQ(detail["releases"].size(), 14u);
  EXPECT_EQ(detail["releases"][0]["name"], "Night Ferry");
  EXPECT_EQ(detail["releases"][0]["missing"], 2);

  // Checking again queues nothing more.
  const std::string before = detail["last_checked_at"];
  ASSERT_EQ(post(s, "/api/v1/watchlist/" + k_key + "/check", json::object())->status, 202);
  ASSERT_TRUE(eventually(
      [&] {
        const json now = s.get("/api/v1/watchlist/" + k_key, 200);
        return now["last_checked_at"] != before || now["last_result"] == "unchanged";
      },
      20s));
  EXPECT_EQ(downloads(s)["items"].size(), 2u);
  const json activity = s.get("/api/v1/activity?type=track_queued", 200);
  EXPECT_EQ(activity["items"].size(), 2u);
}

TEST(WatchlistThroughHarmonyd, APausedArtistIsNotCheckedAcrossIntervalsUntilResumed) {
  SpotifyHarmonyd s(Env{{"WATCHLIST_INTERVAL", "2s"}, {"RATE_LIMIT_ENABLED", "false"}});
  ASSERT_TRUE(s.harmonyd.ready()) << s.harmonyd.process->output();
  ASSERT_EQ(post(s, "/api/v1/watchlist", {{"artist", k_key}})->status, 201);
  ASSERT_EQ(post(s, "/api/v1/watchlist", {{"artist", k_other_key}})->status, 201);
  ASSERT_TRUE(eventually(
      [&] { return s.get("/api/v1/watchlist/" + k_key, 200)["last_result"] == "first_scan"; },
      20s));
  auto paused = post(s, "/api/v1/watchlist/" + k_key + "/pause", {{"reason", "test"}});
  ASSERT_TRUE(paused);
  ASSERT_EQ(paused->status, 200) << paused->body;
  const int paused_count = album_requests(s, SpotifyStandIn::k_artist);
  // The other artist being checked three more times shows three intervals went by.
  const int other = album_requests(s, SpotifyStandIn::k_other_artist);
  ASSERT_TRUE(eventually(
      [&] { return album_requests(s, SpotifyStandIn::k_other_artist) >= other + 3; }, 30s));
  EXPECT_EQ(album_requests(s, SpotifyStandIn::k_artist), paused_count);

  ASSERT_EQ(post(s, "/api/v1/watchlist/" + k_key + "/resume", json::object())->status, 200);
  EXPECT_TRUE(
      eventually([&] { return album_requests(s, SpotifyStandIn::k_artist) > paused_count; }, 20s));
}

}  // namespace harmony::testing
