// The followed-playlists section of the Imports page over FakePlaylists: listed with what
// Spotify said (escaped), followed and synced through CSRF-guarded forms.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "RoutedUi.hpp"

namespace harmony::harmonyd::ui {
namespace {

TEST(UiPlaylistSection, SaysWhatToDoWhenNoPlaylistIsFollowed) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const auto response = ui.router.dispatch(RoutedUi::get("/ui/imports", cookie));
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("id=\"playlists-empty\""), std::string::npos);
  EXPECT_NE(response.body.find("action=\"/ui/playlists\""), std::string::npos);
  EXPECT_EQ(response.body.find("id=\"sync-all\""), std::string::npos)
      << "nothing to sync, no button";
}

TEST(UiPlaylistSection, ListsEachFollowedPlaylistEscapedWithItsStateAndASyncButton) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  ui.console.followed.followed = {"37i9dQZF1DXcBWIGoYBM5M", "liked"};
  ui.console.followed.shown["37i9dQZF1DXcBWIGoYBM5M"] = {
      {"name", "<script>alert(1)</script> Hits"},
      {"owner", "\"onmouseover=alert(2)"},
      {"state", "refused"},
      {"message", "Spotify lets this app read only playlists you own or collaborate on"},
      {"items_total", 50}};
  ui.console.followed.shown["liked"] = {{"name", "Liked Songs"},
                                        {"state", "synced"},
                                        {"items_total", 12},
                                        {"last_synced_at", "2026-12-01T00:10:00Z"},
                                        {"file", "/music/Playlists/Liked Songs.m3u8"}};
  const auto response = ui.router.dispatch(RoutedUi::get("/ui/imports", cookie));
  ASSERT_EQ(response.status, 200);
  const std::string& body = response.body;
  EXPECT_EQ(body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(body.find("&lt;script&gt;alert(1)&lt;/script&gt; Hits"), std::string::npos);
  EXPECT_EQ(body.find("\"onmouseover=alert(2)"), std::string::npos);
  EXPECT_NE(body.find("only playlists you own or collaborate on"), std::string::npos);
  EXPECT_NE(body.find("/music/Playlists/Liked Songs.m3u8"), std::string::npos);
  EXPECT_NE(body.find("action=\"/ui/playlists/liked/sync\""), std::string::npos);
  EXPECT_NE(body.find("action=\"/ui/playlists/37i9dQZF1DXcBWIGoYBM5M/sync\""), std::string::npos);
  EXPECT_NE(body.find("id=\"sync-all\""), std::string::npos);
  EXPECT_EQ(body.find("id=\"playlists-empty\""), std::string::npos);
}

TEST(UiPlaylistSection, FollowingAndSyncingReturnToTheSection) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  auto followed = ui.router.dispatch(
      RoutedUi::post("/ui/playlists", fmt::format("csrf={}&playlist=+liked+", csrf), cookie));
  EXPECT_EQ(followed.status, 303) << followed.body;
  EXPECT_EQ(followed.header("Location"), "/ui/imports#playlists");
  EXPECT_EQ(ui.console.followed.followed, (std::set<std::string>{"liked"}));

  auto one = ui.router.dispatch(
      RoutedUi::post("/ui/playlists/liked/sync", fmt::format("csrf={}", csrf), cookie));
  EXPECT_EQ(one.status, 303) << one.body;
  auto all = ui.router.dispatch(
      RoutedUi::post("/ui/playlists/sync", fmt::format("csrf={}", csrf), cookie));
  EXPECT_EQ(all.status, 303) << all.body;
  EXPECT_EQ(ui.console.followed.synced, (std::vector<std::string>{"liked", ""}));
}

TEST(UiPlaylistSection, AFollowWithoutItsCsrfTokenOrWithoutAReferenceChangesNothing) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const auto forged = ui.router.dispatch(RoutedUi::post("/ui/playlists", "playlist=liked", cookie));
  EXPECT_EQ(forged.status, 403);
  const auto blank = ui.router.dispatch(
      RoutedUi::post("/ui/playlists", fmt::format("csrf={}&playlist=+++", csrf), cookie));
  EXPECT_EQ(blank.status, 400);
  EXPECT_NE(blank.body.find("Liked Songs"), std::string::npos) << blank.body;
  const auto unsynced = ui.router.dispatch(RoutedUi::post("/ui/playlists/liked/sync", "", cookie));
  EXPECT_EQ(unsynced.status, 403);
  EXPECT_TRUE(ui.console.followed.followed.empty());
  EXPECT_TRUE(ui.console.followed.synced.empty());
}

}  // namespace
}  // namespace harmony::harmonyd::ui
