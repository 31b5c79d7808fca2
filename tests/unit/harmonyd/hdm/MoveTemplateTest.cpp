#include "hdm/MoveTemplate.hpp"

#include <gtest/gtest.h>

using harmony::harmonyd::hdm::MoveTemplate;
using harmony::harmonyd::hdm::TrackRequest;

TEST(MoveTemplate, RendersTheDefaultTemplate) {
  const auto tmpl = MoveTemplate::parse(MoveTemplate::k_default);
  ASSERT_TRUE(tmpl.ok()) << tmpl.error().message;
  const TrackRequest request{"The Beatles", "Let It Be", "Let It Be", 1970, 6, 243'000, ""};
  EXPECT_EQ(tmpl->render(request, "flac"), "The Beatles/Let It Be (1970)/06 - Let It Be.flac");
}

TEST(MoveTemplate, TidiesWhatMissingValuesLeaveBehind) {
  const auto tmpl = MoveTemplate::parse(MoveTemplate::k_default).value();
  const TrackRequest request{"Artist", "Song", "", {}, {}, {}, ""};
  EXPECT_EQ(tmpl.render(request, "mp3"), "Artist/Unknown Album/Song.mp3");
}

TEST(MoveTemplate, RejectsUnknownPlaceholdersAndUnsafeShapesNamingTheKey) {
  for (const char* text :
       {"{Artist}/{Title}.{ext}", "/music/{artist}.{ext}", "{artist}/{title}",
        "{artist}//{title}.{ext}", "{artist}/../{title}.{ext}", "{artist}/{title:02}.{ext}",
        "{artist/{title}.{ext}", "{artist}}/x.{ext}", "{track:2x}.{ext}"}) {
    const auto tmpl = MoveTemplate::parse(text);
    ASSERT_FALSE(tmpl.ok()) << text;
    EXPECT_NE(tmpl.error().message.find("MOVE_TEMPLATE"), std::string::npos) << text;
  }
}

TEST(MoveTemplate, KeepsHostileValuesInsideTheirSegment) {
  const auto tmpl = MoveTemplate::parse(MoveTemplate::k_default).value();
  const TrackRequest request{"../../..", "@@x\\..\\..\\etc\\passwd", "/etc", {}, {}, {}, ""};
  const std::string path = tmpl.render(request, "flac");
  EXPECT_EQ(path.find("../"), std::string::npos) << path;
  EXPECT_NE(path.front(), '/');
  int slashes = 0;
  for (const char c : path) {
    slashes += c == '/' ? 1 : 0;
  }
  EXPECT_EQ(slashes, 2) << path;  // exactly the template's folders
}

TEST(MoveTemplate, CutsLongTitlesButKeepsTheExtension) {
  const auto tmpl = MoveTemplate::parse("{title}.{ext}").value();
  const TrackRequest request{"A", std::string(500, 'x'), "", {}, {}, {}, ""};
  const std::string path = tmpl.render(request, "flac");
  EXPECT_LE(path.size(), 180u);
  EXPECT_TRUE(path.ends_with(".flac"));
}
