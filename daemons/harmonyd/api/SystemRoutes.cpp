#include "api/Routes.hpp"

namespace harmony::harmonyd::api {

http::Response v1_status(ApiServices& services, const http::Request&) {
  return http::Response::json(200, services.status());
}

http::Response env(ApiServices& services, const http::Request&) {
  return http::Response::json(200, services.environment());
}

http::Response v1_metrics(ApiServices& services, const http::Request&) {
  http::Response response = http::Response::text(200, services.metrics_text(),
                                                 "text/plain; version=0.0.4; charset=utf-8");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace harmony::harmonyd::api
