#pragma once

#include <memory>

#include "core/Clock.hpp"
#include "http/Router.hpp"
#include "http/Security.hpp"
#include "metrics/Registry.hpp"

namespace harmony::harmonyd::api {

// The cross-cutting chain every request passes, outermost first: metrics (sees the final
// status, including 401/429), request id, CORS, rate limit, auth (a key, or a web UI session
// when `session` accepts the request). Handlers stay free of them.
void install_pipeline(http::Router& router, metrics::Registry& registry,
                      const http::PolicySource& policy, const Clock& clock,
                      http::SessionCheck session = {});

}  // namespace harmony::harmonyd::api
