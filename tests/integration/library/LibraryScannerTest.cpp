// LibraryScanner over real folders, real audio files and TagLib, into the real SQLite index
// (store::LibraryRepository): what is indexed, what a rescan reads again, what is kept.
#include "library/LibraryScanner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "audio/AudioFile.hpp"
#include "fakes/AudioFiles.hpp"
#include "store/LibraryRepository.hpp"
#include "support/Process.hpp"
#include "support/Require.hpp"

namespace harmony::harmonyd::library {
namespace {
namespace fs = std::filesystem;

// The real index on a temporary database and MUSIC_DIR, with a TagReader that counts reads.
struct Index {
  testing::TempDir dir;
  fs::path music = fs::path(dir.path()) / "music";
  std::unique_ptr<store::Store> db;
  std::unique_ptr<store::LibraryRepository> tracks;
  std::atomic<int> reads{0};
  std::unique_ptr<LibraryScanner> scanner;
  std::atomic<bool> stopping{false};

  Index() {
    fs::create_directories(music);
    auto opened = store::Store::open({dir.file("harmony.db"), false});
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    db = std::move(*opened);
    tracks = std::make_unique<store::LibraryRepository>(*db);
    scanner = std::make_unique<LibraryScanner>(
        music, *tracks,
        [this](const fs::path& path) {
          ++reads;
          return audio::read_summary(path);
        },
        2);
  }

  // A real FLAC file of `seconds` with these tags, at `relative` under MUSIC_DIR.
  fs::path add(const std::string& relative, const audio::Tags& tags, double seconds = 2.0) {
    const fs::path path = music / relative;
    fs::create_directories(path.parent_path());
    std::string error;
    EXPECT_TRUE(fakes::make_flac(path, seconds, &error)) << error;
    EXPECT_TRUE(audio::write_tags(path, tags).ok());
    return path;
  }

  ScanReport scan() {
    reads = 0;
    auto report = scanner->scan(stopping);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : ScanReport{};
  }

  std::optional<LibraryTrack> find(TrackIdentity identity) {
    auto found = tracks->find(identity);
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() ? *found : std::nullopt;
  }
};

audio::Tags tags(std::string artist, std::string title, std::string album = "Album",
                 std::string isrc = "") {
  audio::Tags t;
  t.artist = std::move(artist);
  t.title = std::move(title);
  t.album = std::move(album);
  t.isrc = std::move(isrc);
  return t;
}

TEST(LibraryScanner, IndexesTaggedFilesAndFindsThemByIsrcOrByArtistTitleAndDuration) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox and flac (scripts/deps.sh test)");
  Index index;
  index.add("Beyoncé/I Am (2008)/01 - Halo.flac", tags("Beyoncé", "Halo", "I Am"), 4.0);
  index.add("The Beatles/Let It Be (1970)/06 - Let It Be.flac",
            tags("The Beatles", "Let It Be", "Let It Be", "gb-aye-06-01690"));

  const ScanReport report = index.scan();
  EXPECT_TRUE(report.complete);
  EXPECT_EQ(report.scanned, 2);
  EXPECT_EQ(report.added, 2);
  EXPECT_EQ(index.reads, 2);

  const auto by_isrc = index.find({"", "", "GBAYE0601690", std::nullopt});
  ASSERT_TRUE(by_isrc.has_value());
  EXPECT_EQ(by_isrc->path, "The Beatles/Let It Be (1970)/06 - Let It Be.flac");
  EXPECT_EQ(by_isrc->isrc, "GBAYE0601690");

