// The dead-letter workflow through the daemon: jobs that fail permanently against the slskd
// stand-in are counted by reason, two are requeued and run again, the third is purged.
#include <gtest/gtest.h>

#include "HubFixture.hpp"
#include "Peers.hpp"
#include "fakes/AudioFiles.hpp"
#include "support/Require.hpp"

using namespace harmony;
using namespace harmony::testing;

TEST(HarmonydDeadLetters, ThreePermanentFailuresAreCountedRequeuedAndPurged) {
  HARMONY_REQUIRE(fakes::audio_tools_available(),
                  "sox, flac and lame (scripts/packages.d/test-downloads.txt)");
  Hub hub;  // nobody shares anything yet: every search ends empty
  hub.start({{"DOWNLOAD_MAX_ATTEMPTS", "1"}, {"DOWNLOAD_POLL_INTERVAL", "20ms"}});
  const auto let_it_be = hub.request(let_it_be_request());
  const auto demo = hub.request({{"artist", "Nobody"}, {"title", "Unreleased Demo"}});
  const auto outtake = hub.request({{"artist", "Nobody"}, {"title", "Lost Outtake"}});
  for (const auto id : {let_it_be, demo, outtake}) {
    ASSERT_EQ(hub.wait_for_state(id, "dead_letter").value("state", ""), "dead_letter");
  }

  auto stats = hub.call("GET", "/api/v1/dlq/stats");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.json["total"], 3);
  EXPECT_EQ(stats.json["last_24h"], 3);
  EXPECT_EQ(stats.json["by_reason"]["no_match"], 3) << stats.body;
  EXPECT_EQ(stats.json["by_reason"]["candidates_failed"], 0);
  const auto listed = hub.call("GET", "/api/v1/dlq?reason=no_match&limit=2");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json["items"].size(), 2U);
  EXPECT_FALSE(listed.json["next_cursor"].is_null());

  // Someone now shares Let It Be: requeued, it runs to done; the demo searches again and
  // ends in the list once more.
  ASSERT_TRUE(add_three_peers(hub.standin()));
  const auto searches_before = hub.standin().search_posts().size();
  const auto requeued =
      hub.call("POST", "/api/v1/dlq/requeue", nlohmann::json{{"ids", {let_it_be, demo}}}.dump());
  ASSERT_EQ(requeued.status, 200) << requeued.body;
  EXPECT_EQ(requeued.json["requeued"], (nlohmann::json{let_it_be, demo}));
  EXPECT_TRUE(requeued.json["refused"].empty());
  EXPECT_EQ(hub.wait_for_state(let_it_be, "done").value("state", ""), "done");
  EXPECT_EQ(hub.wait_for_state(demo, "dead_letter").value("state", ""), "dead_letter");
  EXPECT_EQ(hub.standin().search_posts().size(), searches_before + 2);
  EXPECT_EQ(Hub::files_below(hub.music()).size(), 1U);

  const auto purged =
      hub.call("POST", "/api/v1/dlq/purge", nlohmann::json{{"ids", {outtake}}}.dump());
  ASSERT_EQ(purged.status, 200) << purged.body;
  EXPECT_EQ(purged.json["purged"], 1);
  EXPECT_EQ(hub.call("GET", "/api/v1/downloads/" + std::to_string(outtake)).status, 404);
  stats = hub.call("GET", "/api/v1/dlq/stats");
  EXPECT_EQ(stats.json["total"], 1) << "only the demo is left";
  // The export and the older DELETE still work.
  const auto exported = hub.call("GET", "/api/v1/dlq/export");
  EXPECT_EQ(std::count(exported.body.begin(), exported.body.end(), '\n'), 1);
  EXPECT_EQ(hub.call("DELETE", "/api/v1/dlq").json["purged"], 1);
}
