// Smoke tests of the harmonyd image on the real Docker engine (issue 4, items (a)-(d)), plus
// the original's verification checklist, one test per item.
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "ImageFixture.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr uid_t k_user = 1234;
const std::vector<std::string> k_as_user = {"-e", "PUID=1234", "-e", "PGID=1234"};

void require_image() {
  HARMONY_REQUIRE(docker_engine_available(), "no Docker engine at /var/run/docker.sock");
  HARMONY_REQUIRE(docker_cli({"image", "inspect", k_image}) == 0,
                  k_image + " is missing (CTest fixture harmonyd_image builds it)");
}

uid_t owner_of(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_uid : static_cast<uid_t>(-1);
}

// "Uid:\t1234\t1234\t1234\t1234" → the four ids of /proc/PID/status.
std::string status_line(const std::string& pid, const std::string& key) {
  std::ifstream in("/proc/" + pid + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) {
      return line;
    }
  }
  return "";
}

std::string last_line(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::string last;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      last = line;
    }
  }
  return last;
}

TEST(HarmonydImage, BecomesHealthyWithFreshBindMountsAndServesLiveness) {
  require_image();
  BindMounts mounts;
  ImageContainer container(mounts, k_as_user);
  ASSERT_TRUE(container.started());
  ASSERT_TRUE(container.wait_for_health("healthy", seconds(30))) << container.logs();
  EXPECT_EQ(http_status(container.port(), "/api/health/live"), 200);
  EXPECT_EQ(owner_of(mounts.config + "/harmony.db"), k_user);
  EXPECT_EQ(owner_of(mounts.config + "/harmony.yml"), k_user);
  EXPECT_EQ(owner_of(mounts.music), k_user);
}

TEST(HarmonydImage, ExitsWith71NamingMusicWhenMusicIsMountedReadOnly) {
  require_image();
  BindMounts mounts;
  ImageContainer container(mounts, k_as_user, /*music_read_only=*/true);
  ASSERT_TRUE(container.started());
  EXPECT_EQ(container.wait_for_exit(seconds(20)), 71);
  const std::string last = last_line(container.logs());
  EXPECT_NE(last.find("/music"), std::string::npos) << last;
  EXPECT_NE(last.find("chown 1234:1234 /host/path"), std::string::npos) << last;
}

TEST(HarmonydImage, RunsTheServerAsPuidWithRootDropped) {
  require_image();
  BindMounts mounts;
  ImageContainer container(mounts, k_as_user);
  ASSERT_TRUE(container.wait_for_health("healthy", seconds(30))) << container.logs();
  // The entrypoint exec'd the server, so the container's main process is the server itself.
  const std::string pid = container.inspect("{{.State.Pid}}");
  ASSERT_FALSE(pid.empty());
  EXPECT_EQ(status_line(pid, "Uid"), "Uid:\t1234\t1234\t1234\t1234");
  EXPECT_EQ(status_line(pid, "Gid"), "Gid:\t1234\t1234\t1234\t1234");
  EXPECT_EQ(status_line(pid, "CapEff"), "CapEff:\t0000000000000000");
  EXPECT_EQ(status_line(pid, "NoNewPrivs"), "NoNewPrivs:\t1");
}

TEST(HarmonydImage, StopsCleanlyWithinTwoSeconds) {
  require_image();
  BindMounts mounts;
  ImageContainer container(mounts, k_as_user);
  ASSERT_TRUE(container.wait_for_health("healthy", seconds(30))) << container.logs();
  const auto before = std::chrono::steady_clock::now();
  ASSERT_EQ(docker_cli({"stop", "--time", "10", container.name()}), 0);
  const auto took = std::chrono::steady_clock::now() - before;
  EXPECT_LT(took, seconds(2));
  EXPECT_EQ(container.inspect("{{.State.ExitCode}}"), "0") << container.logs();
}

