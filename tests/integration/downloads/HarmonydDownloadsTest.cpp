// The download acceptance scenarios through the daemon: harmonyd as a process (its SQLite
// store, worker thread and HTTP API), the slskd stand-in over loopback, real audio files,
// TagLib and the atomic mover. Crash points are injected with support/CrashAfter.cpp.
#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <thread>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "HubFixture.hpp"
#include "Peers.hpp"
#include "audio/AudioFile.hpp"
#include "fakes/AudioFiles.hpp"
#include "support/Eventually.hpp"
#include "support/Metrics.hpp"
#include "support/Require.hpp"

using namespace harmony;
using namespace harmony::testing;
using namespace std::chrono_literals;
using fakes::SlskdStandIn;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_tools = "sox, flac and lame (scripts/packages.d/test-downloads.txt)";
const std::string k_filed = "The Beatles/Let It Be (1970)/06 - Let It Be.flac";

}  // namespace

TEST(HarmonydDownloads, FilesTheFlacOfThreePeersTaggedUnderTheTemplateWithItsScoreBreakdown) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  Hub hub;
  ASSERT_TRUE(add_three_peers(hub.standin()));
  hub.start();
  const auto id = hub.request(let_it_be_request());
  const auto job = hub.wait_for_state(id, "done");
  ASSERT_EQ(job.value("state", ""), "done") << job.dump(2);

  EXPECT_EQ(job["chosen"]["username"], "flac_peer");
  const auto& score = job["chosen"]["score"];
  for (const char* part : {"title", "artist", "album", "duration", "format", "peer", "total"}) {
    EXPECT_TRUE(score.contains(part)) << part;
  }
  EXPECT_EQ(score["format_label"], "flac");
  EXPECT_EQ(job["final_path"], (hub.music() / k_filed).string());
  EXPECT_EQ(Hub::files_below(hub.music()), std::vector<std::string>{k_filed});
  EXPECT_TRUE(Hub::files_below(hub.downloads()).empty()) << "the download left DOWNLOADS_DIR";
  const auto tags = audio::read_tags(hub.music() / k_filed);
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(tags->artist, "The Beatles");
  EXPECT_EQ(tags->album, "Let It Be");
  EXPECT_EQ(tags->track, 6);
  EXPECT_EQ(tags->isrc, "GBAYE0601690");

  // The same request again is the same job; the metrics count it once, as done.
  const auto again = hub.call("POST", "/api/v1/downloads", let_it_be_request().dump());
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json["id"], id);
  const auto metrics = hub.call("GET", "/api/v1/metrics").body;
  EXPECT_EQ(metric_value(metrics, R"(harmony_download_jobs{state="done"})"), "1") << metrics;
  EXPECT_EQ(metric_value(metrics, "harmony_download_searches_total"), "1");
  EXPECT_EQ(hub.process().output().find(hub.standin().api_key()), std::string::npos)
      << "the slskd API key must never be logged";
}

TEST(HarmonydDownloads, AnErroredTransferMovesOnToTheNextCandidate) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  Hub hub;
  ASSERT_TRUE(add_three_peers(hub.standin(), SlskdStandIn::Outcome::error));
  hub.start();
  const auto id = hub.request(let_it_be_request());
  const auto job = hub.wait_for_state(id, "done");
  ASSERT_EQ(job.value("state", ""), "done") << job.dump(2);
  const auto enqueued = hub.standin().enqueued_usernames();
  ASSERT_EQ(enqueued.size(), 2U);
  EXPECT_EQ(enqueued[0], "flac_peer");
  EXPECT_EQ(job["chosen"]["username"], enqueued[1]);
  EXPECT_EQ(job["peer_failures"]["flac_peer"], 1);
  EXPECT_EQ(Hub::files_below(hub.music()).size(), 1U);
}

TEST(HarmonydDownloads, AHostileRemotePathNeverEscapesMusicDir) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  SlskdStandIn::Options legacy;
  legacy.version = "0.25.1";  // the legacy enqueue endpoint does not reject ".." itself
  Hub hub(legacy);
  ASSERT_TRUE(add_hostile_peers(hub.standin()));
  hub.start();
  auto request = let_it_be_request();
  request["artist"] = "../../The Beatles";
  request["album"] = "/etc";
  const auto id = hub.request(request);
  const auto job = hub.wait_for_state(id, "done", 60s);
  ASSERT_EQ(job.value("state", ""), "done") << job.dump(2);
  EXPECT_EQ(job["chosen"]["username"], "good");
  // Everything harmonyd and the stand-in wrote is under config/, downloads/ or music/.
  for (const auto& file : Hub::files_below(hub.root())) {
    EXPECT_TRUE(file.rfind("config/", 0) == 0 || file.rfind("downloads/", 0) == 0 ||
                file.rfind("music/", 0) == 0)
        << file;
  }
  EXPECT_EQ(Hub::files_below(hub.music()),
            std::vector<std::string>{"_The Beatles/etc (1970)/06 - Let It Be.mp3"});
  EXPECT_FALSE(fs::exists(hub.root().parent_path() / "etc"));
  EXPECT_EQ(hub.call("GET", "/api/health/live").status, 200) << "the daemon keeps running";
}

