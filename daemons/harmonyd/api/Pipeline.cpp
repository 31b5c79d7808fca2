#include "api/Pipeline.hpp"

#include <chrono>

namespace harmony::harmonyd::api {
namespace {

// Label values are bounded: the route template (never the raw path) and known methods only.
std::string method_label(const std::string& method) {
  for (const char* known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) {
      return method;
    }
  }
  return "other";
}

http::Middleware metrics_middleware(metrics::Registry& registry) {
  return [&registry](http::Request& request, const http::Next& next) {
    const auto start = std::chrono::steady_clock::now();
    http::Response response = next(request);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string route = request.route.empty() ? std::string("unmatched") : request.route;
    const std::string method = method_label(request.method);
    registry
        .counter(
            "harmony_http_requests_total",
            "HTTP requests answered, by route template, method and status.",
            {{"route", route}, {"method", method}, {"status", std::to_string(response.status)}})
        .inc();
    registry
        .histogram("harmony_http_request_duration_seconds",
                   "Time to answer HTTP requests, by route template.",
                   metrics::default_latency_buckets(), {{"route", route}, {"method", method}})
        .observe(seconds);
    return response;
  };
}

}  // namespace

void install_pipeline(http::Router& router, metrics::Registry& registry,
                      const http::PolicySource& policy, const Clock& clock,
                      http::SessionCheck session) {
  router.use(metrics_middleware(registry));
  router.use(http::request_id_middleware());
  router.use(http::cors_middleware(policy));
  router.use(http::rate_limit_middleware(std::make_shared<http::RateLimiter>(clock), policy));
  router.use(http::auth_middleware(policy, std::move(session)));
}

}  // namespace harmony::harmonyd::api
