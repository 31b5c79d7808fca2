// The library index through the daemon: harmonyd as a process indexes what MUSIC_DIR already
// holds at start, rescans on request, and answers lookups and stats over HTTP.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "audio/AudioFile.hpp"
#include "fakes/AudioFiles.hpp"
#include "integration/harmonyd/HarmonydFixture.hpp"
#include "support/Eventually.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {
namespace fs = std::filesystem;

void add_track(const fs::path& path, const std::string& artist, const std::string& title,
               const std::string& isrc) {
  fs::create_directories(path.parent_path());
  ASSERT_TRUE(fakes::make_flac(path, 2.0));
  audio::Tags tags;
  tags.artist = artist;
  tags.title = title;
  tags.album = "Album";
  tags.isrc = isrc;
  ASSERT_TRUE(audio::write_tags(path, tags).ok());
}

nlohmann::json get_json(RunningHarmonyd& harmonyd, const std::string& path) {
  auto client = harmonyd.client();
  const auto response = client.Get(path);
  if (!response || response->status != 200) {
    return nullptr;
  }
  return nlohmann::json::parse(response->body, nullptr, false);
}

TEST(HarmonydLibrary, IndexesWhatMusicDirHoldsAtStartAndMoreAfterARescan) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox and flac (scripts/deps.sh test)");
  HarmonydDirs dirs;
  add_track(fs::path(dirs.music) / "Artist/Album/01 - First.flac", "Artist", "First",
            "GBAYE0601690");
  RunningHarmonyd harmonyd({{"MUSIC_DIR", dirs.music}});
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();

  ASSERT_TRUE(eventually(
      [&] { return get_json(harmonyd, "/api/v1/library/stats").value("tracks", 0) == 1; },
      std::chrono::seconds(10)))
      << get_json(harmonyd, "/api/v1/library/stats").dump();
  auto found = get_json(harmonyd, "/api/v1/library/lookup?artist=ARTIST&title=first");
  EXPECT_EQ(found["found"], true) << found.dump();
  EXPECT_EQ(found["track"]["path"], "Artist/Album/01 - First.flac");

  add_track(fs::path(dirs.music) / "Artist/Album/02 - Second.flac", "Artist", "Second", "");
  auto client = harmonyd.client();
  const auto scan = client.Post("/api/v1/library/scan");
  ASSERT_TRUE(scan);
  EXPECT_EQ(scan->status, 202);
  ASSERT_TRUE(eventually(
      [&] { return get_json(harmonyd, "/api/v1/library/stats").value("tracks", 0) == 2; },
      std::chrono::seconds(10)));
  const auto stats = get_json(harmonyd, "/api/v1/library/stats");
  EXPECT_EQ(stats["artists"], 1);
  EXPECT_EQ(stats["albums"], 1);
  EXPECT_EQ(stats["last_scan"]["added"], 1) << "the rescan read only the new file";
  EXPECT_EQ(stats["music_dir"], dirs.music);

  const auto metrics = client.Get("/api/v1/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("\nharmony_library_tracks 2\n"), std::string::npos) << metrics->body;
}

TEST(HarmonydLibrary, AnUnreadableMusicDirIsReportedAndHarmonydKeepsServing) {
  RunningHarmonyd harmonyd;
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  // MUSIC_DIR exists (created at start); replace it with a file so it cannot be listed.
  fs::remove_all(harmonyd.dirs.music);
  { std::ofstream(harmonyd.dirs.music) << "not a folder"; }
  auto client = harmonyd.client();
  ASSERT_TRUE(client.Post("/api/v1/library/scan"));
  ASSERT_TRUE(eventually(
      [&] { return get_json(harmonyd, "/api/v1/library/stats").value("failed_scans", 0) >= 1; },
      std::chrono::seconds(10)));
  const auto stats = get_json(harmonyd, "/api/v1/library/stats");
  EXPECT_NE(stats["last_error"].get<std::string>().find("MUSIC_DIR"), std::string::npos)
      << stats.dump();
  const auto live = client.Get("/api/health/live");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->status, 200);
}

}  // namespace
}  // namespace harmony::testing
