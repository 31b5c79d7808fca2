#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/Clock.hpp"
#include "http/RateLimiter.hpp"
#include "http/Router.hpp"

namespace harmony::http {

// The browser- and caller-facing policy. Replaced as a whole on reload (SIGHUP), so
// middleware reads one consistent snapshot per request.
struct SecurityPolicy {
  std::vector<std::string> api_keys;         // empty → the API is open
  std::vector<std::string> auth_allowlist;   // extra path prefixes (whole segments), no key
  std::vector<std::string> allowed_origins;  // "*" allows every origin; empty: same origin only
  RateLimit rate_limit;
};
using PolicySource = std::function<std::shared_ptr<const SecurityPolicy>()>;

// Echoes a well-formed incoming `header` (≤ 128 chars of [A-Za-z0-9._-]) or generates a
// random one; sets request.request_id and the response header.
Middleware request_id_middleware(std::string header = "X-Request-ID");

// CORS: answers preflight (OPTIONS with Access-Control-Request-Method) with 204 and adds
// Access-Control-Allow-Origin to responses for allowed origins.
Middleware cors_middleware(PolicySource policy);

// Who is calling a guarded route. `missing`: no credentials this check understands.
enum class AuthOutcome { allowed, missing, invalid };
// An extra way in besides API keys (a browser session with its CSRF token): consulted only
// when no key was presented; answers `missing` when the request carries none of its
// credentials either.
using Authenticator = std::function<AuthOutcome(const Request&)>;

// The auth decision on its own, without HTTP answers: open routes, allowlisted path segments
// and CORS preflights pass; then an API key (X-API-Key or "Authorization: Bearer", compared in
// constant time); then `extra`. Everything passes while no key is configured.
AuthOutcome authorize(const SecurityPolicy& policy, const Request& request,
                      const Authenticator& extra = {});

// authorize() as middleware: missing → 401 with WWW-Authenticate, invalid → 403.
Middleware auth_middleware(PolicySource policy, Authenticator extra = {});

// CSRF defence that needs no credentials: a state-changing request (not GET/HEAD/OPTIONS) that
// a browser sent from another origin (Origin differs from Host and is not in
// allowed_origins) is refused with 403 before it reaches a handler.
Middleware cross_origin_write_middleware(PolicySource policy);

// True when `path` equals one of `prefixes` or lies below it, by whole path segments.
bool allowlisted(const std::vector<std::string>& prefixes, std::string_view path) noexcept;

// Per-client token bucket (client = remote address). Over the limit → 429 with Retry-After.
Middleware rate_limit_middleware(std::shared_ptr<RateLimiter> limiter, PolicySource policy);

// True when `given` equals one of `keys`; every key is compared in full, whatever matches,
// so timing does not reveal a key's prefix or which key matched.
bool constant_time_contains(const std::vector<std::string>& keys,
                            const std::string& given) noexcept;

}  // namespace harmony::http
