// The playlist routes' own checks, over a fake service: the body's form and the answers.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "RoutedApi.hpp"

using harmony::harmonyd::api::RoutedApi;
using nlohmann::json;

TEST(PlaylistRoutes, FollowWithoutAPlaylistStringIs400NamingTheField) {
  RoutedApi api;
  for (const char* body : {R"({})", R"({"playlist":7})", R"([])", R"({"playlist":null})"}) {
    const auto response = api.call("POST", "/api/v1/playlists", body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_EQ(json::parse(response.body)["error"]["meta"]["field"], "playlist") << body;
  }
  EXPECT_TRUE(api.services.playlist_service.followed.empty());
}

TEST(PlaylistRoutes, FollowAnswers201ThenAnd200WhenAlreadyFollowed) {
  RoutedApi api;
  const auto first = api.call("POST", "/api/v1/playlists", R"({"playlist":"liked"})");
  EXPECT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(api.call("POST", "/api/v1/playlists", R"({"playlist":"liked"})").status, 200);
  EXPECT_EQ(api.call("GET", "/api/v1/playlists/liked").status, 200);
  EXPECT_EQ(api.call("DELETE", "/api/v1/playlists/liked").status, 200);
  EXPECT_EQ(api.call("GET", "/api/v1/playlists/liked").status, 404);
}

TEST(PlaylistRoutes, SyncRoutesAnswer202) {
  RoutedApi api;
  EXPECT_EQ(api.call("POST", "/api/v1/sync").status, 202);
  EXPECT_EQ(api.call("POST", "/api/v1/playlists/liked/sync").status, 202);
  EXPECT_EQ(api.services.playlist_service.sync_requests, 2);
}
