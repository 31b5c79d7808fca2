#include "api/Routes.hpp"
#include "core/Version.hpp"

namespace harmony::harmonyd::api {

http::Response live(const http::Request&) {
  return http::Response::json(200, {{"status", "ok"}, {"version", k_version}});
}

// No I/O: answers as long as the worker pool runs.
http::Response health_live(const http::Request&) {
  return http::Response::json(200, {{"status", "ok"}});
}

http::Response health_ready(ApiServices& services, const http::Request& request) {
  const std::string verbose = request.query_value("verbose").value_or("0");
  if (verbose != "0" && verbose != "1") {
    return http::Response::error(422, "VALIDATION_ERROR", "verbose must be 0 or 1",
                                 {{"parameter", "verbose"}, {"value", verbose.substr(0, 32)}});
  }
  const health::ReadinessReport report = services.readiness();
  return http::Response::json(report.ok() ? 200 : 503, report.to_json(verbose == "1"));
}

http::Response v1_health(ApiServices& services, const http::Request&) {
  return http::Response::json(
      200, {{"ok", true},
            {"data",
             {{"status", "up"}, {"version", k_version}, {"uptime_s", services.uptime_seconds()}}},
            {"error", nullptr}});
}

}  // namespace harmony::harmonyd::api
