#include "files/AtomicFileMover.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/Process.hpp"
#include "support/Require.hpp"

namespace fs = std::filesystem;
using harmony::files::AtomicFileMover;
using harmony::testing::TempDir;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write(const fs::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

// A directory on a different filesystem than /tmp (tmpfs in /dev/shm), removed at the end.
class ShmDir {
 public:
  ShmDir() {
    char pattern[] = "/dev/shm/harmony-mover-XXXXXX";
    if (::mkdtemp(pattern) != nullptr) {
      m_path = pattern;
    }
  }
  ~ShmDir() {
    std::error_code ec;
    if (!m_path.empty()) {
      fs::remove_all(m_path, ec);
    }
  }
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

bool different_devices(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  struct stat sa {
  }, sb{};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev != sb.st_dev;
}

}  // namespace

TEST(AtomicFileMover, RenamesOnTheSameFilesystemCreatingFolders) {
  TempDir dir;
  const fs::path source = dir.write("in.flac", "audio");
  const fs::path target = fs::path(dir.path()) / "music/Artist/Album (1970)/06 - Song.flac";
  const auto moved = AtomicFileMover().move(source, target);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->final_path, target);
  EXPECT_FALSE(moved->copied);
  EXPECT_FALSE(fs::exists(source));
  EXPECT_EQ(read(target), "audio");
}

TEST(AtomicFileMover, NeverOverwritesAndAddsASuffixInstead) {
  TempDir dir;
  const fs::path target = fs::path(dir.path()) / "song.flac";
  write(target, "old");
  write(AtomicFileMover::suffixed(target, 1), "older");
  const auto moved = AtomicFileMover().move(dir.write("in.flac", "new"), target);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->final_path, fs::path(dir.path()) / "song (2).flac");
  EXPECT_EQ(read(target), "old");
  EXPECT_EQ(read(moved->final_path), "new");
}

TEST(AtomicFileMover, CopiesAcrossFilesystemsWithoutLeavingAPartialFile) {
  TempDir disk;
  ShmDir shm;
  HARMONY_REQUIRE(!shm.path().empty() && different_devices(disk.path(), shm.path()),
                  "/dev/shm (tmpfs) on a different filesystem than /tmp");
  const std::string content(3 * 1024 * 1024 + 17, 'x');
  const fs::path source = shm.path() / "download.flac";
  write(source, content);
  const fs::path target = fs::path(disk.path()) / "Artist/Song.flac";
  // A partial copy left by a crash of an earlier attempt is replaced, not kept.
  fs::create_directories(target.parent_path());
  write(AtomicFileMover::partial_path_for(target), "half");
  const auto moved = AtomicFileMover().move(source, target);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_TRUE(moved->copied);
  EXPECT_EQ(moved->bytes, content.size());
  EXPECT_EQ(read(target), content);
  EXPECT_FALSE(fs::exists(source));
  EXPECT_FALSE(fs::exists(AtomicFileMover::partial_path_for(target)));
  for (const auto& entry : fs::directory_iterator(target.parent_path())) {
    EXPECT_EQ(entry.path(), target);
  }
}

TEST(AtomicFileMover, CrossDeviceMoveAlsoNeverOverwrites) {
  TempDir disk;
  ShmDir shm;
  HARMONY_REQUIRE(!shm.path().empty() && different_devices(disk.path(), shm.path()),
                  "/dev/shm (tmpfs) on a different filesystem than /tmp");
  const fs::path target = fs::path(disk.path()) / "Song.flac";
  write(target, "existing");
  write(shm.path() / "in.flac", "incoming");
  const auto moved = AtomicFileMover().move(shm.path() / "in.flac", target);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->final_path.filename(), "Song (1).flac");
  EXPECT_EQ(read(target), "existing");
  EXPECT_EQ(read(moved->final_path), "incoming");
}

TEST(AtomicFileMover, ReportsAMissingSourceNamingThePath) {
  TempDir dir;
  const auto moved = AtomicFileMover().move(dir.file("nope.flac"), dir.file("out.flac"));
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().kind, harmony::ErrorKind::filesystem);
  EXPECT_NE(moved.error().message.find("nope.flac"), std::string::npos);
}

TEST(AtomicFileMover, RefusesASymlinkedSourceAndMovesNothing) {
  TempDir dir;
  write(dir.file("secret"), "not a download");
  fs::create_symlink(dir.file("secret"), dir.file("track.flac"));
  const auto moved =
      AtomicFileMover().move(dir.file("track.flac"), dir.file("music/Artist/track.flac"));
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().kind, harmony::ErrorKind::filesystem);
  EXPECT_NE(moved.error().message.find("symbolic link"), std::string::npos);
  EXPECT_TRUE(fs::is_symlink(dir.file("track.flac")));
  EXPECT_FALSE(fs::exists(fs::symlink_status(dir.file("music/Artist/track.flac"))));
  EXPECT_EQ(read(dir.file("secret")), "not a download");
}

TEST(AtomicFileMover, ReportsALoopingTargetFolderAsAnErrorInsteadOfThrowing) {
  TempDir dir;
  write(dir.file("track.flac"), "audio");
  fs::create_directory(dir.file("music"));
  fs::create_symlink(dir.file("music/loop"), dir.file("music/loop"));
  harmony::Result<harmony::files::MoveOutcome> moved = harmony::files::MoveOutcome{};
  EXPECT_NO_THROW(moved = AtomicFileMover().move(dir.file("track.flac"),
                                                 dir.file("music/loop/Artist/track.flac")));
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().kind, harmony::ErrorKind::filesystem);
  EXPECT_NE(moved.error().message.find("music/loop"), std::string::npos);
  EXPECT_EQ(read(dir.file("track.flac")), "audio");
}
