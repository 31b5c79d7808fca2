#include "integrations/spotify/RecordJson.hpp"

#include <gtest/gtest.h>

#include "integrations/spotify/Failure.hpp"

using namespace harmony;
using namespace harmony::harmonyd::spotify;
using nlohmann::json;

TEST(RecordJson, DropsOnlyTheBadItemsOfAPageAndCountsThem) {
  const json page = json::parse(R"({
    "items": [
      {"id": "a1", "name": "Good", "genres": ["x"]},
      {"id": "a2"},
      {"id": 7, "name": "Typed wrong"},
      "not an object",
      {"id": "a3", "name": "Also good"}
    ],
    "total": 5, "offset": 0, "limit": 10, "next": null})");
  const auto parsed = page_from_json<Artist>(page, &artist_from_json);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->items.size(), 2u);
  EXPECT_EQ(parsed->items[0].id, "a1");
  EXPECT_EQ(parsed->items[1].id, "a3");
  EXPECT_EQ(parsed->rejected, 3);
  EXPECT_FALSE(parsed->has_next);
}

TEST(RecordJson, RefusesAPageWithoutItems) {
  const auto parsed = page_from_json<Artist>(json::parse(R"({"total": 1})"), &artist_from_json);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(failure_of(parsed.error()), Failure::bad_reply);
}

TEST(RecordJson, ReadsAFullTrackWithAlbumAndIsrc) {
  const auto track = track_from_json(json::parse(R"({
    "id": "t1", "name": "Song", "track_number": 3, "disc_number": 2, "duration_ms": 201000,
    "explicit": true, "external_ids": {"isrc": "QZTST2600001"},
    "artists": [{"id": "a1", "name": "Band"}],
    "album": {"id": "b1", "name": "Record", "album_type": "album", "release_date": "2024",
              "release_date_precision": "year", "total_tracks": 9,
              "artists": [{"id": "a1", "name": "Band"}]}})"));
  ASSERT_TRUE(track.ok()) << track.error().message;
  EXPECT_EQ(track->isrc, "QZTST2600001");
  EXPECT_EQ(track->disc_number, 2);
  ASSERT_TRUE(track->album.has_value());
  EXPECT_EQ(track->album->total_tracks, 9);
}

TEST(RecordJson, NamesTheFieldThatIsMissing) {
  const auto track = track_from_json(json::parse(
      R"({"id": "t1", "name": "Song", "track_number": 1, "disc_number": 1, "artists": []})"));
  ASSERT_FALSE(track.ok());
  EXPECT_NE(track.error().message.find("duration_ms"), std::string::npos);
}

TEST(RecordJson, ReadsPlaylistItemsFromTheRenamedItemField) {
  const json old_shape = json::parse(R"({"added_at": "2026-01-01T00:00:00Z", "track": {}})");
  EXPECT_FALSE(playlist_item_from_json(old_shape).ok());
}
