// M3U/M3U8 imports: #EXTINF text and durations, bare entries, Spotify entries.
#include <gtest/gtest.h>

#include "imports/ImportParsers.hpp"

namespace harmony::harmonyd::imports {
namespace {

TEST(ImportM3uParser, ReadsExtinfWithDurationAndFallsBackToTheFileName) {
  const auto parsed = parse_m3u(
      "#EXTM3U\r\n"
      "#EXTINF:243,The Beatles - Let It Be\r\n"
      "The Beatles/Let It Be/06 - Let It Be.flac\r\n"
      "#EXTINF:-1 tvg-id=\"x\",Nina Simone - Feeling Good (I Put a Spell on You)\r\n"
      "http://example.invalid/stream\r\n"
      "music/Radiohead - Nude.mp3\r\n"
      "music/track01.mp3\r\n");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->lines.size(), 4U);
  EXPECT_EQ(parsed->lines[0].line, 2U);
  EXPECT_EQ(parsed->lines[0].artist, "The Beatles");
  EXPECT_EQ(parsed->lines[0].duration_ms, 243'000);
  EXPECT_EQ(parsed->lines[1].album, "I Put a Spell on You");
  EXPECT_FALSE(parsed->lines[1].duration_ms) << "-1 means unknown";
  EXPECT_EQ(parsed->lines[2].artist, "Radiohead");
  EXPECT_EQ(parsed->lines[2].title, "Nude");
  EXPECT_EQ(parsed->lines[3].kind, LineKind::invalid);
  EXPECT_NE(parsed->lines[3].reason.find("no #EXTINF"), std::string::npos);
}

TEST(ImportM3uParser, ASpotifyEntryWinsOverItsExtinfText) {
  const auto parsed = parse_m3u(
      "#EXTINF:200,Someone - Something\nspotify:track:4uLU6hMCjMI75M1A2tKUQC\n#EXTINF:broken\n");
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->lines.size(), 2U);
  EXPECT_EQ(parsed->lines[0].kind, LineKind::spotify_track);
  EXPECT_EQ(parsed->lines[1].kind, LineKind::invalid);
  EXPECT_NE(parsed->lines[1].reason.find("#EXTINF needs"), std::string::npos);
}

}  // namespace
}  // namespace harmony::harmonyd::imports
