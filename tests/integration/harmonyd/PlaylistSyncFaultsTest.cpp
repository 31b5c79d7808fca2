// Followed playlists when things go wrong, through harmonyd as a process: a 429 from Spotify,
// SIGKILLs mid-sync, and the metrics and activity feed of imports and syncs.
#include <signal.h>

#include <fmt/format.h>

#include "PlaylistFixture.hpp"
#include "fakes/AudioFiles.hpp"
#include "support/Metrics.hpp"
#include "support/Require.hpp"

namespace harmony::testing {
namespace {

using namespace std::chrono_literals;
using fakes::SpotifyStandIn;
using nlohmann::json;
namespace fs = std::filesystem;

}  // namespace

TEST(PlaylistSync, A429ForTheItemsHoldsEveryRequestUntilRetryAfterAndTheNextSyncQueuesTheNewOnes) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  PlaylistHub p;
  const std::string id = spotify_id("Paced", 1);
  p.spotify().add_playlist({id, "Paced", p.spotify().options().user.id, {p.track(1)}});
  ASSERT_EQ(p.post("/api/v1/playlists", {{"playlist", id}})->status, 201);
  ASSERT_TRUE(eventually([&] { return p.syncs() == 1; }, 20s)) << p.hub.output();
  ASSERT_EQ(p.hub.jobs().size(), 1u);

