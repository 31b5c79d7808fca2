#include <gtest/gtest.h>

#include "http/Router.hpp"

namespace harmony::http {
namespace {

Request get(std::string path, std::string method = "GET") {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

nlohmann::json body(const Response& response) {
  return nlohmann::json::parse(response.body);
}

TEST(Router, DeliversPathParametersToTheHandler) {
  Router router;
  router.add({"GET", "/downloads/{id}", [](const Request& r) {
                return Response::json(200, {{"id", r.path_params.at("id")}});
              }});
  const Response response = router.dispatch(get("/downloads/42"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(body(response)["id"], "42");
}

TEST(Router, OnlyARouteMarkedMultipartAcceptsAMultipartBody) {
  Router router;
  const Handler ok = [](const Request&) { return Response::json(200, nullptr); };
  router.add({"POST", "/imports", ok, Access::guarded, true, true});
  router.add({"GET", "/imports/{id}", ok});
  router.add({"POST", "/imports/{id}/retry", ok});
  EXPECT_TRUE(router.accepts_multipart("POST", "/imports"));
  EXPECT_FALSE(router.accepts_multipart("PUT", "/imports"));
  EXPECT_FALSE(router.accepts_multipart("POST", "/imports/7/retry"));
  EXPECT_FALSE(router.accepts_multipart("POST", "/imports/7"));
  EXPECT_FALSE(router.accepts_multipart("POST", "/nowhere"));
}

TEST(Router, UnknownPathIsA404InTheEnvelope) {
  Router router;
  router.add({"GET", "/a", [](const Request&) { return Response::json(200, {}); }});
  const Response response = router.dispatch(get("/b"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(body(response)["ok"], false);
  EXPECT_EQ(body(response)["error"]["code"], "NOT_FOUND");
}

TEST(Router, WrongMethodIsA405WithAllowHeader) {
  Router router;
  router.add({"GET", "/a", [](const Request&) { return Response::json(200, {}); }});
  const Response response = router.dispatch(get("/a", "DELETE"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("Allow"), "GET");
  EXPECT_EQ(body(response)["error"]["code"], "METHOD_NOT_ALLOWED");
}

TEST(Router, HeadIsAnsweredByTheGetHandler) {
  Router router;
  router.add({"GET", "/a", [](const Request&) { return Response::json(200, {}); }});
  EXPECT_EQ(router.dispatch(get("/a", "HEAD")).status, 200);
}

TEST(Router, HandlerExceptionBecomesA500Envelope) {
  Router router;
  router.add({"GET", "/boom",
              [](const Request&) -> Response { throw std::runtime_error("secret detail"); }});
  const Response response = router.dispatch(get("/boom"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(body(response)["error"]["code"], "INTERNAL_ERROR");
  EXPECT_EQ(response.body.find("secret detail"), std::string::npos);
}

TEST(Router, MalformedJsonBodyIsA400) {
  Router router;
  router.add({"POST", "/echo", [](const Request& r) {
                auto json = parse_json_body(r);
                return json ? Response::json(200, *json) : Response::from_error(json.error());
              }});
  Request request = get("/echo", "POST");
  request.headers.emplace("Content-Type", "application/json; charset=utf-8");
  request.body = "{\"a\": ";
  const Response response = router.dispatch(request);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body(response)["error"]["code"], "VALIDATION_ERROR");
  request.body = "{\"a\": 1}";
  EXPECT_EQ(router.dispatch(request).status, 200);
}

TEST(Router, AJsonBodyWithAnotherContentTypeIsA415AndNeverParsed) {
  Router router;
  router.add({"POST", "/echo", [](const Request& r) {
                auto json = parse_json_body(r);
                return json ? Response::json(200, *json) : Response::from_error(json.error());
              }});
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                           "application/jsonp", ""}) {
    Request request = get("/echo", "POST");
    if (*type != '\0') {
      request.headers.emplace("Content-Type", type);
    }
    request.body = "{\"a\": 1}";
    const Response response = router.dispatch(request);
    EXPECT_EQ(response.status, 415) << type;
    EXPECT_EQ(body(response)["error"]["code"], "UNSUPPORTED_MEDIA_TYPE") << type;
  }
  Request vendor = get("/echo", "POST");
  vendor.headers.emplace("Content-Type", "Application/Merge-Patch+JSON");
  vendor.body = "{\"a\": 1}";
  EXPECT_EQ(router.dispatch(vendor).status, 200);
}

TEST(Router, MiddlewareRunsOutermostFirstAndSeesTheMatchedRoute) {
  Router router;
  std::vector<std::string> seen;
  router.use([&](Request& r, const Next& next) {
    seen.push_back("outer:" + r.route);
    return next(r);
  });
  router.use([&](Request& r, const Next& next) {
    seen.push_back("inner");
    return next(r);
  });
  router.add(
      {"GET", "/items/{id}", [](const Request&) { return Response::json(200, {}); }, Access::open});
  Request request = get("/items/7");
  router.dispatch(request);
  EXPECT_EQ(seen, (std::vector<std::string>{"outer:/items/{id}", "inner"}));
}

}  // namespace
}  // namespace harmony::http
