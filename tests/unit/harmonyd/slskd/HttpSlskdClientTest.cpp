#include "integrations/slskd/HttpSlskdClient.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fakes/FakeHttpTransport.hpp"

using namespace harmony;
using namespace harmony::harmonyd::slskd;

namespace {

constexpr const char* k_base = "http://slskd.test:5030";
constexpr const char* k_key = "0123456789abcdef-secret";

struct ClientTest : ::testing::Test {
  fakes::FakeHttpTransport transport{k_base};
  HttpSlskdClient client{SlskdOptions{std::string(k_base) + "/", log::Secret(k_key)}, transport};
};

std::string header(const HttpCall& call, const std::string& name) {
  for (const auto& [key, value] : call.headers) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

}  // namespace

TEST_F(ClientTest, StartsASearchWithOurIdAndTheApiKey) {
  transport.script("POST /api/v0/searches", 200, R"({"id":"abc","state":"Requested"})");
  ASSERT_TRUE(client.start_search("abc", "beatles let it be", std::chrono::seconds(15)).ok());
  const auto calls = transport.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(header(calls[0], "X-API-Key"), k_key);
  const auto body = nlohmann::json::parse(calls[0].body);
  EXPECT_EQ(body["id"], "abc");
  EXPECT_EQ(body["searchText"], "beatles let it be");
  EXPECT_EQ(body["searchTimeout"], 15000);
}

TEST_F(ClientTest, ReportsA429AsBusyAndA404AsNotFound) {
  transport.script("POST /api/v0/searches", 429, "Only one concurrent operation is permitted");
  const auto busy = client.start_search("x", "y", std::chrono::seconds(5));
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().native_code, k_busy);
  const auto gone = client.search_status("missing");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().kind, ErrorKind::not_found);
}

TEST_F(ClientTest, ReadsSearchStateAsFlags) {
  transport.script("GET /api/v0/searches/abc?includeResponses=false", 200,
                   R"({"id":"abc","state":"InProgress","isComplete":false,"responseCount":2})");
  transport.script("GET /api/v0/searches/abc?includeResponses=false", 200,
                   R"({"id":"abc","state":"Completed, TimedOut","responseCount":3})");
  auto first = client.search_status("abc");
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->is_complete);
  auto second = client.search_status("abc");
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->is_complete);
  EXPECT_EQ(second->response_count, 3);
}

TEST_F(ClientTest, ReadsResponsesWithMissingBitrateAndLength) {
  transport.script("GET /api/v0/searches/abc/responses", 200, R"([
    {"username":"p1","hasFreeUploadSlot":true,"queueLength":3,"uploadSpeed":100,
     "files":[{"filename":"@@a\\B\\01.flac","size":123,"extension":"flac"},
              {"filename":"@@a\\B\\02.mp3","size":9,"bitRate":320,"length":200,"isVariableBitRate":false},
              {"size":1}]},
    {"files":[]},
    "garbage"])");
  const auto responses = client.search_responses("abc");
  ASSERT_TRUE(responses.ok()) << responses.error().message;
  ASSERT_EQ(responses->size(), 1u);
  const auto& peer = responses->front();
  EXPECT_EQ(peer.username, "p1");
  EXPECT_EQ(peer.queue_length, 3);
  ASSERT_EQ(peer.files.size(), 2u);
  EXPECT_FALSE(peer.files[0].bit_rate.has_value());
  EXPECT_FALSE(peer.files[0].length_s.has_value());
  EXPECT_EQ(peer.files[1].bit_rate, 320);
  EXPECT_EQ(peer.files[1].length_s, 200);
}

TEST_F(ClientTest, RefusesAnOversizedOrNonJsonAnswerClearly) {
  transport.script("GET /api/v0/searches/big/responses", 200, std::string(1000, '['), true);
  const auto big = client.search_responses("big");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().kind, ErrorKind::invalid);
  EXPECT_NE(big.error().message.find("more than"), std::string::npos);
  transport.script("GET /api/v0/searches/html/responses", 200, "<html>proxy error</html>");
  const auto html = client.search_responses("html");
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.error().message.find("not JSON"), std::string::npos);
}

TEST_F(ClientTest, NamesTheKeyButNeverShowsItWhenRefused) {
  transport.script("GET /api/v0/application", 401, "");
  const auto ready = client.logged_in();
  ASSERT_FALSE(ready.ok());
  EXPECT_EQ(ready.error().kind, ErrorKind::config);
  EXPECT_NE(ready.error().message.find("SLSKD_API_KEY"), std::string::npos);
  EXPECT_EQ(ready.error().message.find(k_key), std::string::npos);
}

