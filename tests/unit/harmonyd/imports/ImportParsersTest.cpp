// Pasted lines and the choice of parser: every line understood or given a reason.
#include <gtest/gtest.h>

#include <chrono>

#include "imports/ImportParsers.hpp"

namespace harmony::harmonyd::imports {
namespace {

TEST(ImportLineParser, ReadsArtistTitleAndAnAlbumInParentheses) {
  const auto line = parse_line("  The Beatles - Let It Be (Let It Be)  ", 3);
  EXPECT_EQ(line.kind, LineKind::track);
  EXPECT_EQ(line.line, 3U);
  EXPECT_EQ(line.artist, "The Beatles");
  EXPECT_EQ(line.title, "Let It Be");
  EXPECT_EQ(line.album, "Let It Be");
  const auto dashed = parse_line("Sigur Rós – Hoppípolla", 1);
  EXPECT_EQ(dashed.kind, LineKind::track);
  EXPECT_EQ(dashed.artist, "Sigur Rós");
  EXPECT_EQ(dashed.title, "Hoppípolla");
  EXPECT_TRUE(dashed.album.empty());
  const auto hyphen = parse_line("Jay-Z - 99 Problems - Live", 1);
  EXPECT_EQ(hyphen.artist, "Jay-Z");
  EXPECT_EQ(hyphen.title, "99 Problems - Live");
}

TEST(ImportLineParser, ReadsSpotifyLinksAndUrisOfTracksAlbumsAndPlaylists) {
  const std::string id = "4uLU6hMCjMI75M1A2tKUQC";
  EXPECT_EQ(parse_line("https://open.spotify.com/track/" + id + "?si=abc", 1).kind,
            LineKind::spotify_track);
  const auto album = parse_line("https://open.spotify.com/intl-de/album/" + id, 1);
  EXPECT_EQ(album.kind, LineKind::spotify_album);
  EXPECT_EQ(album.spotify_id, id);
  EXPECT_EQ(parse_line("spotify:playlist:" + id, 1).kind, LineKind::spotify_playlist);
  const auto artist = parse_line("https://open.spotify.com/artist/" + id, 1);
  EXPECT_EQ(artist.kind, LineKind::invalid);
  EXPECT_NE(artist.reason.find("artist link cannot be imported"), std::string::npos);
  const auto short_id = parse_line("spotify:track:abc", 1);
  EXPECT_EQ(short_id.kind, LineKind::invalid);
  EXPECT_NE(short_id.reason.find("22 letters"), std::string::npos);
}

TEST(ImportLineParser, GivesAReasonForGarbageLongLinesAndBadUtf8) {
  EXPECT_NE(parse_line("just some words", 1).reason.find("not 'Artist - Title'"),
            std::string::npos);
  EXPECT_NE(parse_line(" - Title", 1).reason.find("artist"), std::string::npos);
  const auto long_line = parse_line("A - " + std::string(10'240, 'x'), 7);
  EXPECT_EQ(long_line.kind, LineKind::invalid);
  EXPECT_NE(long_line.reason.find("10244 bytes"), std::string::npos) << long_line.reason;
  EXPECT_LE(long_line.text.size(), k_max_echo);
  const auto latin1 = parse_line("Bj\xF6rk - J\xF3ga", 2);
  EXPECT_EQ(latin1.kind, LineKind::invalid);
  EXPECT_NE(latin1.reason.find("not valid UTF-8 at byte 3"), std::string::npos) << latin1.reason;
  EXPECT_EQ(latin1.text.find('\xF6'), std::string::npos) << "the echo is valid UTF-8";
}

TEST(ImportTextParser, NumbersLinesSkipsBlanksAndCommentsAndHandlesCrlfAndBom) {
  const auto parsed = parse_text("\xEF\xBB\xBF# my list\r\nA - One\r\n\r\nB - Two\rC - Three\n");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->lines.size(), 3U);
  EXPECT_EQ(parsed->lines[0].line, 2U);
  EXPECT_EQ(parsed->lines[0].artist, "A");
  EXPECT_EQ(parsed->lines[1].line, 4U);
  EXPECT_EQ(parsed->lines[2].line, 5U);
  EXPECT_EQ(parsed->lines[2].title, "Three");
}

TEST(ImportTextParser, RefusesBinaryInputAndMoreThanTheLineLimit) {
  const auto binary = parse_import(std::string("PK\x03\x04\0\0garbage", 12));
  ASSERT_FALSE(binary);
  EXPECT_NE(binary.error().message.find("binary"), std::string::npos);
  std::string many;
  for (std::size_t i = 0; i <= k_max_lines; ++i) {
    many += "A - B\n";
  }
  const auto too_many = parse_text(many);
  ASSERT_FALSE(too_many);
  EXPECT_NE(too_many.error().message.find("more than 100000 lines"), std::string::npos);
}

TEST(ImportTextParser, AHundredThousandLinesAreAllRead) {
  std::string text;
  for (std::size_t i = 0; i < k_max_lines; ++i) {
    text += "Artist " + std::to_string(i) + " - Title\n";
  }
  const auto parsed = parse_text(text);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->lines.size(), k_max_lines);
  EXPECT_EQ(parsed->lines.back().artist, "Artist 99999");
}

TEST(ImportDispatch, ChoosesTheParserByExtensionThenByContent) {
  EXPECT_EQ(parse_import("artist,title\nA,B\n", "list.CSV")->format, ImportFormat::csv);
  EXPECT_EQ(parse_import("Artist,Title,Album\nA,B,C\n")->format, ImportFormat::csv);
  EXPECT_EQ(parse_import("#EXTM3U\n#EXTINF:10,A - B\na.flac\n")->format, ImportFormat::m3u);
  EXPECT_EQ(parse_import("A - B\n", "mix.m3u8")->format, ImportFormat::m3u);
  EXPECT_EQ(parse_import("A - B, with title words\n")->format, ImportFormat::text);
}

}  // namespace
}  // namespace harmony::harmonyd::imports
