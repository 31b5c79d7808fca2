#include "api/HealthRoutes.hpp"

#include "core/Version.hpp"

namespace harmony::harmonyd::api {

std::vector<http::Route> health_routes() {
  return {
      {"GET", "/live",
       [](const http::Request&) {
         return http::Response::json(200, {{"status", "ok"}, {"version", k_version}});
       }},
      {"GET", "/api/health/live",
       [](const http::Request&) {
         return http::Response::json(200, {{"status", "ok"}});
       }},
  };
}

}  // namespace harmony::harmonyd::api
