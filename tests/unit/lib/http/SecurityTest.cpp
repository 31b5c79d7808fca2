#include <gtest/gtest.h>

#include "fakes/FakeClock.hpp"
#include "http/Router.hpp"
#include "http/Security.hpp"

namespace harmony::http {
namespace {

struct Fixture {
  std::shared_ptr<SecurityPolicy> policy = std::make_shared<SecurityPolicy>();
  fakes::FakeClock clock;
  Router router;

  Fixture() {
    PolicySource source = [this] { return std::shared_ptr<const SecurityPolicy>(policy); };
    router.use(request_id_middleware());
    router.use(cors_middleware(source));
    router.use(cross_origin_write_middleware(source));
    router.use(rate_limit_middleware(std::make_shared<RateLimiter>(clock), source));
    router.use(auth_middleware(source, [](const Request& request) {
      return request.header("Cookie") == "session=good" ? AuthOutcome::allowed
             : request.header("Cookie")                 ? AuthOutcome::invalid
                                                        : AuthOutcome::missing;
    }));
    router.add({"GET", "/open", [](const Request&) { return Response::json(200, {}); },
                Access::open, false});
    router.add({"GET", "/guarded", [](const Request&) { return Response::json(200, {}); }});
    router.add({"POST", "/guarded", [](const Request&) { return Response::json(202, {}); }});
    router.add({"GET", "/guarded/{id}", [](const Request&) { return Response::json(200, {}); }});
  }

  Response call(const std::string& path, Headers headers = {}, const std::string& method = "GET") {
    Request request;
    request.method = method;
    request.path = path;
    request.headers = std::move(headers);
    request.remote_addr = "10.0.0.1";
    return router.dispatch(request);
  }
};

TEST(Auth, OpenWhenNoKeysAreConfigured) {
  Fixture f;
  EXPECT_EQ(f.call("/guarded").status, 200);
}

TEST(Auth, MissingKeyIs401WithWwwAuthenticate) {
  Fixture f;
  f.policy->api_keys = {"k1"};
  const Response response = f.call("/guarded");
  EXPECT_EQ(response.status, 401);
  EXPECT_TRUE(response.header("WWW-Authenticate").has_value());
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "AUTH_REQUIRED");
}

TEST(Auth, WrongKeyIs403AndRightKeyPassesByHeaderOrBearer) {
  Fixture f;
  f.policy->api_keys = {"k0", "k1"};
  EXPECT_EQ(f.call("/guarded", {{"X-API-Key", "k2"}}).status, 403);
  EXPECT_EQ(f.call("/guarded", {{"X-API-Key", "k1"}}).status, 200);
  EXPECT_EQ(f.call("/guarded", {{"Authorization", "Bearer k1"}}).status, 200);
  EXPECT_EQ(f.call("/guarded", {{"Authorization", "Bearer k1x"}}).status, 403);
}

TEST(Auth, OpenRoutesAndAllowlistedPrefixesNeedNoKey) {
  Fixture f;
  f.policy->api_keys = {"k1"};
  f.policy->auth_allowlist = {"/guarded"};
  EXPECT_EQ(f.call("/open").status, 200);
  EXPECT_EQ(f.call("/guarded").status, 200);
  EXPECT_EQ(f.call("/guarded/7").status, 200);
}

TEST(Auth, AllowlistEntriesMatchWholePathSegmentsNotStringPrefixes) {
  Fixture f;
  f.policy->api_keys = {"k1"};
  f.policy->auth_allowlist = {"/guar", "/guarded/"};
  EXPECT_EQ(f.call("/guarded/7").status, 200);
  f.policy->auth_allowlist = {"/guar", "/guarded/7x"};
  EXPECT_EQ(f.call("/guarded").status, 401);
  EXPECT_EQ(f.call("/guarded/7").status, 401);
  EXPECT_TRUE(allowlisted({"/"}, "/anything"));
  EXPECT_FALSE(allowlisted({""}, "/anything"));
}

TEST(Auth, AnExtraAuthenticatorIsAskedOnlyWhenNoKeyIsPresented) {
  Fixture f;
  f.policy->api_keys = {"k1"};
  EXPECT_EQ(f.call("/guarded", {{"Cookie", "session=good"}}).status, 200);
  EXPECT_EQ(f.call("/guarded", {{"Cookie", "session=stale"}}).status, 403);
  EXPECT_EQ(f.call("/guarded", {{"Cookie", "session=good"}, {"X-API-Key", "bad"}}).status, 403);
  EXPECT_EQ(f.call("/guarded").status, 401);
}

TEST(Auth, ABearerSchemeWithBytesAbove0x7fIsNotAKey) {
  Fixture f;
  f.policy->api_keys = {"k1"};
  EXPECT_EQ(f.call("/guarded", {{"Authorization",
                                 "\xc2\xa0"
                                 "earer k1"}})
                .status,
            401);
  EXPECT_EQ(f.call("/guarded", {{"Authorization", "bEaReR k1"}}).status, 200);
}

TEST(CrossOrigin, AWriteFromAnotherOriginIsRefusedWithoutAnyKeyConfigured) {
  Fixture f;
  const Headers evil{
      {"Origin", "http://evil.example"}, {"Host", "10.0.0.5:8080"}, {"Content-Type", "text/plain"}};
  const Response response = f.call("/guarded", evil, "POST");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "CROSS_ORIGIN_REFUSED");
  EXPECT_FALSE(response.header("Access-Control-Allow-Origin").has_value());
  EXPECT_EQ(f.call("/guarded", evil, "GET").status, 200) << "reads stay readable (CORS hides them)";
}

