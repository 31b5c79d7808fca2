#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "health/Readiness.hpp"
#include "support/Process.hpp"

namespace harmony::harmonyd::health {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

config::Settings folders_in(const TempDir& dir) {
  config::Settings settings;
  for (const char* name : {"config", "downloads", "music"}) {
    fs::create_directory(dir.file(name));
  }
  settings.config_dir = dir.file("config");
  settings.downloads_dir = dir.file("downloads");
  settings.music_dir = dir.file("music");
  return settings;
}

TEST(ReadinessProbe, WritesItsProbeWithoutEverNamingAFileInTheFolders) {
  TempDir dir;
  const config::Settings settings = folders_in(dir);
  const int watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  ASSERT_GE(watch, 0);
  for (const std::string& folder :
       {settings.config_dir, settings.downloads_dir, settings.music_dir}) {
    ASSERT_GE(::inotify_add_watch(watch, folder.c_str(), IN_CREATE | IN_MOVED_TO), 0);
  }
  const CheckResult result = check_paths(settings);
  EXPECT_EQ(result.status, CheckStatus::ok) << result.problem;
  // A name that exists even for a moment can be left behind by a kill at that moment.
  alignas(inotify_event) char events[4096];
  const ssize_t n = ::read(watch, events, sizeof events);
  ::close(watch);
  EXPECT_LT(n, 1) << "the probe created a named file: "
                  << (n > 0 ? reinterpret_cast<const inotify_event*>(events)->name : "");
}

TEST(ReadinessProbe, StaleProbeFilesFromAKilledRunAreRemovedAndNothingElse) {
  TempDir dir;
  const config::Settings settings = folders_in(dir);
  std::ofstream(settings.music_dir + "/.harmony-probe-7058-0a1b2c3d") << "ok\n";
  std::ofstream(settings.downloads_dir + "/.harmony-probe-1-ffffffff") << "ok\n";
  std::ofstream(settings.music_dir + "/track.flac") << "audio";
  std::ofstream(settings.music_dir + "/.harmony-notes") << "keep";
  EXPECT_EQ(remove_stale_probes({settings.config_dir, settings.downloads_dir, settings.music_dir}),
            2U);
  EXPECT_FALSE(fs::exists(settings.music_dir + "/.harmony-probe-7058-0a1b2c3d"));
  EXPECT_FALSE(fs::exists(settings.downloads_dir + "/.harmony-probe-1-ffffffff"));
  EXPECT_TRUE(fs::exists(settings.music_dir + "/track.flac"));
  EXPECT_TRUE(fs::exists(settings.music_dir + "/.harmony-notes"));
}

}  // namespace
}  // namespace harmony::harmonyd::health
