// The order of durable steps when harmonyd files a download, recorded by support/SyncTrace.cpp
// (LD_PRELOAD'ed into harmonyd): the file's data is synced before its new name exists, the name
// is synced before the job says "done", and that commit is itself synced. Any other order can
// lose the track or the record of it on power loss.
#include <fstream>

#include <gtest/gtest.h>

#include "HubFixture.hpp"
#include "Peers.hpp"
#include "fakes/AudioFiles.hpp"
#include "support/Require.hpp"

using namespace harmony;
using namespace harmony::testing;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const fs::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// Index of the first line at or after `from` that satisfies `match`, or lines.size().
template <typename Match>
std::size_t find_from(const std::vector<std::string>& lines, std::size_t from, Match match) {
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (match(lines[i])) {
      return i;
    }
  }
  return lines.size();
}

}  // namespace

TEST(HarmonydDownloads, FilingSyncsTheFileThenRenamesThenSyncsTheFolderThenCommitsDurably) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), "sox, flac and lame");
  Hub hub;
  ASSERT_TRUE(add_three_peers(hub.standin()));
  const fs::path trace = hub.root() / "sync-trace.log";
  hub.start(
      {{"LD_PRELOAD", build_path("tests/sync-trace.so")}, {"HARMONY_SYNC_TRACE", trace.string()}});
  const auto id = hub.request(let_it_be_request());
  const auto job = hub.wait_for_state(id, "done");
  ASSERT_EQ(job.value("state", ""), "done") << job.dump(2);
  const fs::path filed = job["final_path"].get<std::string>();
  const std::vector<std::string> lines = lines_of(trace);
  ASSERT_FALSE(lines.empty()) << "the tracer recorded nothing; was it preloaded?";
  auto dump = [&] {
    std::string all;
    for (const auto& line : lines) {
      all += line + "\n";
    }
    return all;
  };

  const std::size_t rename = find_from(lines, 0, [&](const std::string& line) {
    return line.starts_with("rename ") && line.ends_with(" -> " + filed.string());
  });
  ASSERT_LT(rename, lines.size()) << "no rename into " << filed << "\n" << dump();
  const std::string source = lines[rename].substr(7, lines[rename].find(" -> ") - 7);
  const std::size_t file_sync =
      find_from(lines, 0, [&](const std::string& line) { return line == "fsync " + source; });
  EXPECT_LT(file_sync, rename) << "the file's data must be synced before it gets its name\n"
                               << dump();
  const std::size_t dir_sync = find_from(lines, rename, [&](const std::string& line) {
    return line == "fsync " + filed.parent_path().string();
  });
  ASSERT_LT(dir_sync, lines.size()) << "the new name's folder was never synced\n" << dump();
  const std::size_t commit = find_from(lines, dir_sync, [](const std::string& line) {
    return line.starts_with("fsync ") && line.ends_with("-wal");
  });
  EXPECT_LT(commit, lines.size())
      << "the \"done\" commit after the move was not synced (synchronous=FULL)\n"
      << dump();
}
