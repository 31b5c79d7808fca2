// Proves the auth guarantee over the real route table: with HARMONY_API_KEYS set, every route
// except the health-probe allowlist answers 401 without a key and never reaches its handler.
#include <gtest/gtest.h>

#include <set>

#include "RoutedApi.hpp"

namespace harmony::harmonyd::api {
namespace {

const std::set<std::string> k_allowlist = {"/live", "/api/health/live", "/api/health/ready",
                                           "/api/v1/health"};

struct Pipeline : RoutedApi {
  Pipeline() : RoutedApi({"k1"}) {
    // Every route is called three times from one client: more than one burst of the default
    // rate limit (which has its own tests), and a 429 would hide the auth answer.
    policy->rate_limit.enabled = false;
  }

  http::Response call(const http::Route& route, http::Headers headers = {}) {
    http::Request request;
    request.method = route.method;
    request.path = route.path;  // parameter segments match themselves
    request.headers = std::move(headers);
    request.remote_addr = "127.0.0.1";
    return router.dispatch(request);
  }
};

TEST(RouteTable, OnlyTheHealthProbesAreOpen) {
  Pipeline p;
  std::set<std::string> open;
  for (const http::Route& route : p.router.routes()) {
    if (route.access == http::Access::open) {
      open.insert(route.path);
    }
  }
  EXPECT_EQ(open, k_allowlist);
}

TEST(RouteTable, EveryOtherRouteIsGuardedWhenKeysAreSet) {
  Pipeline p;
  int guarded = 0;
  for (const http::Route& route : p.router.routes()) {
    if (k_allowlist.contains(route.path)) {
      continue;
    }
    ++guarded;
    const int before = p.services.calls;
    EXPECT_EQ(p.call(route).status, 401) << route.method << " " << route.path;
    EXPECT_EQ(p.call(route, {{"X-API-Key", "wrong"}}).status, 403) << route.path;
    EXPECT_EQ(p.services.calls, before) << "handler ran without a valid key: " << route.path;
    const int status = p.call(route, {{"X-API-Key", "k1"}}).status;
    EXPECT_NE(status, 401) << route.path;  // bodies and ids are not filled in, so 400 is fine
    EXPECT_NE(status, 403) << route.path;
  }
  EXPECT_GE(guarded, 3);
}

TEST(RouteTable, AllowlistedRoutesAnswerWithoutAKey) {
  Pipeline p;
  for (const http::Route& route : p.router.routes()) {
    if (k_allowlist.contains(route.path)) {
      EXPECT_EQ(p.call(route).status, 200) << route.path;
    }
  }
}

TEST(RouteTable, ReadinessRejectsAVerboseValueOtherThanZeroOrOne) {
  Pipeline p;
  http::Request request;
  request.method = "GET";
  request.path = "/api/health/ready";
  request.query.emplace("verbose", "yes");
  const http::Response response = p.router.dispatch(request);
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "VALIDATION_ERROR");
}

TEST(RouteTable, MetricsCountRequestsByRouteTemplateAndStatus) {
  Pipeline p;
  http::Request request;
  request.method = "GET";
  request.path = "/api/v1/status";
  (void)p.router.dispatch(request);
  EXPECT_DOUBLE_EQ(p.registry
                       .counter("harmony_http_requests_total", "",
                                {{"route", "/api/v1/status"}, {"method", "GET"}, {"status", "401"}})
                       .value(),
                   1.0);
}

}  // namespace
}  // namespace harmony::harmonyd::api
