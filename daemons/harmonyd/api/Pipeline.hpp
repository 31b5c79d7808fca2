#pragma once

#include <memory>

#include "core/Clock.hpp"
#include "http/Router.hpp"
#include "http/Security.hpp"
#include "metrics/Registry.hpp"

namespace harmony::harmonyd::api {

// The cross-cutting chain every request passes, outermost first: metrics (sees the final
// status, including 401/429), request id, CORS, cross-origin writes refused, rate limit, auth.
// Handlers stay free of them. `authenticator` is the seam for credentials besides API keys
// (browser sessions); without one only keys count.
void install_pipeline(http::Router& router, metrics::Registry& registry,
                      const http::PolicySource& policy, const Clock& clock,
                      const http::Authenticator& authenticator = {});

}  // namespace harmony::harmonyd::api
