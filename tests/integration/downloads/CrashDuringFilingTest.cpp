// harmonyd killed with SIGKILL in the middle of filing (and once mid-transfer), at the points where
// a naive mover leaves a partial or duplicated file, then restarted: the job must resume from its
// stored `filing` state and leave exactly one complete file in MUSIC_DIR. The kill comes from
// support/CrashAfter.cpp, LD_PRELOAD'ed into harmonyd, right after the chosen system call.
#include <csignal>

#include <gtest/gtest.h>

#include "HubFixture.hpp"
#include "Peers.hpp"
#include "audio/AudioFile.hpp"
#include "fakes/AudioFiles.hpp"
#include "support/Require.hpp"

using namespace harmony;
using namespace harmony::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const std::string k_filed = "The Beatles/Let It Be (1970)/06 - Let It Be.flac";
const std::string k_partial = "The Beatles/Let It Be (1970)/.06 - Let It Be.flac.partial";
const std::string k_source = "Let It Be (1970)/06 - Let It Be.flac";  // in DOWNLOADS_DIR

struct CrashPoint {
  const char* name;
  const char* call;   // HARMONY_CRASH_AFTER
  bool cross_device;  // MUSIC_DIR on /dev/shm (tmpfs), DOWNLOADS_DIR on /tmp
  // What the folders hold right after the kill, proving where it struck.
  std::vector<std::string> music_at_kill;
  std::vector<std::string> downloads_at_kill;
};

// Test names carry the point's name; this keeps gtest from printing the struct's bytes.
void PrintTo(const CrashPoint& point, std::ostream* out) {
  *out << point.name;
}

class CrashDuringFiling : public ::testing::TestWithParam<CrashPoint> {};

bool same_filesystem(const fs::path& a, const fs::path& b) {
  struct stat sa {};
  struct stat sb {};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev;
}

}  // namespace

TEST_P(CrashDuringFiling, RestartLeavesOneCompleteFileAndNoPartial) {
  const CrashPoint& point = GetParam();
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox, flac and lame");
  Hub hub({}, point.cross_device);
  HARMONY_REQUIRE(same_filesystem(hub.downloads(), hub.music()) != point.cross_device,
                  "/tmp and /dev/shm on different filesystems (tmpfs at /dev/shm)");
  ASSERT_TRUE(add_three_peers(hub.standin()));
  hub.start({{"LD_PRELOAD", build_path("tests/crash-after.so")},
             {"HARMONY_CRASH_AFTER", point.call},
             {"HARMONY_CRASH_PATH", hub.music().string()}});
  const auto id = hub.request(let_it_be_request());
  ASSERT_EQ(hub.wait_for_exit(30s), 128 + SIGKILL) << hub.process().output();
  EXPECT_EQ(Hub::files_below(hub.music()), point.music_at_kill);
  EXPECT_EQ(Hub::files_below(hub.downloads()), point.downloads_at_kill);

  hub.start();  // same database and folders, no crash injection
  const auto job = hub.wait_for_state(id, "done");
  ASSERT_EQ(job.value("state", ""), "done") << job.dump(2) << hub.process().output();
  EXPECT_EQ(job["final_path"], (hub.music() / k_filed).string());
  EXPECT_EQ(Hub::files_below(hub.music()), std::vector<std::string>{k_filed});
  EXPECT_EQ(Hub::files_below(hub.downloads()), std::vector<std::string>{});
  const auto info = audio::read_audio_info(hub.music() / k_filed);
  ASSERT_TRUE(info.ok()) << "the filed file is complete, readable audio";
  EXPECT_NEAR(static_cast<double>(info->duration.count()), 4000.0, 100.0);
  EXPECT_EQ(hub.standin().enqueue_count(), 1) << "resumed from filing, not downloaded again";
  const auto list = hub.call("GET", "/api/v1/downloads").json;
  EXPECT_EQ(list["items"].size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(
    HarmonydDownloads, CrashDuringFiling,
    ::testing::Values(
        CrashPoint{
            "HalfwayThroughACopyToAnotherFilesystem", "sendfile", true, {k_partial}, {k_source}},
        CrashPoint{"AfterTheRenameOnTheSameFilesystem", "renameat2", false, {k_filed}, {}},
        CrashPoint{"AfterTheCopyWasRenamedButBeforeTheSourceWasRemoved",
                   "renameat2",
                   true,
                   {k_filed},
                   {k_source}}),
    [](const ::testing::TestParamInfo<CrashPoint>& info) { return std::string(info.param.name); });

TEST(HarmonydDownloads, AJobKilledMidTransferResumesTheSameTransferAfterARestart) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox, flac and lame");
  fakes::SlskdStandIn::Options slow;
  // Queued, then in progress, then complete: ~4.5 s, so that a loaded machine still kills the
  // daemon before the transfer completes.
  slow.transfer_step = 1500ms;
  Hub hub(slow);
  ASSERT_TRUE(add_three_peers(hub.standin()));
  hub.start();
  const auto id = hub.request(let_it_be_request());
  // The transfer id is stored once the job is queued on the peer; a daemon that polls the
  // transfer late may first see it in progress.
  const auto mid = hub.wait_for_state(id, std::vector<std::string>{"queued_remote", "downloading"})
                       .value("state", "");
  ASSERT_TRUE(mid == "queued_remote" || mid == "downloading") << mid;
  hub.process().signal(SIGKILL);
  ASSERT_EQ(hub.wait_for_exit(5s), 128 + SIGKILL);

  hub.start();
  const auto job = hub.wait_for_state(id, "done");
  ASSERT_EQ(job.value("state", ""), "done") << job.dump(2);
  EXPECT_EQ(hub.standin().enqueue_count(), 1) << "the stored transfer id was followed again";
  EXPECT_EQ(hub.standin().search_posts().size(), 1U) << "no second search after the restart";
  EXPECT_EQ(Hub::files_below(hub.music()), std::vector<std::string>{k_filed});
}
