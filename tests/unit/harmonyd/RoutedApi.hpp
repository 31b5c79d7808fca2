#pragma once

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "api/Pipeline.hpp"
#include "api/Routes.hpp"
#include "fakes/FakeApiServices.hpp"
#include "fakes/FakeClock.hpp"

namespace harmony::harmonyd::api {

// harmonyd's real route table behind its real middleware pipeline, over FakeApiServices:
// requests go through router.dispatch() without sockets.
struct RoutedApi {
  fakes::FakeApiServices services;
  fakes::FakeClock clock;
  metrics::Registry registry;
  std::shared_ptr<http::SecurityPolicy> policy = std::make_shared<http::SecurityPolicy>();
  http::Router router;

  explicit RoutedApi(std::vector<std::string> api_keys = {}) {
    policy->api_keys = std::move(api_keys);
    policy->allowed_origins = {"*"};
    install_pipeline(
        router, registry, [this] { return std::shared_ptr<const http::SecurityPolicy>(policy); },
        clock);
    for (http::Route& route : routes(services)) {
      router.add(std::move(route));
    }
  }

  // One request through the pipeline; `path` may carry a query string (not percent-decoded).
  http::Response call(std::string method, std::string path, std::string body = {}) {
    http::Request request;
    request.method = std::move(method);
    const auto question = path.find('?');
    request.path = path.substr(0, question);
    if (question != std::string::npos) {
      std::istringstream pairs(path.substr(question + 1));
      for (std::string pair; std::getline(pairs, pair, '&');) {
        const auto equals = pair.find('=');
        request.query.emplace(pair.substr(0, equals), pair.substr(equals + 1));
      }
    }
    request.body = std::move(body);
    request.headers = {{"Content-Type", "application/json"}};
    request.remote_addr = "127.0.0.1";
    return router.dispatch(request);
  }
};

}  // namespace harmony::harmonyd::api
