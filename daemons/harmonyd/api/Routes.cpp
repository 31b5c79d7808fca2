#include "api/Routes.hpp"

namespace harmony::harmonyd::api {

std::vector<http::Route> routes(ApiServices& services) {
  using http::Access;
  auto bind = [&services](http::Response (*handler)(ApiServices&, const http::Request&)) {
    return
        [&services, handler](const http::Request& request) { return handler(services, request); };
  };
  return {
      {"GET", "/live", live, Access::open, false},
      {"GET", "/api/health/live", health_live, Access::open, false},
      {"GET", "/api/health/ready", bind(health_ready), Access::open, false},
      {"GET", "/api/v1/health", bind(v1_health), Access::open, false},
      {"GET", "/api/v1/status", bind(v1_status)},
      {"GET", "/env", bind(env)},
      {"GET", "/api/v1/metrics", bind(v1_metrics)},
  };
}

}  // namespace harmony::harmonyd::api
