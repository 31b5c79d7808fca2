// `harmonyd preflight` as an operator runs it on the host before the first `docker compose up`:
// real directories, real chown, and a real read-only filesystem (a tmpfs remounted ro).
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "HarmonydFixture.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;

struct Owner {
  uid_t uid = 0;
  gid_t gid = 0;
  bool operator==(const Owner&) const = default;
};

Owner owner_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return {st.st_uid, st.st_gid};
}

// A test folder the container user can reach (mkdtemp makes it 0700, for root only).
struct HostRoot {
  TempDir dir;
  HostRoot() { std::filesystem::permissions(dir.path(), std::filesystem::perms(0755)); }
  std::string file(const std::string& name) const { return dir.file(name); }
};

TEST(HarmonydPreflight, CreatesTheThreeDirectoriesOwnedByPuidAndPgid) {
  HARMONY_REQUIRE(::geteuid() == 0, "root, to chown the directories as an operator's sudo would");
  HostRoot root;
  Process preflight(k_harmonyd, {"preflight", "--config-dir", root.file("config"),
                                 "--downloads-dir", root.file("data/downloads"), "--music-dir",
                                 root.file("music"), "--puid", "4242", "--pgid", "4243"});
  ASSERT_EQ(preflight.wait_for_exit(10s), 0) << preflight.output();
  for (const char* dir : {"config", "data/downloads", "music"}) {
    EXPECT_EQ(owner_of(root.file(dir)), (Owner{4242, 4243})) << dir;
  }
  EXPECT_NE(preflight.output().find("[ok] ready: start the container with PUID=4242 PGID=4243"),
            std::string::npos)
      << preflight.output();
}

TEST(HarmonydPreflight, AParentTheUserCannotSearchIsReportedWithTheChmodFix) {
  HARMONY_REQUIRE(::geteuid() == 0, "root, to chown the directories as an operator's sudo would");
  TempDir root;  // 0700: user 1000 cannot pass through it
  Process preflight(k_harmonyd,
                    {"preflight", "--config-dir", root.file("config"), "--downloads-dir",
                     root.file("downloads"), "--music-dir", root.file("music")});
  EXPECT_EQ(preflight.wait_for_exit(10s), 71);
  const std::string& output = preflight.output();
  EXPECT_NE(output.find("[error] config directory: " + root.file("config") +
                        " is writable by 1000:1000 but a parent directory is not searchable"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("fix: sudo chmod o+x each parent that `namei -l " + root.file("config")),
            std::string::npos)
      << output;
}

TEST(HarmonydPreflight, AReadOnlyMusicDirectoryExits71WithTheFix) {
  HARMONY_REQUIRE(::geteuid() == 0, "root, to mount a read-only tmpfs");
  HostRoot root;
  const std::string mount_point = root.file("ro");
  std::filesystem::create_directories(mount_point);
  ASSERT_EQ(::mount("tmpfs", mount_point.c_str(), "tmpfs", 0, "size=1m"), 0);
  std::filesystem::create_directories(mount_point + "/music");
  ASSERT_EQ(::mount(nullptr, mount_point.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr), 0);
  Process preflight(k_harmonyd,
                    {"preflight", "--config-dir", root.file("config"), "--downloads-dir",
                     root.file("downloads"), "--music-dir", mount_point + "/music"});
  const auto code = preflight.wait_for_exit(10s);
  ::umount2(mount_point.c_str(), MNT_DETACH);
  EXPECT_EQ(code, 71);
  const std::string& output = preflight.output();
  EXPECT_NE(output.find("[error] music directory"), std::string::npos) << output;
  EXPECT_NE(output.find(mount_point + "/music"), std::string::npos) << output;
  EXPECT_NE(output.find("Read-only file system"), std::string::npos) << output;
  EXPECT_NE(output.find("fix: " + mount_point + "/music is on a read-only filesystem"),
            std::string::npos)
      << output;
}

}  // namespace
}  // namespace harmony::testing
