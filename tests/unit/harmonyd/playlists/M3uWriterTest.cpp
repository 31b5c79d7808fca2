// The M3U8 text of a playlist (what is listed, in which form) and the file's atomic replacement.
#include "playlists/M3uWriter.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/Process.hpp"

using namespace harmony::harmonyd::playlists;
namespace fs = std::filesystem;

namespace {

PlaylistEntry entry(std::string artist, std::string title, std::int64_t ms, std::string job_state,
                    std::string final_path, bool present = true) {
  PlaylistEntry e;
  e.request.artist = std::move(artist);
  e.request.title = std::move(title);
  e.request.duration_ms = ms;
  e.job_state = std::move(job_state);
  e.final_path = std::move(final_path);
  e.present = present;
  return e;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST(RenderM3u8, ListsFiledPresentItemsWithRelativePathsAndLeavesOutTheRest) {
  std::vector<PlaylistEntry> entries{
      entry("Ana", "First", 183'400, "done", "/music/Ana/Album/01 - First.flac"),
      entry("Ana", "Waiting", 200'000, "searching", ""),
      entry("Ana", "Removed", 200'000, "done", "/music/Ana/Album/03 - Removed.flac", false),
      entry("Bo", "Owned", 0, "", "")};
  entries[3].library_path = "Bo/Single/01 - Owned.mp3";
  EXPECT_EQ(render_m3u8(entries, "/music", "/music/Playlists"),
            "#EXTM3U\n"
            "#EXTINF:183,Ana - First\n"
            "../Ana/Album/01 - First.flac\n"
            "#EXTINF:-1,Bo - Owned\n"
            "../Bo/Single/01 - Owned.mp3\n");
}

TEST(RenderM3u8, KeepsEachEntryOnItsLinesWhateverTheNamesHold) {
  const auto text = render_m3u8({entry("A\nB", "T\r\n#EXTM3U", 1000, "done", "/m/a\nb.flac")}, "/m",
                                "/m/Playlists");
  EXPECT_EQ(text, "#EXTM3U\n#EXTINF:1,A B - T  #EXTM3U\n../a b.flac\n");
}

TEST(M3u8Path, SanitisesTheNameIntoOneFileInsidePlaylists) {
  EXPECT_EQ(m3u8_path("/music", "Road / Trip"), fs::path("/music/Playlists/Road _ Trip.m3u8"));
  EXPECT_EQ(m3u8_path("/music", "../../etc/passwd"),
            fs::path("/music/Playlists/_.._etc_passwd.m3u8"));
  EXPECT_EQ(m3u8_path("/music", ""), fs::path("/music/Playlists/Playlist.m3u8"));
}

TEST(WriteM3u8, CreatesTheFolderAndReplacesTheFileLeavingNoTemporary) {
  harmony::testing::TempDir dir;
  const fs::path file = fs::path(dir.path()) / "Playlists" / "Mix.m3u8";
  ASSERT_TRUE(write_m3u8(file, "#EXTM3U\nold\n").ok());
  ASSERT_TRUE(write_m3u8(file, "#EXTM3U\nnew\n").ok());
  EXPECT_EQ(read(file), "#EXTM3U\nnew\n");
  std::vector<std::string> names;
  for (const auto& child : fs::directory_iterator(file.parent_path())) {
    names.push_back(child.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"Mix.m3u8"});
}

TEST(WriteM3u8, NamesThePathWhenTheFolderCannotBeWritten) {
  harmony::testing::TempDir dir;
  const fs::path blocker = fs::path(dir.path()) / "Playlists";
  std::ofstream(blocker) << "a file where the folder should be";
  const auto written = write_m3u8(blocker / "Mix.m3u8", "#EXTM3U\n");
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().kind, harmony::ErrorKind::filesystem);
  EXPECT_NE(written.error().message.find(blocker.string()), std::string::npos)
      << written.error().message;
}
