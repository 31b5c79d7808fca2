// The /api/v1/oauth and /api/v1/spotify routes over the real router and pipeline, with Spotify
// faked (tests/fakes/FakeSpotify.hpp): content types, validation and the failure mapping.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "RoutedApi.hpp"
#include "integrations/spotify/Failure.hpp"

namespace harmony::harmonyd::api {
namespace {

using spotify::Failure;

struct Api : RoutedApi {
  http::Response call(std::string method, std::string path, std::string body = {},
                      std::string content_type = "application/json") {
    http::Request request;
    request.method = std::move(method);
    const auto question = path.find('?');
    request.path = path.substr(0, question);
    if (question != std::string::npos) {
      const std::string query = path.substr(question + 1);
      for (std::size_t at = 0; at <= query.size();) {
        const auto amp = std::min(query.find('&', at), query.size());
        const std::string pair = query.substr(at, amp - at);
        const auto equals = pair.find('=');
        request.query.emplace(pair.substr(0, equals), pair.substr(equals + 1));
        at = amp + 1;
      }
    }
    request.body = std::move(body);
    request.headers = {{"Content-Type", std::move(content_type)}};
    request.remote_addr = "192.0.2.7";
    return router.dispatch(request);
  }
  void fail(ErrorKind kind, Failure why) {
    services.spotify_service.failure = spotify::failure(kind, why, "because");
  }
};

nlohmann::json body_of(const http::Response& response) {
  return nlohmann::json::parse(response.body);
}

TEST(SpotifyRoutes, ManualCompletionTakesJsonOnlyAndPassesTheClientOn) {
  Api api;
  EXPECT_EQ(api.call("POST", "/api/v1/oauth/manual", "redirect_url=x", "text/plain").status, 415);
  EXPECT_EQ(api.call("POST", "/api/v1/oauth/manual", R"({"url":"x"})").status, 400);
  EXPECT_EQ(api.call("POST", "/api/v1/oauth/manual", "{not json").status, 400);
  const auto done = api.call("POST", "/api/v1/oauth/manual",
                             R"({"redirect_url":"http://127.0.0.1:8888/callback?code=c&state=s"})",
                             "application/json; charset=utf-8");
  EXPECT_EQ(done.status, 200);
  EXPECT_EQ(api.services.spotify_service.last_client, "192.0.2.7");
  EXPECT_EQ(api.services.spotify_service.last_redirect_url,
            "http://127.0.0.1:8888/callback?code=c&state=s");
}

TEST(SpotifyRoutes, OAuthFailuresAre400WithTheirErrorCode) {
  Api api;
  for (const auto& [why, code] :
       {std::pair{Failure::state_mismatch, "OAUTH_STATE_MISMATCH"},
        std::pair{Failure::code_expired, "OAUTH_CODE_EXPIRED"},
        std::pair{Failure::invalid_redirect, "OAUTH_INVALID_REDIRECT"},
        std::pair{Failure::access_denied, "OAUTH_ACCESS_DENIED"},
        std::pair{Failure::token_exchange_failed, "OAUTH_TOKEN_EXCHANGE_FAILED"}}) {
    api.fail(ErrorKind::invalid, why);
    const auto answer = api.call("POST", "/api/v1/oauth/manual", R"({"redirect_url":"x"})");
    EXPECT_EQ(answer.status, 400) << code;
    EXPECT_EQ(body_of(answer)["error_code"], code);
    EXPECT_EQ(body_of(answer)["error"]["code"], code);
  }
  api.fail(ErrorKind::invalid, Failure::manual_rate_limited);
  const auto limited = api.call("POST", "/api/v1/oauth/manual", R"({"redirect_url":"x"})");
  EXPECT_EQ(limited.status, 429);
  EXPECT_TRUE(limited.header("Retry-After").has_value());
}

TEST(SpotifyRoutes, RateLimitedAnswers503WithTheLatchsRetryAfter) {
  Api api;
  api.fail(ErrorKind::unavailable, Failure::rate_limited);
  api.services.spotify_service.retry_after = 17;
  const auto answer = api.call("GET", "/api/v1/spotify/search?q=abc&type=artist");
  EXPECT_EQ(answer.status, 503);
  EXPECT_EQ(answer.header("Retry-After"), "17");
  EXPECT_EQ(body_of(answer)["error"]["code"], "SPOTIFY_RATE_LIMITED");
}

TEST(SpotifyRoutes, SearchValidatesTypeTextAndTheTenResultCap) {
  Api api;
  EXPECT_EQ(api.call("GET", "/api/v1/spotify/search?q=abc&type=playlist").status, 400);
  EXPECT_EQ(api.call("GET", "/api/v1/spotify/search?type=artist").status, 400);
  const auto capped = api.call("GET", "/api/v1/spotify/search?q=abc&type=album&limit=11");
  EXPECT_EQ(capped.status, 400);
  EXPECT_NE(capped.body.find("at most 10"), std::string::npos);
  EXPECT_EQ(api.call("GET", "/api/v1/spotify/search?q=abc&type=album&limit=7&offset=20").status,
            200);
  EXPECT_EQ(api.services.spotify_service.last_search.limit, 7);
  EXPECT_EQ(api.services.spotify_service.last_search.offset, 20);
  EXPECT_EQ(api.services.spotify_service.last_search.type, "album");
}

TEST(SpotifyRoutes, NoUserIs409AndNotConfiguredIs503) {
  Api api;
  api.fail(ErrorKind::unavailable, Failure::unauthenticated);
  EXPECT_EQ(api.call("GET", "/api/v1/spotify/playlists/p/items").status, 409);
  api.fail(ErrorKind::unavailable, Failure::not_configured);
  EXPECT_EQ(api.call("GET", "/api/v1/oauth/start").status, 503);
  EXPECT_EQ(api.call("DELETE", "/api/v1/spotify/session").status, 503);
}

}  // namespace
}  // namespace harmony::harmonyd::api