TEST(HarmonydDownloads, TwoHundredRequestsAtOnceKeepOneSearchPostAtATimeAndTheBudget) {
  SlskdStandIn::Options quick;
  quick.search_duration = 20ms;
  quick.post_latency = 2ms;
  Hub hub(quick);  // nobody shares anything: every search ends empty
  hub.start({{"SEARCH_BUDGET", "20/1s"},
             {"DOWNLOAD_POLL_INTERVAL", "5ms"},
             {"DOWNLOAD_RETRY_BACKOFF", "1h"}});  // one search per job in this test
  std::vector<std::thread> clients;
  std::atomic<int> accepted{0};
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&hub, &accepted, c] {
      for (int i = 0; i < 25; ++i) {
        const auto reply = hub.call("POST", "/api/v1/downloads",
                                    nlohmann::json{{"artist", fmt::format("Artist {}", c)},
                                                   {"title", fmt::format("Song {}", i)}}
                                        .dump());
        accepted += reply.status == 202 ? 1 : 0;
      }
    });
  }
  for (auto& client : clients) {
    client.join();
  }
  EXPECT_EQ(accepted, 200);
  const auto status = hub.call("GET", "/api/v1/status").json;
  EXPECT_GT(status["workers"]["downloads"]["searches_queued"].get<int>(), 0)
      << "the budget holds searches back in a visible queue: " << status.dump();

  const auto until = std::chrono::steady_clock::now() + 60s;
  while (hub.standin().search_posts().size() < 200 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(50ms);
  }
  const auto posts = hub.standin().search_posts();
  ASSERT_EQ(posts.size(), 200U);
  EXPECT_EQ(hub.standin().concurrent_post_overlaps(), 0);
  EXPECT_LE(hub.standin().max_unfinished_searches(), 2);
  for (std::size_t i = 0; i + 20 < posts.size(); ++i) {
    EXPECT_GE(posts[i + 20].begin - posts[i].begin, 1000ms) << "more than 20 POSTs in 1 s at " << i;
  }
  // The stand-in records a POST before harmonyd has read slskd's answer and counted it.
  std::string counted;
  EXPECT_TRUE(eventually(
      [&] {
        counted = metric_value(hub.call("GET", "/api/v1/metrics").body,
                               "harmony_download_searches_total");
        return counted == "200";
      },
      5s))
      << counted << " searches counted";
}

TEST(HarmonydDownloads, RequestsQueuedBeforeSlskdIsUpAreSearchedAsSoonAsItIs) {
  SlskdStandIn::Options quick;
  quick.search_duration = 20ms;
  quick.post_latency = 2ms;
  Hub hub(quick, false, /*standin_later=*/true);  // nobody shares anything
  // A budget of exactly the 30 requests: a single refused POST counted against it would leave
  // one request unsearched for the whole 220 s window.
  hub.start({{"SEARCH_BUDGET", "30/220s"}, {"DOWNLOAD_RETRY_BACKOFF", "1h"}});
  for (int i = 0; i < 30; ++i) {
    ASSERT_GT(hub.request({{"artist", "Artist"}, {"title", fmt::format("Song {}", i)}}), 0);
  }
  // The scenario itself, not a wait for a condition: slskd comes up 10 s after harmonyd, and
  // meanwhile every poll's search POST is refused (connection refused).
  std::this_thread::sleep_for(10s);
  const auto status = hub.call("GET", "/api/v1/status").json;
  EXPECT_EQ(status["workers"]["downloads"]["searches_queued"], 30) << status.dump();

  hub.start_standin();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(eventually([&] { return hub.standin().search_posts().size() >= 30; }, 20s))
      << hub.standin().search_posts().size() << " of 30 searched within 20 s of slskd starting";
  const auto posts = hub.standin().search_posts();
  ASSERT_EQ(posts.size(), 30U);
  EXPECT_LT(posts.back().begin - started, 20s);
  for (const auto& post : posts) {
    EXPECT_EQ(post.status, 200) << "every POST that reached slskd was accepted";
  }
  // The stand-in records a POST before harmonyd has read slskd's answer and counted it.
  std::string counted;
  EXPECT_TRUE(eventually(
      [&] {
        counted = metric_value(hub.call("GET", "/api/v1/metrics").body,
                               "harmony_download_searches_total");
        return counted == "30";
      },
      5s))
      << counted << " counted: only the searches slskd accepted are counted";
}

