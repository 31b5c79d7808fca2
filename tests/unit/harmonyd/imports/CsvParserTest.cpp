// CSV imports: quoting, header order, ragged rows and field validation.
#include <gtest/gtest.h>

#include "imports/ImportParsers.hpp"

namespace harmony::harmonyd::imports {
namespace {

TEST(ImportCsvParser, ReadsColumnsInAnyOrderWithQuotesCrlfAndBom) {
  const auto parsed = parse_csv(
      "\xEF\xBB\xBF"
      "Duration,TITLE,isrc,Artist,album,notes\r\n"
      "4:03,\"Let It Be\",gb-aye-06-01690,The Beatles,\"Let It Be\",x\r\n"
      "225,\"Say \"\"Hello\"\"\",,\"Crosby, Stills & Nash\",,\"two\nlines\"\r\n"
      "\r\n"
      ",Hey Jude,,The Beatles,,\r\n");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->lines.size(), 3U);
  const auto& first = parsed->lines[0];
  EXPECT_EQ(first.kind, LineKind::track);
  EXPECT_EQ(first.line, 2U);
  EXPECT_EQ(first.artist, "The Beatles");
  EXPECT_EQ(first.title, "Let It Be");
  EXPECT_EQ(first.isrc, "GBAYE0601690");
  EXPECT_EQ(first.duration_ms, 243'000);
  const auto& second = parsed->lines[1];
  EXPECT_EQ(second.artist, "Crosby, Stills & Nash");
  EXPECT_EQ(second.title, "Say \"Hello\"");
  EXPECT_EQ(second.duration_ms, 225'000);
  EXPECT_EQ(parsed->lines[2].line, 6U) << "a quoted line break moves the line numbers on";
  EXPECT_FALSE(parsed->lines[2].duration_ms);
}

TEST(ImportCsvParser, AHeaderWithoutArtistAndTitleNamesWhatItFound) {
  const auto parsed = parse_csv("name,song\nA,B\n");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("needs artist and title columns"), std::string::npos);
  EXPECT_NE(parsed.error().message.find("it has: name, song"), std::string::npos)
      << parsed.error().message;
  EXPECT_FALSE(parse_csv("\n\n"));
}

TEST(ImportCsvParser, RaggedRowsAndBadFieldsGetAReasonEach) {
  const auto parsed = parse_csv(
      "artist,title,duration,isrc\n"
      "A,B\n"
      "A,B,3:00,X,extra\n"
      "A,B,forever,\n"
      "A,B,,not-an-isrc\n"
      "A,\"open quote,,\n");
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->lines.size(), 5U);
  EXPECT_EQ(parsed->lines[0].reason, "the row has 2 fields; the header has 4");
  EXPECT_EQ(parsed->lines[1].reason, "the row has 5 fields; the header has 4");
  EXPECT_NE(parsed->lines[2].reason.find("duration 'forever'"), std::string::npos);
  EXPECT_NE(parsed->lines[3].reason.find("isrc 'not-an-isrc'"), std::string::npos);
  EXPECT_EQ(parsed->lines[4].reason, "a quoted field is never closed");
  for (const auto& line : parsed->lines) {
    EXPECT_EQ(line.kind, LineKind::invalid) << line.line;
  }
}

TEST(ImportCsvParser, InvalidUtf8InARowIsThatRowsReasonOnly) {
  const auto parsed = parse_csv("artist,title\nBj\xF6rk,J\xF3ga\nBjork,Joga\n");
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->lines.size(), 2U);
  EXPECT_NE(parsed->lines[0].reason.find("not valid UTF-8"), std::string::npos);
  EXPECT_EQ(parsed->lines[1].kind, LineKind::track);
}

}  // namespace
}  // namespace harmony::harmonyd::imports
