#include "audio/AudioFile.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "fakes/AudioFiles.hpp"
#include "support/Process.hpp"
#include "support/Require.hpp"

using namespace harmony;
using harmony::testing::TempDir;

TEST(AudioFile, ReadsTheDurationOfARealFlacAndMp3) {
  HARMONY_REQUIRE(fakes::audio_tools_available(),
                  "sox, flac and lame (scripts/packages.d/test-downloads.txt)");
  TempDir dir;
  std::string error;
  ASSERT_TRUE(fakes::make_flac(dir.file("a.flac"), 2.5, &error)) << error;
  ASSERT_TRUE(fakes::make_mp3(dir.file("b.mp3"), 2.5, 128, &error)) << error;
  const auto flac = audio::read_audio_info(dir.file("a.flac"));
  ASSERT_TRUE(flac.ok()) << flac.error().message;
  EXPECT_NEAR(static_cast<double>(flac->duration.count()), 2500.0, 50.0);
  EXPECT_EQ(flac->sample_rate, 44100);
  const auto mp3 = audio::read_audio_info(dir.file("b.mp3"));
  ASSERT_TRUE(mp3.ok()) << mp3.error().message;
  EXPECT_NEAR(static_cast<double>(mp3->duration.count()), 2500.0, 150.0);
  EXPECT_NEAR(mp3->bitrate_kbps, 128, 2);
}

TEST(AudioFile, RejectsAFileThatIsNotAudioNamingIt) {
  TempDir dir;
  const std::string fake = dir.write("passwd.flac", "root:x:0:0:root:/root:/bin/bash\n");
  const auto info = audio::read_audio_info(fake);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().kind, ErrorKind::invalid);
  EXPECT_NE(info.error().message.find("passwd.flac"), std::string::npos);
  EXPECT_FALSE(audio::read_audio_info(dir.file("missing.mp3")).ok());
}

TEST(AudioFile, WritesAndReadsBackTagsIncludingIsrc) {
  HARMONY_REQUIRE(fakes::audio_tools_available(),
                  "sox, flac and lame (scripts/packages.d/test-downloads.txt)");
  TempDir dir;
  ASSERT_TRUE(fakes::make_flac(dir.file("t.flac"), 1.0));
  ASSERT_TRUE(fakes::make_mp3(dir.file("t.mp3"), 1.0, 192));
  const audio::Tags tags{"Sigur Rós", "Hoppípolla", "Takk...", 2005, 3, "GBAAA0500001"};
  for (const char* name : {"t.flac", "t.mp3"}) {
    ASSERT_TRUE(audio::write_tags(dir.file(name), tags).ok()) << name;
    const auto back = audio::read_tags(dir.file(name));
    ASSERT_TRUE(back.ok()) << name;
    EXPECT_EQ(back->artist, "Sigur Rós") << name;
    EXPECT_EQ(back->title, "Hoppípolla") << name;
    EXPECT_EQ(back->album, "Takk...") << name;
    EXPECT_EQ(back->year, 2005) << name;
    EXPECT_EQ(back->track, 3) << name;
    EXPECT_EQ(back->isrc, "GBAAA0500001") << name;
    EXPECT_TRUE(audio::read_audio_info(dir.file(name)).ok()) << name;
  }
}
