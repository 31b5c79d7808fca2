// FileLibrary's filing on real folders: planning a free name and resuming after a crash.
#include "hdm/FileLibrary.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/Process.hpp"

namespace harmony::harmonyd::hdm {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TrackRequest track(std::string artist, std::string title) {
  TrackRequest request;
  request.artist = std::move(artist);
  request.title = std::move(title);
  return request;
}

struct Folders {
  TempDir root;
  fs::path downloads = fs::path(root.path()) / "downloads";
  fs::path music = fs::path(root.path()) / "music";
  FileLibrary library{
      LibraryOptions{downloads, music, MoveTemplate::parse("{artist}/{title}.{ext}").value()}};
  Folders() {
    fs::create_directories(downloads);
    fs::create_directories(music / "Artist");
  }
};

TEST(FileLibrary, ResumingAfterACrashNeverClaimsAFileThatWasAlreadyInTheLibrary) {
  Folders folders;
  std::ofstream(folders.music / "Artist/Title.flac") << "the user's own copy";
  const fs::path source = folders.downloads / "Title.flac";
  std::ofstream(source) << "the download";
  const TrackRequest request = track("Artist", "Title");

  const auto planned = folders.library.plan(request, "flac");
  ASSERT_TRUE(planned.ok()) << planned.error().message;
  const auto filed = folders.library.file(source.string(), *planned);
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  // A crash before the job's "done" commit runs the same step again with the same plan.
  const auto resumed = folders.library.file(source.string(), *planned);
  ASSERT_TRUE(resumed.ok()) << resumed.error().message;

  EXPECT_EQ(*resumed, *filed);
  EXPECT_EQ(read(*resumed), "the download");
  EXPECT_EQ(read(folders.music / "Artist/Title.flac"), "the user's own copy");
}

TEST(FileLibrary, AFileThatAppearsAtThePlannedNameIsNeitherReplacedNorClaimed) {
  Folders folders;
  const fs::path source = folders.downloads / "Title.flac";
  std::ofstream(source) << "the download";
  const auto planned = folders.library.plan(track("Artist", "Title"), "flac");
  ASSERT_TRUE(planned.ok()) << planned.error().message;
  std::ofstream(*planned) << "arrived meanwhile";

  const auto filed = folders.library.file(source.string(), *planned);
  ASSERT_FALSE(filed.ok());
  EXPECT_NE(filed.error().message.find("already exists"), std::string::npos);
  EXPECT_EQ(read(*planned), "arrived meanwhile");
  EXPECT_EQ(read(source), "the download");
}

}  // namespace
}  // namespace harmony::harmonyd::hdm
