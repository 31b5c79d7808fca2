#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/Clock.hpp"
#include "http/RateLimiter.hpp"
#include "http/Router.hpp"

namespace harmony::http {

// The browser- and caller-facing policy. Replaced as a whole on reload (SIGHUP), so
// middleware reads one consistent snapshot per request.
struct SecurityPolicy {
  std::vector<std::string> api_keys;         // empty → the API is open
  std::vector<std::string> auth_allowlist;   // extra path prefixes that need no key
  std::vector<std::string> allowed_origins;  // "*" allows every origin
  RateLimit rate_limit;
};
using PolicySource = std::function<std::shared_ptr<const SecurityPolicy>()>;

// Echoes a well-formed incoming `header` (≤ 128 chars of [A-Za-z0-9._-]) or generates a
// random one; sets request.request_id and the response header.
Middleware request_id_middleware(std::string header = "X-Request-ID");

// CORS: answers preflight (OPTIONS with Access-Control-Request-Method) with 204 and adds
// Access-Control-Allow-Origin to responses for allowed origins.
Middleware cors_middleware(PolicySource policy);

// A browser session as the alternative to a key (harmonyd's web UI): true when the request
// carries a valid one (and whatever else the session requires, such as a CSRF token).
using SessionCheck = std::function<bool(const Request&)>;

// API keys from X-API-Key or "Authorization: Bearer"; compared in constant time. Missing →
// 401 with WWW-Authenticate (unless `session` accepts the request), wrong → 403. Open routes,
// allowlisted prefixes and CORS preflights pass. Does nothing while no key is configured.
Middleware auth_middleware(PolicySource policy, SessionCheck session = {});

// Per-client token bucket (client = remote address). Over the limit → 429 with Retry-After.
Middleware rate_limit_middleware(std::shared_ptr<RateLimiter> limiter, PolicySource policy);

// True when `given` equals one of `keys`; every key is compared in full, whatever matches,
// so timing does not reveal a key's prefix or which key matched.
bool constant_time_contains(const std::vector<std::string>& keys,
                            const std::string& given) noexcept;

}  // namespace harmony::http