TEST(HarmonydDownloads, CancellingADownloadCancelsItsTransferInSlskd) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  Hub hub;
  ASSERT_TRUE(hub.standin().add({.username = "slow",
                                 .filename = "@@s\\The Beatles\\Let It Be\\06 - Let It Be.flac",
                                 .seconds = 4.0,
                                 .outcome = SlskdStandIn::Outcome::stay_queued}));
  hub.start();
  const auto id = hub.request(let_it_be_request());
  ASSERT_EQ(hub.wait_for_state(id, "queued_remote").value("state", ""), "queued_remote");
  const auto cancelled = hub.call("DELETE", "/api/v1/downloads/" + std::to_string(id));
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json["state"], "cancelled");
  EXPECT_EQ(hub.standin().cancelled_count(), 1);
  EXPECT_EQ(hub.call("DELETE", "/api/v1/downloads/" + std::to_string(id)).status, 409);
  const auto retried = hub.call("POST", "/api/v1/downloads/" + std::to_string(id) + "/retry");
  EXPECT_EQ(retried.status, 200);
  EXPECT_EQ(retried.json["state"], "searching");
}

TEST(HarmonydDownloads, ATrackNobodySharesEndsInTheDeadLetterExport) {
  Hub hub;
  hub.start({{"DOWNLOAD_MAX_ATTEMPTS", "2"}, {"DOWNLOAD_RETRY_BACKOFF", "100ms"}});
  const auto id = hub.request({{"artist", "Nobody"}, {"title", "Unreleased Demo"}});
  const auto job = hub.wait_for_state(id, "dead_letter");
  ASSERT_EQ(job.value("state", ""), "dead_letter") << job.dump(2);
  EXPECT_EQ(job["attempts"], 2);
  EXPECT_NE(job["last_error"].get<std::string>().find("MATCH_THRESHOLD"), std::string::npos);
  const auto dlq = hub.call("GET", "/api/v1/dlq/export");
  ASSERT_EQ(dlq.status, 200);
  const auto line = nlohmann::json::parse(dlq.body.substr(0, dlq.body.find('\n')));
  EXPECT_EQ(line["id"], id);
  EXPECT_EQ(std::count(dlq.body.begin(), dlq.body.end(), '\n'), 1);
}

TEST(HarmonydDownloads, WithoutSlskdANewDownloadIsRefusedWith503) {
  RunningHarmonyd harmonyd;
  ASSERT_TRUE(harmonyd.ready()) << harmonyd.process->output();
  httplib::Client client = harmonyd.client();
  const auto reply =
      client.Post("/api/v1/downloads", R"({"artist":"a","title":"t"})", "application/json");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 503);
  EXPECT_NE(reply->body.find("SLSKD_URL"), std::string::npos);
  EXPECT_EQ(client.Get("/api/v1/downloads")->status, 200);
}

TEST(HarmonydDownloads, AFiledDownloadIsInTheLibraryIndexTheMomentItIsDone) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  Hub hub;
  ASSERT_TRUE(add_three_peers(hub.standin()));
  hub.start();
  // MUSIC_DIR is empty at start; the start-up scan has nothing to find.
  ASSERT_TRUE(eventually([&] {
    const auto stats = hub.call("GET", "/api/v1/library/stats");
    return stats.status == 200 && stats.json.value("scans", 0) >= 1;
  }));
  const auto before = hub.call("GET", "/api/v1/library/lookup?isrc=GBAYE0601690");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json["found"], false);

  const auto id = hub.request(let_it_be_request());
  ASSERT_EQ(hub.wait_for_state(id, "done").value("state", ""), "done");
  // No rescan ran (LIBRARY_SCAN_INTERVAL is 6 h): filing itself indexed the file.
  const auto after = hub.call("GET", "/api/v1/library/lookup?isrc=GBAYE0601690");
  ASSERT_EQ(after.status, 200) << after.body;
  ASSERT_EQ(after.json["found"], true) << after.body;
  EXPECT_EQ(after.json["track"]["path"], k_filed);
  EXPECT_EQ(after.json["track"]["artist"], "The Beatles");
  const auto stats = hub.call("GET", "/api/v1/library/stats");
  EXPECT_EQ(stats.json["tracks"], 1) << stats.body;
  EXPECT_EQ(stats.json["scans"], 1) << "indexed by filing, not by a second scan";
}
