#include <gtest/gtest.h>

#include <fmt/format.h>

#include "RoutedUi.hpp"

namespace harmony::harmonyd::ui {
namespace {

watchlist::WatchedArtist watched(int n, std::string name) {
  watchlist::WatchedArtist artist;
  artist.key = fmt::format("spotify:{:0>22}", n);
  artist.spotify_id = fmt::format("{:0>22}", n);
  artist.name = std::move(name);
  return artist;
}

TEST(UiWatchPages, NewPagesHaveAnEmptyStateThatSaysWhatToDoNext) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const std::string watchlist = ui.router.dispatch(RoutedUi::get("/ui/watchlist", cookie)).body;
  EXPECT_NE(watchlist.find("No artists are watched yet"), std::string::npos);
  EXPECT_NE(watchlist.find("href=\"/ui/search?type=artist\""), std::string::npos);
  const std::string spotify = ui.router.dispatch(RoutedUi::get("/ui/spotify", cookie)).body;
  EXPECT_NE(spotify.find("SPOTIFY_CLIENT_ID"), std::string::npos);
  // Without Spotify, Search says so and offers the direct "Artist – Title" request.
  const std::string search = ui.router.dispatch(RoutedUi::get("/ui/search", cookie)).body;
  EXPECT_NE(search.find("id=\"spotify-off\""), std::string::npos);
  EXPECT_NE(search.find("action=\"/ui/downloads\""), std::string::npos);
}

TEST(UiWatchPages, WatchlistListsFiftyArtistsPerPageWithALinkToTheNext) {
  RoutedUi ui;
  for (int i = 0; i < 120; ++i) {
    ui.console.watched.artists.push_back(watched(i, fmt::format("Artist number {}", i)));
  }
  const auto [cookie, csrf] = ui.session();
  const std::string first = ui.router.dispatch(RoutedUi::get("/ui/watchlist", cookie)).body;
  EXPECT_NE(first.find("Artist number 49<"), std::string::npos);
  EXPECT_EQ(first.find("Artist number 50<"), std::string::npos);
  EXPECT_NE(first.find("href=\"/ui/watchlist?offset=50\""), std::string::npos);
  http::Request next = RoutedUi::get("/ui/watchlist", cookie);
  next.query.emplace("offset", "100");
  const std::string last = ui.router.dispatch(next).body;
  EXPECT_NE(last.find("Artist number 119<"), std::string::npos);
  EXPECT_EQ(last.find("offset=150"), std::string::npos);
  EXPECT_NE(last.find("href=\"/ui/watchlist?offset=50\""), std::string::npos);
}

TEST(UiWatchPages, HostileArtistNamesAndActivityAreEscapedByTheEngine) {
  RoutedUi ui;
  ui.console.watched.artists.push_back(watched(1, "<script>alert(1)</script>\"onmouseover=\""));
  ui.console.watched.entries.push_back(
      {1, 1, "release_found", "spotify:0000000000000000000001", "<img src=x onerror=alert(2)>"});
  const auto [cookie, csrf] = ui.session();
  const std::string body = ui.router.dispatch(RoutedUi::get("/ui/watchlist", cookie)).body;
  EXPECT_EQ(body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(body.find("<img src=x"), std::string::npos);
  EXPECT_NE(body.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover"), std::string::npos);
  EXPECT_NE(body.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
}

TEST(UiWatchPages, AMalformedArtistReferenceIsRefusedWithTheReasonAndKeptInTheForm) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const http::Response response = ui.router.dispatch(
      RoutedUi::post("/ui/watchlist", "csrf=" + csrf + "&artist=not+an+artist", cookie));
  EXPECT_EQ(response.status, 422);
  EXPECT_NE(response.body.find("id=\"add-error\""), std::string::npos);
  EXPECT_NE(response.body.find("value=\"not an artist\""), std::string::npos);
}

TEST(UiWatchPages, WatchingWithoutTheCsrfTokenIsRefused) {
  RoutedUi ui;
  const auto [cookie, csrf] = ui.session();
  const http::Response response = ui.router.dispatch(
      RoutedUi::post("/ui/watchlist", "artist=spotify%3A4aawyAB9vmqN3uQ7FjRGTy", cookie));
  EXPECT_EQ(response.status, 403);
}

}  // namespace
}  // namespace harmony::harmonyd::ui