TEST(HarmonydImage, ExitsWith78NamingUmaskWhenUmaskIsNotOctal) {
  require_image();
  BindMounts mounts;
  ImageContainer container(mounts, {"-e", "UMASK=99z"});
  ASSERT_TRUE(container.started());
  EXPECT_EQ(container.wait_for_exit(seconds(20)), 78);
  EXPECT_NE(last_line(container.logs()).find("UMASK"), std::string::npos) << container.logs();
}

// The image is the binary, its shared libraries, CA certificates and tzdata, on no base image:
// 40 MB at most (decimal, as `docker image ls` shows it), and nothing to run besides harmonyd.
TEST(HarmonydImage, IsAtMost40MegabytesWithNoShell) {
  require_image();
  std::string size;
  ASSERT_EQ(docker_cli({"image", "inspect", "-f", "{{.Size}}", k_image}, &size), 0);
  EXPECT_LE(std::stoll(size), 40'000'000LL) << k_image << " is " << size << " bytes";
  std::string out;
  EXPECT_NE(docker_cli({"run", "--rm", "--network", "none", "--entrypoint", "/bin/sh", k_image,
                        "-c", "true"},
                       &out),
            0)
      << "the image has a shell: " << out;
  // Every library harmonyd links was copied in: the dynamic loader resolves them all.
  std::string help;
  EXPECT_EQ(docker_cli({"run", "--rm", "--network", "none", "--entrypoint", "/usr/bin/harmonyd",
                        k_image, "--help"},
                       &help),
            0)
      << help;
}

// The original's verification checklist, one test per item.

TEST(HarmonydImageChecklist, SmokeTestPassesWithDefaultSettings) {
  require_image();
  BindMounts mounts;
  ImageContainer container(mounts, {});
  ASSERT_TRUE(container.wait_for_health("healthy", seconds(60))) << container.logs();
  EXPECT_EQ(http_status(container.port(), "/api/health/live"), 200);
  EXPECT_EQ(owner_of(mounts.config), 1000U) << "PUID defaults to 1000";
}

TEST(HarmonydImageChecklist, LivenessAnswers200WithinSixtySecondsOfStart) {
  require_image();
  BindMounts mounts;
  ImageContainer container(mounts, k_as_user);
  ASSERT_TRUE(eventually([&] { return http_status(container.port(), "/api/health/live") == 200; },
                         seconds(60)))
      << container.logs();
  const auto took = std::chrono::steady_clock::now() - container.started_at();
  RecordProperty("live_after_ms",
                 std::to_string(std::chrono::duration_cast<milliseconds>(took).count()));
  EXPECT_LT(took, seconds(60));
}

TEST(HarmonydImageChecklist, CreatesTheSqliteFileWithoutDatabaseUrl) {
  require_image();
  BindMounts mounts;
  ImageContainer container(mounts, k_as_user);
  ASSERT_TRUE(container.wait_for_health("healthy", seconds(30))) << container.logs();
  EXPECT_EQ(container.inspect("{{range .Config.Env}}{{println .}}{{end}}").find("DATABASE_URL"),
            std::string::npos);
  std::ifstream db(mounts.config + "/harmony.db", std::ios::binary);
  std::string magic(16, '\0');
  db.read(magic.data(), 16);
  EXPECT_EQ(magic, std::string("SQLite format 3\0", 16));
}

TEST(HarmonydImageChecklist, EntrypointLogsValidationOfDownloadsMusicAndConfig) {
  require_image();
  BindMounts mounts;
  ImageContainer container(mounts, k_as_user);
  ASSERT_TRUE(container.wait_for_health("healthy", seconds(30))) << container.logs();
  const std::string logs = container.logs();
  for (const std::string name :
       {"config directory /config", "downloads directory /downloads", "music directory /music"}) {
    EXPECT_NE(logs.find("entrypoint: " + name + " is writable by 1234:1234"), std::string::npos)
        << name << " in:\n"
        << logs;
  }
}

}  // namespace
}  // namespace harmony::testing