  // Two items are added on Spotify, which answers the sync's next request with 429 and a
  // Retry-After longer than harmonyd lets a caller wait in line (10 s): the sync gives up.
  constexpr auto k_retry_after = 12s;
  p.spotify().set_playlist_tracks(id, {p.track(1), p.track(2), p.track(3)});
  p.spotify().throttle(k_retry_after);
  ASSERT_EQ(p.post("/api/v1/playlists/" + id + "/sync", json::object())->status, 202);
  ASSERT_TRUE(eventually([&] { return p.playlist(id)["state"] == "rate_limited"; }, 20s))
      << p.playlist(id).dump(2) << p.hub.output();
  const auto throttled = p.spotify().first_throttled_at();
  ASSERT_NE(throttled, std::chrono::steady_clock::time_point{}) << "the stand-in sent a 429";
  const auto requests = p.spotify().api_requests();
  const auto limited = std::find_if(requests.begin(), requests.end(),
                                    [](const auto& request) { return request.status == 429; });
  ASSERT_NE(limited, requests.end());
  EXPECT_EQ(limited->target.rfind("/v1/playlists/" + id + "/items", 0), 0u) << limited->target;
  json detail = p.playlist(id);
  const std::string message = detail["message"];
  EXPECT_NE(message.find("429"), std::string::npos) << message;
  EXPECT_NE(message.find("Retry-After"), std::string::npos) << message;
  EXPECT_EQ(detail["items"].size(), 1u) << "nothing of the refused sync is recorded";
  EXPECT_EQ(p.hub.jobs().size(), 1u);
  const json failed = p.activity("playlist_sync_failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0]["message"].get<std::string>().rfind("Paced: rate_limited (", 0), 0u)
      << failed.dump(2);

  // A manual sync while the latch holds ends the same way without asking Spotify.
  ASSERT_EQ(p.post("/api/v1/sync", json::object())->status, 202);
  ASSERT_TRUE(eventually([&] { return p.activity("playlist_sync_failed").size() == 2; }, 10s));
  EXPECT_EQ(metric_value(p.metrics(), R"(harmony_playlist_syncs_total{result="rate_limited"})"),
            "2");

  // Once the latch lifts (harmonyd's own gauge says so), the next sync queues the two once.
  ASSERT_TRUE(
      eventually([&] { return metric_value(p.metrics(), "harmony_spotify_rate_limited") == "0"; },
                 20s, 100ms));
  ASSERT_TRUE(p.sync_all()) << p.hub.output();
  for (const auto& request : p.spotify().api_requests()) {
    if (request.at > throttled) {
      EXPECT_GE(request.at - throttled, k_retry_after)
          << request.target << " was sent within Retry-After";
    }
  }
  detail = p.playlist(id);
  EXPECT_EQ(detail["state"], "synced") << detail.dump(2);
  EXPECT_EQ(detail["message"], "");
  EXPECT_EQ(detail["items"].size(), 3u);
  const json jobs = p.hub.jobs();
  EXPECT_EQ(isrcs_of(jobs),
            (std::multiset<std::string>{"QZLCA2600001", "QZLCA2600002", "QZLCA2600003"}))
      << jobs.dump(2);
  EXPECT_NE(p.activity("playlist_synced")[0]["message"].get<std::string>().find(
                "3 items, 2 new, 2 queued"),
            std::string::npos)
      << p.activity("playlist_synced").dump(2);
  const std::string metrics = p.metrics();
  EXPECT_EQ(metric_value(metrics, R"(harmony_playlist_syncs_total{result="synced"})"), "2");
  EXPECT_EQ(metric_value(metrics, "harmony_playlist_items_queued_total"), "3");
}

TEST(PlaylistSync, ASigkillAfterASyncRecordedOrWhileOneFetchesLeavesNoPartialItemOrDuplicateJob) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  PlaylistHub p(/*kill_after_first_list=*/true);
  const std::string id = spotify_id("Whole", 1);
  const fs::path m3u = p.hub.folders.music / "Playlists" / "Kept Whole.m3u8";
  p.spotify().add_playlist(
      {id, "Kept Whole", p.spotify().options().user.id, {p.track(1), p.track(2)}});
  // Slow answers keep the first sync (and its kill) well after the follow's reply.
  p.spotify().set_api_latency(200ms);
  (void)p.post("/api/v1/playlists", {{"playlist", id}});
  auto& process = *p.hub.s->harmonyd.process;
  ASSERT_EQ(process.wait_for_exit(20s), 128 + SIGKILL)
      << "killed right after the first sync renamed its list into place\n"
      << p.hub.output();
  p.spotify().set_api_latency(0ms);
  p.restart_after_kill();

  // Killed after the items were recorded: both are there, each with its own download.
  const auto recorded_whole = [&](std::size_t count) {
    const json detail = p.playlist(id);
    const json jobs = p.hub.jobs();
    EXPECT_EQ(detail["items"].size(), count) << detail.dump(2);
    EXPECT_EQ(jobs.size(), count) << jobs.dump(2);
    std::set<std::int64_t> linked;
    for (const auto& item : detail["items"]) {
      EXPECT_EQ(item["decision"], "queued") << item.dump();
      ASSERT_TRUE(item["job_id"].is_number()) << item.dump();
      linked.insert(item["job_id"].get<std::int64_t>());
    }
    std::set<std::int64_t> job_ids;
    for (const auto& job : jobs) {
      job_ids.insert(job["id"].get<std::int64_t>());
      EXPECT_EQ(job["request"]["source"], "playlist");
    }
    EXPECT_EQ(linked, job_ids) << "every item has its job and every job its item";
  };
  recorded_whole(2);
  EXPECT_EQ(lines_of(m3u), std::vector<std::string>{"#EXTM3U"}) << "nothing filed at the kill";
  std::vector<std::string> listed;
  for (const auto& entry : fs::directory_iterator(m3u.parent_path())) {
    listed.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(listed, std::vector<std::string>{"Kept Whole.m3u8"}) << "no temp file left";

  // Two more items; harmonyd is killed while the sync waits for Spotify's answer.
  p.spotify().set_playlist_tracks(id, {p.track(1), p.track(2), p.track(3), p.track(4)});
  p.spotify().set_api_latency(2s);
  const std::size_t asked = p.item_requests(id);
  ASSERT_EQ(p.post("/api/v1/sync", json::object())->status, 202);
  ASSERT_TRUE(eventually([&] { return p.item_requests(id) > asked; }, 10s)) << p.hub.output();
  p.hub.s->harmonyd.process->signal(SIGKILL);
  ASSERT_EQ(p.hub.s->harmonyd.process->wait_for_exit(10s), 128 + SIGKILL);
  p.spotify().set_api_latency(0ms);
  p.restart_after_kill();
  recorded_whole(2);

  // The next sync queues the two missing items exactly once.
  ASSERT_TRUE(p.sync_all()) << p.hub.output();
  recorded_whole(4);
  EXPECT_EQ(isrcs_of(p.hub.jobs()), (std::multiset<std::string>{"QZLCA2600001", "QZLCA2600002",
                                                                "QZLCA2600003", "QZLCA2600004"}));
  ASSERT_TRUE(p.all_done(4)) << p.hub.jobs().dump(2) << p.hub.output();
  std::map<std::string, fs::path> filed;
  for (const auto& job : p.hub.jobs()) {
    filed[job["request"]["isrc"].get<std::string>()] = job["final_path"].get<std::string>();
  }
  std::vector<std::string> expected{"#EXTM3U"};
  for (int n = 1; n <= 4; ++n) {
    expected.push_back(fmt::format("#EXTINF:3,{} - Night Road {}", k_artist_name, n));
    expected.push_back(fs::path(filed[fmt::format("QZLCA260000{}", n)])
                           .lexically_relative(m3u.parent_path())
                           .generic_string());
  }
  EXPECT_TRUE(eventually([&] { return lines_of(m3u) == expected; }, 10s))
      << fmt::format("{}", fmt::join(lines_of(m3u), "\n"));
}

TEST(PlaylistSync, AnImportAndTwoSyncsAreCountedByOutcomeInTheMetricsAndTheActivityFeed) {
  HARMONY_REQUIRE(fakes::audio_tools_available(), k_tools);
  PlaylistHub p;
  // A track no peer shares: its download stays unfinished.
  SpotifyStandIn::Album far;
  far.id = spotify_id("LcFar", 1);
  far.name = "Far Lights";
  far.artist_id = p.artist;
  far.tracks.push_back({spotify_id("LcFarTrk", 1), "Far Light", 1, 1, 3000, "QZLCA2600009"});
  p.spotify().add_album(far);
  const std::string unshared = far.tracks[0].id;

  // The import: track 4 (filed into the library) and the unshared track.
  auto imported = p.post("/api/v1/imports",
                         {{"text", "spotify:track:" + p.track(4) +
                                       "\nhttps://open.spotify.com/track/" + unshared + "\n"}});
  ASSERT_TRUE(imported);
  ASSERT_EQ(imported->status, 202) << imported->body;
  const auto import_id = json::parse(imported->body)["id"].get<std::int64_t>();
  std::int64_t filed_job = 0;
  ASSERT_TRUE(eventually(
      [&] {
        for (const auto& job : p.hub.jobs()) {
          if (job["request"]["isrc"] == "QZLCA2600004" && job["state"] == "done") {
            filed_job = job["id"].get<std::int64_t>();
          }
        }
        return filed_job != 0;
      },
      30s, 100ms))
      << p.hub.jobs().dump(2);
  std::string metrics = p.metrics();
  for (const auto& [series, value] : std::vector<std::pair<std::string, std::string>>{
           {"harmony_import_lines_total", "2"},
           {"harmony_import_matched_total", "2"},
           {R"(harmony_import_items_total{outcome="queued"})", "2"},
           {R"(harmony_import_items_total{outcome="duplicate"})", "0"},
           {"harmony_playlist_items_queued_total", "0"}}) {
    EXPECT_EQ(metric_value(metrics, series), value) << series << "\n" << metrics;
  }
  const json imports = p.activity("import_done");
  ASSERT_EQ(imports.size(), 1u);
  EXPECT_EQ(imports[0]["message"],
            fmt::format("import {}: 2 items, 2 queued, 0 duplicates, 0 in the library, 0 "
                        "invalid, 0 refused, 0 failed (2 lines, 2 matched on Spotify)",
                        import_id));

  // A playlist of two new tracks, the filed one and the one already requested.
  const std::string id = spotify_id("Counted", 1);
  p.spotify().add_playlist({id,
                            "Counted",
                            p.spotify().options().user.id,
                            {p.track(1), p.track(2), p.track(4), unshared}});
  ASSERT_EQ(p.post("/api/v1/playlists", {{"playlist", id}})->status, 201);
  ASSERT_TRUE(eventually([&] { return p.syncs() == 1; }, 20s)) << p.hub.output();
  metrics = p.metrics();
  for (const auto& [series, value] : std::vector<std::pair<std::string, std::string>>{
           {"harmony_playlists_followed", "1"},
           {R"(harmony_playlist_syncs_total{result="synced"})", "1"},
           {R"(harmony_playlist_syncs_total{result="rate_limited"})", "0"},
           {"harmony_playlist_items_seen_total", "4"},
           {"harmony_playlist_items_queued_total", "2"},
           {R"(harmony_playlist_items_skipped_total{reason="duplicate"})", "1"},
           {R"(harmony_playlist_items_skipped_total{reason="in_library"})", "1"},
           {R"(harmony_playlist_items_skipped_total{reason="skipped"})", "0"},
           {R"(harmony_import_items_total{outcome="queued"})", "2"}}) {
    EXPECT_EQ(metric_value(metrics, series), value) << series << "\n" << metrics;
  }
  EXPECT_EQ(p.activity("playlist_synced")[0]["message"],
            "Counted: 4 items, 4 new, 2 queued, 1 already requested, 1 in the library, 0 "
            "skipped, 0 removed on Spotify");
  EXPECT_EQ(p.activity("playlist_followed").size(), 1u);
  EXPECT_EQ(p.hub.jobs().size(), 4u) << "two from the import, two from the playlist";

  // The second sync: one added, one removed.
  p.spotify().set_playlist_tracks(id, {p.track(1), p.track(2), p.track(3), p.track(4)});
  ASSERT_TRUE(p.sync_all()) << p.hub.output();
  metrics = p.metrics();
  EXPECT_EQ(metric_value(metrics, R"(harmony_playlist_syncs_total{result="synced"})"), "2");
  EXPECT_EQ(metric_value(metrics, "harmony_playlist_items_seen_total"), "5");
  EXPECT_EQ(metric_value(metrics, "harmony_playlist_items_queued_total"), "3");
  EXPECT_EQ(p.activity("playlist_synced")[0]["message"],
            "Counted: 4 items, 1 new, 1 queued, 0 already requested, 0 in the library, 0 "
            "skipped, 1 removed on Spotify");
}

}  // namespace harmony::testing