  const auto by_name = index.find({"BEYONCE", "halo", "", std::chrono::milliseconds(6'500)});
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ(by_name->album, "I Am");
  EXPECT_NEAR(static_cast<double>(by_name->duration.count()), 4000.0, 100.0);

  EXPECT_FALSE(index.find({"Beyoncé", "Halo", "", std::chrono::milliseconds(7'500)}).has_value())
      << "3.5 s longer is another recording";
  EXPECT_FALSE(index.find({"Beyoncé", "Halo (Live)", "", std::nullopt}).has_value());

  const auto counts = index.tracks->counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->tracks, 2);
  EXPECT_EQ(counts->artists, 2);
  EXPECT_EQ(counts->albums, 2);
  EXPECT_GT(counts->total_bytes, 0);
}

TEST(LibraryScanner, ARescanReadsOnlyWhatChangedAndForgetsWhatWasRemoved) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox and flac (scripts/deps.sh test)");
  Index index;
  const auto first = index.add("A/one.flac", tags("A", "One"));
  index.add("A/two.flac", tags("A", "Two"));
  const auto third = index.add("B/three.flac", tags("B", "Three"));
  ASSERT_EQ(index.scan().added, 3);

  ScanReport again = index.scan();
  EXPECT_EQ(again.scanned, 3);
  EXPECT_EQ(again.added + again.updated + again.removed, 0);
  EXPECT_EQ(index.reads, 0) << "an unchanged library is not read again";

  ASSERT_TRUE(audio::write_tags(first, tags("A", "One (Remastered)")).ok());
  fs::last_write_time(first, fs::last_write_time(first) + std::chrono::seconds(5));
  fs::remove(third);
  again = index.scan();
  EXPECT_EQ(again.updated, 1);
  EXPECT_EQ(again.removed, 1);
  EXPECT_EQ(index.reads, 1);
  EXPECT_TRUE(index.find({"A", "One (Remastered)", "", std::nullopt}).has_value());
  EXPECT_FALSE(index.find({"A", "One", "", std::nullopt}).has_value());
  EXPECT_FALSE(index.find({"B", "Three", "", std::nullopt}).has_value());
}

TEST(LibraryScanner, AMissingMusicDirIsAnErrorAndKeepsTheIndex) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox and flac (scripts/deps.sh test)");
  Index index;
  index.add("A/one.flac", tags("A", "One"));
  ASSERT_EQ(index.scan().added, 1);
  fs::rename(index.music, fs::path(index.dir.path()) / "unmounted");

  const auto failed = index.scanner->scan(index.stopping);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::filesystem);
  EXPECT_NE(failed.error().message.find(index.music.string()), std::string::npos)
      << failed.error().message;
  EXPECT_TRUE(index.find({"A", "One", "", std::nullopt}).has_value())
      << "an unmounted disk must not empty the index";
}

TEST(LibraryScanner, IgnoresSymlinksHiddenFilesPartialCopiesAndOtherFiles) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox and flac (scripts/deps.sh test)");
  Index index;
  testing::TempDir outside;
  const fs::path elsewhere = fs::path(outside.path()) / "elsewhere.flac";
  ASSERT_TRUE(fakes::make_flac(elsewhere, 1.0));
  ASSERT_TRUE(audio::write_tags(elsewhere, tags("Outside", "Secret")).ok());
  fs::create_directories(index.music / "Links");
  fs::create_symlink(elsewhere, index.music / "Links" / "link.flac");
  fs::create_directory_symlink(outside.path(), index.music / "Outside");
  fs::copy_file(elsewhere, index.music / ".hidden.flac");
  fs::copy_file(elsewhere, index.music / "copy.flac.partial");
  fs::copy_file(elsewhere, index.music / "cover.jpg");
  index.add("Real/one.flac", tags("Real", "One"));

  const ScanReport report = index.scan();
  EXPECT_EQ(report.scanned, 1);
  EXPECT_EQ(index.reads, 1);
  EXPECT_FALSE(index.find({"Outside", "Secret", "", std::nullopt}).has_value());
}

TEST(LibraryScanner, AnUnreadableAudioFileIsRecordedOnceAndNeverMatched) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox and flac (scripts/deps.sh test)");
  Index index;
  fs::create_directories(index.music / "Bad");
  {
    std::ofstream text(index.music / "Bad" / "not audio.flac");
    text << "Artist - Title\n";
  }
  EXPECT_EQ(index.scan().unreadable, 1);
  EXPECT_EQ(index.scan().unreadable, 0);
  EXPECT_EQ(index.reads, 0) << "an unchanged unreadable file is not read again";
  const auto counts = index.tracks->counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->tracks, 0);
  EXPECT_EQ(counts->unreadable, 1);
}

TEST(LibraryScanner, BoundsHugeTagsWithoutBreakingUtf8) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox and flac (scripts/deps.sh test)");
  Index index;
  std::string huge;
  while (huge.size() < 10'000) {
    huge += "é";
  }
  index.add("Huge/one.flac", tags(huge, "One"));
  ASSERT_EQ(index.scan().added, 1);
  const auto stamps = index.tracks->stamps();
  ASSERT_TRUE(stamps.ok());
  const auto found = index.find({huge.substr(0, 1024), "One", "", std::nullopt});
  ASSERT_TRUE(found.has_value());
  EXPECT_LE(found->artist.size(), 1024U);
  EXPECT_EQ(found->artist.size() % 2, 0U) << "cut between two-byte characters";
}

TEST(LibraryScanner, AStoppedScanRemovesNothing) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox and flac (scripts/deps.sh test)");
  Index index;
  index.add("A/one.flac", tags("A", "One"));
  ASSERT_EQ(index.scan().added, 1);
  fs::remove_all(index.music / "A");
  index.stopping = true;
  const auto report = index.scanner->scan(index.stopping);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->complete);
  EXPECT_TRUE(index.find({"A", "One", "", std::nullopt}).has_value());
}

TEST(LibraryScanner, IndexesAFiledFileAtOnceAndRefusesOneOutsideMusicDir) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox and flac (scripts/deps.sh test)");
  Index index;
  const auto filed = index.add("X/filed.flac", tags("X", "Filed", "Album", "USRC17607839"));
  ASSERT_TRUE(index.scanner->index_file(filed).ok());
  EXPECT_TRUE(index.find({"", "", "USRC17607839", std::nullopt}).has_value());

  testing::TempDir outside;
  const fs::path stray = fs::path(outside.path()) / "stray.flac";
  ASSERT_TRUE(fakes::make_flac(stray, 1.0));
  const auto refused = index.scanner->index_file(stray);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::invalid);
  const auto escaped = index.scanner->index_file(index.music / ".." / "harmony.db");
  EXPECT_FALSE(escaped.ok());
}

}  // namespace
}  // namespace harmony::harmonyd::library
