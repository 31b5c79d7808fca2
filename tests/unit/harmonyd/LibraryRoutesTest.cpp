// The /api/v1/library routes over the real router and pipeline, with the index faked
// (tests/fakes/FakeLibraryIndex.hpp): lookups, their validation, stats and rescans.
#include <gtest/gtest.h>

#include "RoutedApi.hpp"

namespace harmony::harmonyd::api {
namespace {

library::LibraryTrack let_it_be() {
  library::LibraryTrack track;
  track.path = "The Beatles/Let It Be (1970)/06 - Let It Be.flac";
  track.artist = "The Beatles";
  track.title = "Let It Be";
  track.album = "Let It Be";
  track.isrc = "GBAYE0601690";
  track.duration = std::chrono::milliseconds(243'000);
  return track;
}

nlohmann::json body_of(const http::Response& response) {
  return nlohmann::json::parse(response.body);
}

TEST(LibraryRoutes, ALookupByArtistTitleAndDurationFindsTheIndexedFile) {
  RoutedApi api;
  api.services.library_index.tracks.push_back(let_it_be());
  const auto response = api.call(
      "GET", "/api/v1/library/lookup?artist=the beatles&title=Let It Be&duration_ms=241500");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto json = body_of(response);
  EXPECT_EQ(json["found"], true);
  EXPECT_EQ(json["track"]["path"], "The Beatles/Let It Be (1970)/06 - Let It Be.flac");
  EXPECT_EQ(json["track"]["isrc"], "GBAYE0601690");
  ASSERT_TRUE(api.services.library_index.last_lookup.has_value());
  EXPECT_EQ(api.services.library_index.last_lookup->duration, std::chrono::milliseconds(241'500));
}

TEST(LibraryRoutes, ALookupOfAnotherRecordingAnswersNotFound) {
  RoutedApi api;
  api.services.library_index.tracks.push_back(let_it_be());
  const auto response = api.call(
      "GET", "/api/v1/library/lookup?artist=The Beatles&title=Let It Be&duration_ms=300000");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body_of(response)["found"], false);
}

TEST(LibraryRoutes, ALookupByIsrcAcceptsHyphens) {
  RoutedApi api;
  api.services.library_index.tracks.push_back(let_it_be());
  const auto response = api.call("GET", "/api/v1/library/lookup?isrc=gb-aye-06-01690");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body_of(response)["found"], true);
}

TEST(LibraryRoutes, ALookupWithoutEnoughToMatchOnIsRefusedNamingWhatToGive) {
  RoutedApi api;
  for (const char* query : {"", "?artist=The Beatles", "?isrc=GB123", "?isrc=GBAYE0601690X",
                            "?artist=a&title=b&duration_ms=0", "?artist=a&title=b&duration_ms=x",
                            "?artist=a&title=b&duration_ms=99999999999"}) {
    const auto response = api.call("GET", std::string("/api/v1/library/lookup") + query);
    EXPECT_EQ(response.status, 400) << query << " " << response.body;
  }
  const auto response =
      api.call("GET", "/api/v1/library/lookup?artist=" + std::string(600, 'a') + "&title=b");
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("'artist'"), std::string::npos) << response.body;
  EXPECT_FALSE(api.services.library_index.last_lookup.has_value());
}

TEST(LibraryRoutes, StatsShowTheCountsAndTheLastScan) {
  RoutedApi api;
  api.services.library_index.tracks.push_back(let_it_be());
  library::ScanReport report;
  report.scanned = 1;
  report.added = 1;
  report.complete = true;
  report.duration = std::chrono::milliseconds(12);
  api.services.library_index.indexer.last = report;
  api.services.library_index.indexer.scans = 1;
  const auto response = api.call("GET", "/api/v1/library/stats");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto json = body_of(response);
  EXPECT_EQ(json["tracks"], 1);
  EXPECT_EQ(json["music_dir"], "/music");
  EXPECT_EQ(json["scans"], 1);
  EXPECT_EQ(json["last_scan"]["added"], 1);
  EXPECT_EQ(json["last_scan"]["complete"], true);
  EXPECT_EQ(json["last_scan"]["duration_ms"], 12);
}

TEST(LibraryRoutes, AScanRequestIsAcceptedWith202) {
  RoutedApi api;
  const auto response = api.call("POST", "/api/v1/library/scan");
  EXPECT_EQ(response.status, 202) << response.body;
  EXPECT_EQ(api.services.library_index.scans_requested, 1);
}

TEST(LibraryRoutes, NeedAKeyWhenKeysAreConfigured) {
  RoutedApi api({"secret-key"});
  EXPECT_EQ(api.call("GET", "/api/v1/library/stats").status, 401);
  EXPECT_EQ(api.call("POST", "/api/v1/library/scan").status, 401);
  EXPECT_EQ(api.services.library_index.scans_requested, 0);
}

}  // namespace
}  // namespace harmony::harmonyd::api