TEST_F(ClientTest, ReadsReadinessFromServerIsLoggedIn) {
  transport.script("GET /api/v0/application", 200,
                   R"({"server":{"isConnected":true,"isLoggedIn":false}})");
  transport.script("GET /api/v0/application", 200,
                   R"({"server":{"isConnected":true,"isLoggedIn":true}})");
  EXPECT_FALSE(client.logged_in().value());
  EXPECT_TRUE(client.logged_in().value());
}

TEST_F(ClientTest, EnqueuesThroughTheBatchEndpointFrom026) {
  transport.script("GET /api/v0/application/version", 200, R"("0.26.0")");
  transport.script("POST /api/v0/transfers/downloads/batches", 201,
                   R"({"batch":{"id":"b1","transfers":[{"id":"t1","username":"peer one",
                       "filename":"@@a\\x.flac","size":5,"state":"Queued, Remotely"}]},"failures":[]})");
  SearchFile file;
  file.filename = "@@a\\x.flac";
  file.size = 5;
  const auto transfer = client.enqueue("peer one", file);
  ASSERT_TRUE(transfer.ok()) << transfer.error().message;
  EXPECT_EQ(transfer->id, "t1");
  EXPECT_TRUE(transfer->state.queued());
  const auto body = nlohmann::json::parse(transport.calls().back().body);
  EXPECT_EQ(body["username"], "peer one");
  EXPECT_EQ(body["files"][0]["filename"], "@@a\\x.flac");
  EXPECT_EQ(body["files"][0]["size"], 5);
}

TEST_F(ClientTest, EnqueuesThroughTheLegacyEndpointBefore026) {
  transport.script("GET /api/v0/application/version", 200, R"("0.25.1")");
  transport.script("POST /api/v0/transfers/downloads/peer%20one", 201,
                   R"({"enqueued":[{"id":"t9","state":"Requested"}],"failed":[]})");
  SearchFile file;
  file.filename = "@@a\\x.flac";
  file.size = 5;
  const auto transfer = client.enqueue("peer one", file);
  ASSERT_TRUE(transfer.ok()) << transfer.error().message;
  EXPECT_EQ(transfer->id, "t9");
  const auto body = nlohmann::json::parse(transport.calls().back().body);
  ASSERT_TRUE(body.is_array());
  EXPECT_EQ(body[0]["size"], 5);
}

TEST_F(ClientTest, ReportsABatchWhereEveryFileFailed) {
  transport.script("GET /api/v0/application/version", 200, R"("0.26.1")");
  transport.script(
      "POST /api/v0/transfers/downloads/batches", 200,
      R"({"batch":{"id":"b","transfers":[]},"failures":[{"filename":"x","message":"File not shared"}]})");
  const auto transfer = client.enqueue("p", SearchFile{"x", 1, "", {}, {}, {}, {}, {}});
  ASSERT_FALSE(transfer.ok());
  EXPECT_NE(transfer.error().message.find("File not shared"), std::string::npos);
}

TEST_F(ClientTest, ReadsATransferAndTreatsAGoneCancelAsDone) {
  transport.script(
      "GET /api/v0/transfers/downloads/p/t1", 200,
      R"({"id":"t1","state":"Completed, Errored","bytesTransferred":10,"exception":"Remote connection closed"})");
  const auto transfer = client.transfer("p", "t1");
  ASSERT_TRUE(transfer.ok());
  EXPECT_TRUE(transfer->state.failed());
  EXPECT_EQ(transfer->exception, "Remote connection closed");
  EXPECT_TRUE(client.cancel_transfer("p", "gone").ok());
  EXPECT_EQ(transport.calls().back().url,
            std::string(k_base) + "/api/v0/transfers/downloads/p/gone?remove=true");
}

TEST(VersionAtLeast, ComparesSemanticVersions) {
  EXPECT_TRUE(version_at_least("0.26.0", 0, 26, 0));
  EXPECT_TRUE(version_at_least("v0.27.1+abc", 0, 26, 0));
  EXPECT_TRUE(version_at_least("1.0.0", 0, 26, 0));
  EXPECT_FALSE(version_at_least("0.25.9", 0, 26, 0));
  EXPECT_FALSE(version_at_least("garbage", 0, 26, 0));
}
