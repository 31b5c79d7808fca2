#include <httplib.h>

#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "fakes/AudioFiles.hpp"
#include "fakes/SlskdStandIn.hpp"
#include "integrations/slskd/ClientHttpTransport.hpp"
#include "integrations/slskd/HttpSlskdClient.hpp"
#include "support/Process.hpp"
#include "support/Require.hpp"

using namespace harmony;
using namespace harmony::harmonyd::slskd;
using fakes::SlskdStandIn;
namespace fs = std::filesystem;

namespace {

template <typename Predicate>
bool eventually(Predicate predicate,
                std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (predicate()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return predicate();
}

struct StandInTest : ::testing::Test {
  harmony::testing::TempDir downloads;
  ClientHttpTransport transport;

  SlskdOptions options(const SlskdStandIn& standin) {
    return SlskdOptions{standin.url(), log::Secret(standin.api_key())};
  }
};

}  // namespace

TEST_F(StandInTest, RunsTheWholeSearchAndDownloadLifecycle) {
  HARMONY_REQUIRE(fakes::audio_tools_available(),
                  "sox, flac and lame (scripts/packages.d/test-downloads.txt)");
  SlskdStandIn standin({.downloads_dir = downloads.path()});
  ASSERT_TRUE(standin.add({.username = "peer", .filename = "@@m\\Band\\Album\\01 - Song.flac"}));
  HttpSlskdClient client(options(standin), transport);

  EXPECT_EQ(client.version().value(), "0.26.0");
  EXPECT_TRUE(client.logged_in().value());
  ASSERT_TRUE(client.start_search("s-1", "band song", std::chrono::seconds(5)).ok());
  // Responses exist only after completion: before it, the list is empty.
  EXPECT_TRUE(client.search_responses("s-1").value().empty());
  ASSERT_TRUE(eventually([&] { return client.search_status("s-1").value().is_complete; }));
  const auto responses = client.search_responses("s-1");
  ASSERT_TRUE(responses.ok()) << responses.error().message;
  ASSERT_EQ(responses->size(), 1u);
  const SearchFile file = responses->front().files.at(0);
  EXPECT_FALSE(file.bit_rate.has_value());  // null in the answer
  ASSERT_TRUE(client.delete_search("s-1").ok());
  EXPECT_EQ(client.search_status("s-1").error().kind, ErrorKind::not_found);

  const auto queued = client.enqueue("peer", file);
  ASSERT_TRUE(queued.ok()) << queued.error().message;
  ASSERT_TRUE(
      eventually([&] { return client.transfer("peer", queued->id).value().state.succeeded(); }));
  const fs::path arrived = fs::path(downloads.path()) / "Album" / "01 - Song.flac";
  ASSERT_TRUE(fs::exists(arrived));
  EXPECT_EQ(static_cast<std::int64_t>(fs::file_size(arrived)), file.size);
}

TEST_F(StandInTest, UsesTheLegacyEnqueueEndpointBefore026AndSeesErroredTransfers) {
  HARMONY_REQUIRE(fakes::audio_tools_available(),
                  "sox, flac and lame (scripts/packages.d/test-downloads.txt)");
  SlskdStandIn standin({.downloads_dir = downloads.path(), .version = "0.25.1"});
  ASSERT_TRUE(standin.add({.username = "bad peer",
                           .filename = "@@m\\A\\x.flac",
                           .outcome = SlskdStandIn::Outcome::error}));
  HttpSlskdClient client(options(standin), transport);
  const auto queued =
      client.enqueue("bad peer", SearchFile{"@@m\\A\\x.flac", 1, "", {}, {}, {}, {}, {}});
  ASSERT_TRUE(queued.ok()) << queued.error().message;
  ASSERT_TRUE(
      eventually([&] { return client.transfer("bad peer", queued->id).value().state.failed(); }));
  EXPECT_EQ(client.transfer("bad peer", queued->id).value().state.text(), "Completed, Errored");
}

TEST_F(StandInTest, AnswersASecondConcurrentSearchPostWith429) {
  SlskdStandIn standin(
      {.downloads_dir = downloads.path(), .post_latency = std::chrono::milliseconds(200)});
  // Two clients do not share the client-side lock, so the stand-in sees the overlap.
  HttpSlskdClient first(options(standin), transport);
  HttpSlskdClient second(options(standin), transport);
  Result<void> a, b;
  std::thread t1([&] { a = first.start_search("a", "one two", std::chrono::seconds(1)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the first POST get in first
  b = second.start_search("b", "three four", std::chrono::seconds(1));
  t1.join();
  EXPECT_TRUE(a.ok());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().native_code, k_busy);
  EXPECT_EQ(standin.concurrent_post_overlaps(), 1);
}

TEST_F(StandInTest, RejectsAWrongApiKeyWithoutEchoingIt) {
  SlskdStandIn standin({.downloads_dir = downloads.path()});
  HttpSlskdClient client(SlskdOptions{standin.url(), log::Secret("wrong-key-wrong-key")},
                         transport);
  const auto ready = client.logged_in();
  ASSERT_FALSE(ready.ok());
  EXPECT_EQ(ready.error().kind, ErrorKind::config);
  EXPECT_EQ(ready.error().message.find("wrong-key"), std::string::npos);
}

TEST_F(StandInTest, RefusesATenMegabyteAnswerAndNonJson) {
  httplib::Server server;
  const std::string huge(10u << 20, ' ');
  server.Get("/api/v0/searches/big/responses",
             [&](const httplib::Request&, httplib::Response& res) {
               res.set_content("[" + huge + "]", "application/json");
             });
  server.Get("/api/v0/application", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("<html>502 Bad Gateway</html>", "text/html");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread thread([&] { server.listen_after_bind(); });
  while (!server.is_running()) {
    std::this_thread::yield();
  }
  HttpSlskdClient client(SlskdOptions{"http://127.0.0.1:" + std::to_string(port), log::Secret("k")},
                         transport);
  const auto big = client.search_responses("big");
  const auto html = client.logged_in();
  server.stop();
  thread.join();
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().kind, ErrorKind::invalid);
  EXPECT_NE(big.error().message.find("more than"), std::string::npos);
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.error().message.find("not JSON"), std::string::npos);
}

TEST_F(StandInTest, ForgetsTransfersAfterRetention) {
  HARMONY_REQUIRE(fakes::audio_tools_available(),
                  "sox, flac and lame (scripts/packages.d/test-downloads.txt)");
  SlskdStandIn standin(
      {.downloads_dir = downloads.path(), .transfer_retention = std::chrono::milliseconds(100)});
  ASSERT_TRUE(standin.add({.username = "p", .filename = "@@m\\A\\y.flac"}));
  HttpSlskdClient client(options(standin), transport);
  const auto queued = client.enqueue("p", SearchFile{"@@m\\A\\y.flac", 1, "", {}, {}, {}, {}, {}});
  ASSERT_TRUE(queued.ok());
  ASSERT_TRUE(eventually([&] {
    const auto t = client.transfer("p", queued->id);
    return !t.ok() && t.error().kind == ErrorKind::not_found;
  }));
}
