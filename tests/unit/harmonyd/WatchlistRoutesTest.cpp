// The /api/v1/watchlist and /api/v1/activity routes over the real router, pipeline and
// WatchlistService (SQLite in a temporary directory), with Spotify scripted in memory. The
// scheduler is not started: checks run only where a test runs them.
#include <gtest/gtest.h>

#include "RoutedApi.hpp"
#include "WatchlistService.hpp"
#include "watchlist/WatchlistFixture.hpp"

namespace harmony::harmonyd::api {
namespace {

using watchlist::WatchlistFixture;

constexpr const char* k_key = "spotify:4aawyAB9vmqN3uQ7FjRGTy";

nlohmann::json body_of(const http::Response& response) {
  return nlohmann::json::parse(response.body);
}

struct WatchlistRoutes : ::testing::Test, WatchlistFixture {
  WatchlistService service{{}, *db, spotify, library, clock};
  RoutedApi api;

  WatchlistRoutes() { api.services.watchlist_service = &service; }

  http::Response add(const std::string& body) {
    return api.call("POST", "/api/v1/watchlist", body);
  }
};

}  // namespace

TEST_F(WatchlistRoutes, AddingAnArtistByUrlAnswersCreatedWithItsKeyAndName) {
  const auto response = add(
      R"({"artist":"https://open.spotify.com/artist/4aawyAB9vmqN3uQ7FjRGTy?si=x","priority":80})");
  ASSERT_EQ(response.status, 201) << response.body;
  const auto json = body_of(response);
  EXPECT_EQ(json["artist_key"], k_key);
  EXPECT_EQ(json["name"], "Tideline");
  EXPECT_EQ(json["monitor"], "new");
  EXPECT_EQ(json["release_types"], nlohmann::json({"album", "single"}));
  EXPECT_EQ(json["priority"], 80);
  EXPECT_EQ(response.header("Location"), std::string("/api/v1/watchlist/") + k_key);

  const auto again = add(R"({"artist":"spotify:artist:4aawyAB9vmqN3uQ7FjRGTy"})");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(body_of(again)["error"]["code"], "ALREADY_WATCHED");
}

TEST_F(WatchlistRoutes, MalformedValuesAnswer422NamingTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"artist":"spotify:album:4aawyAB9vmqN3uQ7FjRGTy"})", "artist"},
      {R"({"priority":5})", "artist"},
      {R"({"artist":"spotify:4aawyAB9vmqN3uQ7FjRGTy","priority":101})", "priority"},
      {R"({"artist":"spotify:4aawyAB9vmqN3uQ7FjRGTy","monitor":"future"})", "monitor"},
      {R"({"artist":"spotify:4aawyAB9vmqN3uQ7FjRGTy","release_types":["ep"]})", "release_types"},
      {R"({"artist":"spotify:4aawyAB9vmqN3uQ7FjRGTy","colour":"blue"})", "colour"},
      {R"({"artist":")" + std::string(10'000, 'x') + R"("})", "artist"},
  };
  for (const auto& [body, field] : cases) {
    const auto response = add(body);
    EXPECT_EQ(response.status, 422) << body.substr(0, 80);
    EXPECT_EQ(body_of(response)["error"]["meta"]["field"], field) << response.body;
  }
  EXPECT_EQ(spotify.requests(), 0) << "nothing malformed reaches Spotify";
}

TEST_F(WatchlistRoutes, AnArtistSpotifyDoesNotHaveAnswers404) {
  const auto response = add(R"({"artist":"spotify:0000000000000000000000"})");
  EXPECT_EQ(response.status, 404) << response.body;
}

TEST_F(WatchlistRoutes, ABodyThatIsNotDeclaredJsonIsRefused) {
  http::Request request;
  request.method = "POST";
  request.path = "/api/v1/watchlist";
  request.body = R"({"artist":"spotify:4aawyAB9vmqN3uQ7FjRGTy"})";
  request.headers = {{"Content-Type", "text/plain"}};
  request.remote_addr = "127.0.0.1";
  EXPECT_EQ(api.router.dispatch(request).status, 415);
}

TEST_F(WatchlistRoutes, PauseResumeCheckAndDeleteFollowTheWatchsState) {
  ASSERT_EQ(add(R"({"artist":"spotify:4aawyAB9vmqN3uQ7FjRGTy"})").status, 201);
  const std::string base = std::string("/api/v1/watchlist/") + k_key;

  EXPECT_EQ(api.call("POST", base + "/pause", R"({"resume_at":"2001-01-01T00:00:00Z"})").status,
            422);
  EXPECT_EQ(api.call("POST", base + "/pause", R"({"resume_at":"tomorrow"})").status, 422);
  const auto paused = api.call("POST", base + "/pause", R"({"reason":"on tour"})");
  ASSERT_EQ(paused.status, 200) << paused.body;
  EXPECT_EQ(body_of(paused)["state"], "paused");
  EXPECT_EQ(body_of(paused)["pause_reason"], "on tour");
  EXPECT_EQ(api.call("POST", base + "/check").status, 409) << "a paused watch is not checked";

  const auto resumed = api.call("POST", base + "/resume");
  ASSERT_EQ(resumed.status, 200);
  EXPECT_EQ(body_of(resumed)["state"], "active");
  EXPECT_EQ(api.call("POST", base + "/check").status, 202);

  const auto patched = api.call("PATCH", base, R"({"monitor":"all","priority":10})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(body_of(patched)["monitor"], "all");
  EXPECT_EQ(api.call("PATCH", base, R"({"name":"x"})").status, 422);

  const auto activity = api.call("GET", "/api/v1/activity?type=artist_paused");
  ASSERT_EQ(activity.status, 200);
  ASSERT_EQ(body_of(activity)["items"].size(), 1u);
  EXPECT_EQ(body_of(activity)["items"][0]["artist_key"], k_key);

  EXPECT_EQ(api.call("DELETE", base).status, 204);
  EXPECT_EQ(api.call("GET", base).status, 404);
  EXPECT_EQ(api.call("DELETE", base).status, 404);
}

TEST_F(WatchlistRoutes, TheDetailShowsReleasesWithTrackStatesAndCounts) {
  spotify.add_release(WatchlistFixture::k_artist,
                      release("2000000000000000000sgl1", "Brand New", "single", 2, "99"));
  ASSERT_EQ(add(R"({"artist":"spotify:4aawyAB9vmqN3uQ7FjRGTy","monitor":"all"})").status, 201);
  ASSERT_EQ(checker.check(k_key).tracks_queued, 2);

  const auto response = api.call("GET", std::string("/api/v1/watchlist/") + k_key);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto json = body_of(response);
  ASSERT_EQ(json["releases"].size(), 1u);
  const auto& single = json["releases"][0];
  EXPECT_EQ(single["name"], "Brand New");
  EXPECT_EQ(single["state"], "incomplete");
  EXPECT_EQ(single["missing"], 2);
  EXPECT_EQ(single["tracks"][0]["decision"], "queued");
  EXPECT_EQ(single["tracks"][0]["download_state"], "requested");
  EXPECT_EQ(json["tracks_missing"], 2);

  const auto list = body_of(api.call("GET", "/api/v1/watchlist"));
  EXPECT_EQ(list["total"], 1);
  const auto queued = body_of(api.call("GET", "/api/v1/activity?type=track_queued&limit=1"));
  EXPECT_EQ(queued["items"].size(), 1u);
  EXPECT_FALSE(queued["next_cursor"].is_null());
  EXPECT_EQ(api.call("GET", "/api/v1/activity?limit=0").status, 422);
}

}  // namespace harmony::harmonyd::api