TEST(CrossOrigin, SameOriginListedOriginsAndNonBrowserClientsMayWrite) {
  Fixture f;
  EXPECT_EQ(
      f.call("/guarded", {{"Origin", "http://10.0.0.5:8080"}, {"Host", "10.0.0.5:8080"}}, "POST")
          .status,
      202);
  EXPECT_EQ(f.call("/guarded", {{"Host", "10.0.0.5:8080"}}, "POST").status, 202);
  f.policy->allowed_origins = {"http://ui.example"};
  EXPECT_EQ(f.call("/guarded", {{"Origin", "http://ui.example"}, {"Host", "10.0.0.5:8080"}}, "POST")
                .status,
            202);
  EXPECT_EQ(f.call("/guarded", {{"Origin", "null"}, {"Host", "10.0.0.5:8080"}}, "POST").status,
            403);
}

TEST(Auth, ConstantTimeContainsComparesWholeKeys) {
  EXPECT_TRUE(constant_time_contains({"abc", "def"}, "def"));
  EXPECT_FALSE(constant_time_contains({"abc"}, "ab"));
  EXPECT_FALSE(constant_time_contains({"abc"}, "abcd"));
  EXPECT_FALSE(constant_time_contains({}, ""));
}

TEST(RequestId, EchoesAWellFormedIdAndReplacesABadOne) {
  Fixture f;
  EXPECT_EQ(f.call("/open", {{"X-Request-ID", "abc-123"}}).header("X-Request-ID"), "abc-123");
  const auto generated = f.call("/open", {{"X-Request-ID", "bad id\r\n"}}).header("X-Request-ID");
  ASSERT_TRUE(generated.has_value());
  EXPECT_EQ(generated->size(), 32U);
  EXPECT_NE(f.call("/open").header("X-Request-ID"), generated);
}

TEST(Cors, WildcardAllowsAnyOrigin) {
  Fixture f;
  f.policy->allowed_origins = {"*"};
  EXPECT_EQ(f.call("/open", {{"Origin", "http://x"}}).header("Access-Control-Allow-Origin"), "*");
}

TEST(Cors, ListedOriginIsEchoedOthersGetNothing) {
  Fixture f;
  f.policy->allowed_origins = {"http://good"};
  EXPECT_EQ(f.call("/open", {{"Origin", "http://good"}}).header("Access-Control-Allow-Origin"),
            "http://good");
  EXPECT_FALSE(f.call("/open", {{"Origin", "http://evil"}})
                   .header("Access-Control-Allow-Origin")
                   .has_value());
}

TEST(Cors, PreflightIsAnsweredWithoutAKey) {
  Fixture f;
  f.policy->api_keys = {"k1"};
  f.policy->allowed_origins = {"*"};
  const Response response = f.call(
      "/guarded", {{"Origin", "http://x"}, {"Access-Control-Request-Method", "GET"}}, "OPTIONS");
  EXPECT_EQ(response.status, 204);
  EXPECT_TRUE(response.header("Access-Control-Allow-Methods").has_value());
}

TEST(RateLimit, ExhaustedBucketIs429WithRetryAfterAndRefills) {
  Fixture f;
  f.policy->rate_limit = {true, 2, 1};
  EXPECT_EQ(f.call("/guarded").status, 200);
  EXPECT_EQ(f.call("/guarded").status, 200);
  const Response limited = f.call("/guarded");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.header("Retry-After"), "1");
  EXPECT_EQ(nlohmann::json::parse(limited.body)["error"]["code"], "RATE_LIMITED");
  EXPECT_EQ(f.call("/open").status, 200);  // probes are exempt
  f.clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(f.call("/guarded").status, 200);
}

}  // namespace
}  // namespace harmony::http
