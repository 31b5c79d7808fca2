#include "integrations/spotify/WebApi.hpp"

#include <gtest/gtest.h>

#include "fakes/FakeClock.hpp"
#include "fakes/FakeHttpTransport.hpp"
#include "integrations/spotify/Failure.hpp"

using namespace harmony;
using namespace harmony::harmonyd;
using namespace harmony::harmonyd::spotify;

namespace {

constexpr const char* k_base = "https://api.test/v1";

// Hands out "token-N"; a rejection moves to the next number.
class CountingTokens final : public TokenSource {
 public:
  Result<log::Secret> access_token() override { return log::Secret(name()); }
  Result<log::Secret> refresh_after_rejection(const log::Secret&) override {
    ++refreshes;
    return log::Secret(name());
  }
  std::string name() const { return "token-" + std::to_string(refreshes); }
  int refreshes = 0;
};

struct WebApiTest : ::testing::Test {
  fakes::FakeClock clock;
  fakes::FakeHttpTransport transport{k_base};
  GateOptions gate_options = [] {
    GateOptions options;
    options.max_wait = std::chrono::milliseconds(0);
    return options;
  }();
  RateGate gate{clock, gate_options, 5};
  std::vector<std::chrono::milliseconds> slept;
  metrics::Registry registry;
  WebApi api{{k_base}, transport, gate, &registry, [this](std::chrono::milliseconds d) {
               slept.push_back(d);
             }};
  CountingTokens tokens;
};

}  // namespace

TEST_F(WebApiTest, LatchesOnA429AndSendsNothingUntilRetryAfterPassed) {
  transport.script_reply("GET /artists/a",
                         {429, R"({"error":{"status":429}})", false, {{"retry-after", "3"}}});
  const auto first = api.get("/artists/{id}", "/artists/a", tokens);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(failure_of(first.error()), Failure::rate_limited);
  EXPECT_EQ(transport.calls().size(), 1u);
  // Other callers are refused without a request while the latch holds.
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(api.get("/search", "/search?q=x", tokens).ok());
  }
  EXPECT_EQ(transport.calls().size(), 1u);
  EXPECT_GE(gate.retry_after_seconds(), 3);
  clock.advance(std::chrono::seconds(4));
  transport.script("GET /search?q=x", 200, R"({"ok":true})");
  EXPECT_TRUE(api.get("/search", "/search?q=x", tokens).ok());
  EXPECT_NE(registry.render().find(
                R"(harmony_spotify_requests_total{endpoint="/artists/{id}",status="429"} 1)"),
            std::string::npos);
}

TEST_F(WebApiTest, Retries5xxWithGrowingJitteredBackoffThenSucceeds) {
  transport.script("GET /albums/b", 502, "");
  transport.script("GET /albums/b", 503, "");
  transport.script("GET /albums/b", 200, R"({"id":"b"})");
  const auto body = api.get("/albums/{id}", "/albums/b", tokens);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["id"], "b");
  ASSERT_EQ(slept.size(), 2u);
  EXPECT_GE(slept[0].count(), 175);
  EXPECT_LE(slept[0].count(), 325);
  EXPECT_GT(slept[1], slept[0]);
}

TEST_F(WebApiTest, GivesUpOn5xxAfterTheRetryBudget) {
  transport.script("GET /albums/b", 500, "");
  const auto body = api.get("/albums/{id}", "/albums/b", tokens);
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(failure_of(body.error()), Failure::upstream);
  EXPECT_EQ(transport.calls().size(), 4u);
}

TEST_F(WebApiTest, RefreshesTheTokenOnceAfterA401) {
  transport.script("GET /me", 401,
                   R"({"error":{"status":401,"message":"The access token expired"}})");
  transport.script("GET /me", 200, R"({"id":"u"})");
  ASSERT_TRUE(api.get("/me", "/me", tokens).ok());
  EXPECT_EQ(tokens.refreshes, 1);
  const auto calls = transport.calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1].headers[0].second, "Bearer token-1");
}

TEST_F(WebApiTest, StopsAfterA401ForTheFreshTokenToo) {
  transport.script("GET /me", 401, R"({"error":{"status":401,"message":"Invalid access token"}})");
  const auto body = api.get("/me", "/me", tokens);
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(failure_of(body.error()), Failure::unauthenticated);
  EXPECT_EQ(tokens.refreshes, 1);
}

TEST_F(WebApiTest, ExplainsA403InWords) {
  transport.script("GET /artists/a", 403,
                   R"({"error":{"status":403,"message":"Active premium subscription required"}})");
  const auto body = api.get("/artists/{id}", "/artists/a", tokens);
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(failure_of(body.error()), Failure::forbidden);
  EXPECT_NE(body.error().message.find("Premium"), std::string::npos);
  EXPECT_NE(body.error().message.find("User Management"), std::string::npos);
  EXPECT_NE(body.error().message.find("Active premium subscription required"), std::string::npos);
}

TEST_F(WebApiTest, RefusesAnAnswerThatIsNotJson) {
  transport.script("GET /artists/a", 200, "<html>proxy</html>");
  const auto body = api.get("/artists/{id}", "/artists/a", tokens);
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(failure_of(body.error()), Failure::bad_reply);
}
