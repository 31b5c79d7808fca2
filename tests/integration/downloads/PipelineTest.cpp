// The download pipeline end to end without the daemon: DownloadEngine + HttpSlskdClient over
// lib/http's client + the slskd stand-in + FileLibrary (TagLib, AtomicFileMover) on real folders.
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "Peers.hpp"
#include "audio/AudioFile.hpp"
#include "core/Clock.hpp"
#include "fakes/AudioFiles.hpp"
#include "fakes/FakeJobStore.hpp"
#include "fakes/SlskdStandIn.hpp"
#include "hdm/DownloadEngine.hpp"
#include "hdm/DownloadWorker.hpp"
#include "hdm/FileLibrary.hpp"
#include "integrations/slskd/ClientHttpTransport.hpp"
#include "integrations/slskd/HttpSlskdClient.hpp"
#include "support/Process.hpp"
#include "support/Require.hpp"

using namespace harmony;
using namespace harmony::harmonyd;
using fakes::SlskdStandIn;
using hdm::JobState;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_tools = "sox, flac and lame (scripts/packages.d/test-downloads.txt)";

hdm::TrackRequest let_it_be() {
  return {"The Beatles", "Let It Be", "Let It Be", 1970, 6, 4'000, "GBAYE0601690"};
}

// Everything a pipeline needs, on a fresh folder tree: <root>/downloads and <root>/music.
struct Pipeline {
  harmony::testing::TempDir root;
  fs::path downloads = fs::path(root.path()) / "downloads";
  fs::path music = fs::path(root.path()) / "music";
  std::unique_ptr<SlskdStandIn> standin;
  slskd::ClientHttpTransport transport;
  std::unique_ptr<slskd::HttpSlskdClient> client;
  fakes::FakeJobStore store;
  SystemClock clock;
  std::unique_ptr<hdm::FileLibrary> library;
  std::unique_ptr<hdm::DownloadEngine> engine;

  explicit Pipeline(SlskdStandIn::Options options = {}, hdm::EngineOptions engine_options = {}) {
    fs::create_directories(downloads);
    fs::create_directories(music);
    options.downloads_dir = downloads;
    standin = std::make_unique<SlskdStandIn>(options);
    client = std::make_unique<slskd::HttpSlskdClient>(
        slskd::SlskdOptions{standin->url(), log::Secret(standin->api_key())}, transport);
    library = std::make_unique<hdm::FileLibrary>(hdm::LibraryOptions{
        downloads, music, hdm::MoveTemplate::parse(hdm::MoveTemplate::k_default).value()});
    engine_options.search_timeout = 100ms;
    engine = std::make_unique<hdm::DownloadEngine>(
        store, *client, *library, clock,
        hdm::ScoringOptions{hdm::FormatPreference::parse(hdm::FormatPreference::k_default).value()},
        engine_options);
  }

  bool run_until(std::int64_t id, JobState state, std::chrono::seconds deadline = 20s) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
      const auto job = store.get(id).value();
      if (job.state == state) {
        return true;
      }
      if (hdm::is_terminal(job.state)) {
        return false;
      }
      engine->tick();
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  // Every regular file below the root, relative to it.
  std::vector<std::string> tree() const {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(root.path())) {
      if (!entry.is_directory()) {
        files.push_back(fs::relative(entry.path(), root.path()).string());
      }
    }
    std::sort(files.begin(), files.end());
    return files;
  }
};

}  // namespace

TEST(DownloadPipeline, ChoosesTheFlacOfThreePeersAndFilesItTaggedUnderTheTemplate) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  Pipeline p;
  ASSERT_TRUE(harmony::testing::add_three_peers(*p.standin));
  const auto id = p.engine->submit(let_it_be()).value().first.id;
  ASSERT_TRUE(p.run_until(id, JobState::done)) << p.store.get(id).value().last_error;

  const auto job = p.store.get(id).value();
  EXPECT_EQ(job.chosen()->username, "flac_peer");
  const fs::path expected = p.music / "The Beatles/Let It Be (1970)/06 - Let It Be.flac";
  EXPECT_EQ(job.final_path, expected.string());
  const auto tags = audio::read_tags(expected);
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(tags->artist, "The Beatles");
  EXPECT_EQ(tags->title, "Let It Be");
  EXPECT_EQ(tags->year, 1970);
  EXPECT_EQ(tags->track, 6);
  EXPECT_EQ(tags->isrc, "GBAYE0601690");
  const auto json = job.to_json();
  EXPECT_EQ(json["state"], "done");
  EXPECT_EQ(json["chosen"]["score"]["format_label"], "flac");
  EXPECT_EQ(p.standin->enqueued_usernames(), std::vector<std::string>{"flac_peer"});
  // The download left DOWNLOADS_DIR; nothing else appeared in MUSIC_DIR.
  EXPECT_EQ(p.tree(),
            std::vector<std::string>{"music/The Beatles/Let It Be (1970)/06 - Let It Be.flac"});
}

