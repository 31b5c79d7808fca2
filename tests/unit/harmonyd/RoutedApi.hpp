#pragma once

#include <memory>
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
};

}  // namespace harmony::harmonyd::api
