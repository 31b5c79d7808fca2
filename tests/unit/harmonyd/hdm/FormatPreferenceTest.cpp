#include "hdm/FormatPreference.hpp"

#include <gtest/gtest.h>

using harmony::harmonyd::hdm::FormatPreference;
using harmony::harmonyd::slskd::SearchFile;

namespace {

SearchFile mp3(int kbps, bool vbr = false) {
  SearchFile file;
  file.filename = "x.mp3";
  file.bit_rate = kbps;
  file.is_variable_bit_rate = vbr;
  return file;
}

}  // namespace

TEST(FormatPreference, RanksTheDefaultOrderBestFirst) {
  const auto pref = FormatPreference::parse(FormatPreference::k_default);
  ASSERT_TRUE(pref.ok()) << pref.error().message;
  SearchFile flac;
  flac.filename = "x.flac";
  EXPECT_EQ(pref->rank(flac, "flac"), 0u);
  EXPECT_EQ(pref->rank(mp3(320), "mp3"), 1u);
  EXPECT_EQ(pref->rank(mp3(245, true), "mp3"), 2u);
  EXPECT_EQ(pref->rank(mp3(256), "mp3"), 3u);
  EXPECT_EQ(pref->rank(mp3(128), "mp3"), pref->size() - 1);
  EXPECT_GT(pref->score(flac, "flac"), pref->score(mp3(320), "mp3"));
  EXPECT_GT(pref->score(mp3(320), "mp3"), pref->score(mp3(128), "mp3"));
}

TEST(FormatPreference, MatchesAFileWithoutBitrateOnlyToAnEntryWithoutQuality) {
  const auto pref = FormatPreference::parse("mp3 320, flac");
  ASSERT_TRUE(pref.ok());
  SearchFile unknown;
  unknown.filename = "x.mp3";
  EXPECT_FALSE(pref->rank(unknown, "mp3").has_value());
  EXPECT_DOUBLE_EQ(pref->score(unknown, "mp3"), 0.0);
}

TEST(FormatPreference, DistinguishesHiResLossless) {
  const auto pref = FormatPreference::parse("flac 24/96, flac");
  ASSERT_TRUE(pref.ok());
  SearchFile hires;
  hires.bit_depth = 24;
  hires.sample_rate = 96000;
  SearchFile cd;
  cd.bit_depth = 16;
  cd.sample_rate = 44100;
  EXPECT_EQ(pref->rank(hires, "flac"), 0u);
  EXPECT_EQ(pref->rank(cd, "flac"), 1u);
}

TEST(FormatPreference, RejectsUnknownFormatsAndQualitiesNamingTheKey) {
  for (const char* text : {"flac, doc", "mp3 loud", "flac 24-96", "", " , "}) {
    const auto pref = FormatPreference::parse(text);
    ASSERT_FALSE(pref.ok()) << text;
    EXPECT_NE(pref.error().message.find("PREFERRED_FORMATS"), std::string::npos);
  }
}