TEST(DownloadPipeline, UsesTheNextCandidateWhenTheChosenTransferEndsErrored) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  Pipeline p;
  ASSERT_TRUE(harmony::testing::add_three_peers(*p.standin, SlskdStandIn::Outcome::error));
  const auto id = p.engine->submit(let_it_be()).value().first.id;
  ASSERT_TRUE(p.run_until(id, JobState::done)) << p.store.get(id).value().last_error;
  const auto job = p.store.get(id).value();
  const auto enqueued = p.standin->enqueued_usernames();
  ASSERT_EQ(enqueued.size(), 2u);
  EXPECT_EQ(enqueued[0], "flac_peer");
  EXPECT_EQ(job.chosen()->username, enqueued[1]);
  EXPECT_EQ(job.peer_failures.at("flac_peer"), 1);
  EXPECT_TRUE(fs::exists(job.final_path));
}

TEST(DownloadPipeline, NeverLetsAHostileNameEscapeMusicDir) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  // 0.25: the legacy enqueue endpoint does not reject "..", so harmonyd's own checks must.
  SlskdStandIn::Options legacy;
  legacy.version = "0.25.1";
  Pipeline p(legacy);
  ASSERT_TRUE(harmony::testing::add_hostile_peers(*p.standin));
  auto request = let_it_be();
  request.artist = "../../The Beatles";  // request data is untrusted too
  request.album = "/etc";
  const auto id = p.engine->submit(request).value().first.id;
  ASSERT_TRUE(p.run_until(id, JobState::done, 40s)) << p.store.get(id).value().last_error;
  const auto job = p.store.get(id).value();
  EXPECT_EQ(job.chosen()->username, "good");
  EXPECT_FALSE(job.peer_failures.contains("evil1"));  // not audio: never a candidate
  std::vector<std::string> in_music;
  for (const auto& file : p.tree()) {
    ASSERT_TRUE(file.rfind("music/", 0) == 0 || file.rfind("downloads/", 0) == 0) << file;
    if (file.rfind("music/", 0) == 0) {
      in_music.push_back(file);
    }
  }
  ASSERT_EQ(in_music.size(), 1u);
  EXPECT_EQ(in_music[0], "music/_The Beatles/etc (1970)/06 - Let It Be.mp3");
  EXPECT_TRUE(hdm::is_inside(p.music, job.final_path));
  EXPECT_FALSE(fs::exists(fs::path(p.root.path()).parent_path() / "etc"));
}

TEST(DownloadPipeline, PacesTwoHundredRequestsWithinTheBudget) {
  hdm::EngineOptions options;
  options.budget = {20, 1000ms, 2};
  options.retry_backoff = {1h, 1h, 2.0, 0.0};  // one search per job in this test
  SlskdStandIn::Options quick;
  quick.search_duration = 20ms;
  quick.post_latency = 2ms;
  Pipeline p(quick, options);
  hdm::DownloadWorker worker(*p.engine, 5ms);
  worker.start();
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&p, c] {
      for (int i = 0; i < 25; ++i) {
        hdm::TrackRequest request{
            "Artist " + std::to_string(c), "Song " + std::to_string(i), "", {}, {}, {}, ""};
        ASSERT_TRUE(p.engine->submit(request).ok());
      }
    });
  }
  for (auto& t : clients) {
    t.join();
  }
  const auto until = std::chrono::steady_clock::now() + 60s;
  while (p.standin->search_posts().size() < 200 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(50ms);
  }
  worker.stop();
  const auto posts = p.standin->search_posts();
  ASSERT_EQ(posts.size(), 200u);
  EXPECT_EQ(p.standin->concurrent_post_overlaps(), 0);
  EXPECT_LE(p.standin->max_unfinished_searches(), 2);
  // Budget: no 1 s window holds more than 20 POSTs.
  for (std::size_t i = 0; i + 20 < posts.size(); ++i) {
    EXPECT_GE(posts[i + 20].begin - posts[i].begin, 1000ms) << "POST " << i;
  }
  const auto span = std::chrono::duration_cast<std::chrono::milliseconds>(posts.back().begin -
                                                                          posts.front().begin);
  std::printf(
      "pacing: 200 search POSTs over %lld ms, budget 20/1 s, overlaps %d, max unfinished %d\n",
      static_cast<long long>(span.count()), p.standin->concurrent_post_overlaps(),
      p.standin->max_unfinished_searches());
}
