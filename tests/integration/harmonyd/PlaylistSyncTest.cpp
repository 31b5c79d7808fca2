// Followed playlists through harmonyd as a process: the Spotify stand-in (a playlist edited
// between syncs, one the user does not own, Liked Songs), the slskd stand-in sharing real FLACs,
// and the M3U8 file read back from MUSIC_DIR/Playlists.
#include <fmt/format.h>

#include "PlaylistFixture.hpp"
#include "fakes/AudioFiles.hpp"
#include "support/Metrics.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;
using fakes::SpotifyStandIn;
using nlohmann::json;
namespace fs = std::filesystem;

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

}  // namespace harmony::testing
