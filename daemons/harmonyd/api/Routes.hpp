#pragma once

#include <vector>

#include "api/ApiServices.hpp"
#include "http/Router.hpp"

namespace harmony::harmonyd::api {

// harmonyd's route table: one row per route, one handler each. Rows marked Access::open are
// the auth allowlist (health probes); every other route needs a key once HARMONY_API_KEYS is set.
std::vector<http::Route> routes(ApiServices& services);

// Handlers, one per route (HealthRoutes.cpp, SystemRoutes.cpp, DownloadRoutes.cpp).
http::Response live(const http::Request& request);
http::Response health_live(const http::Request& request);
http::Response health_ready(ApiServices& services, const http::Request& request);
http::Response v1_health(ApiServices& services, const http::Request& request);
http::Response v1_status(ApiServices& services, const http::Request& request);
http::Response env(ApiServices& services, const http::Request& request);
http::Response v1_metrics(ApiServices& services, const http::Request& request);
// DownloadRoutes.cpp
http::Response v1_downloads_create(ApiServices& services, const http::Request& request);
http::Response v1_downloads_list(ApiServices& services, const http::Request& request);
http::Response v1_downloads_get(ApiServices& services, const http::Request& request);
http::Response v1_downloads_retry(ApiServices& services, const http::Request& request);
http::Response v1_downloads_cancel(ApiServices& services, const http::Request& request);
http::Response v1_dlq_export(ApiServices& services, const http::Request& request);
http::Response v1_dlq_purge(ApiServices& services, const http::Request& request);

}  // namespace harmony::harmonyd::api
