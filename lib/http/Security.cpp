#include "http/Security.hpp"

#include <algorithm>
#include <random>

#include <fmt/format.h>

namespace harmony::http {
namespace {

bool well_formed_request_id(const std::string& id) {
  return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

std::string random_request_id() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return fmt::format("{:016x}{:016x}", engine(), engine());
}

bool origin_allowed(const SecurityPolicy& policy, const std::string& origin) {
  return std::any_of(
      policy.allowed_origins.begin(), policy.allowed_origins.end(),
      [&](const std::string& allowed) { return allowed == "*" || allowed == origin; });
}

std::optional<std::string> presented_key(const Request& request) {
  if (auto key = request.header("X-API-Key"); key && !key->empty()) {
    return key;
  }
  if (auto authorization = request.header("Authorization")) {
    constexpr std::string_view k_bearer = "Bearer ";
    if (authorization->size() > k_bearer.size() &&
        std::equal(k_bearer.begin(), k_bearer.end(), authorization->begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return authorization->substr(k_bearer.size());
    }
  }
  return std::nullopt;
}

bool is_preflight(const Request& request) {
  return request.method == "OPTIONS" && request.header("Access-Control-Request-Method").has_value();
}

}  // namespace

bool constant_time_contains(const std::vector<std::string>& keys,
                            const std::string& given) noexcept {
  unsigned found = 0;
  for (const std::string& key : keys) {
    unsigned diff = key.size() == given.size() ? 0U : 1U;
    const std::size_t length = std::max(key.size(), given.size());
    for (std::size_t i = 0; i < length; ++i) {
      const auto a = static_cast<unsigned char>(i < key.size() ? key[i] : 0);
      const auto b = static_cast<unsigned char>(i < given.size() ? given[i] : 0);
      diff |= static_cast<unsigned>(a ^ b);
    }
    found |= static_cast<unsigned>(diff == 0);
  }
  return found != 0;
}

Middleware request_id_middleware(std::string header) {
  return [header = std::move(header)](Request& request, const Next& next) {
    auto incoming = request.header(header);
    request.request_id =
        incoming && well_formed_request_id(*incoming) ? *incoming : random_request_id();
    Response response = next(request);
    response.set_header(header, request.request_id);
    return response;
  };
}

Middleware cors_middleware(PolicySource source) {
  return [source = std::move(source)](Request& request, const Next& next) {
    const auto origin = request.header("Origin");
    if (!origin) {
      return next(request);
    }
    const auto policy = source();
    const bool allowed = origin_allowed(*policy, *origin);
    const bool wildcard = std::find(policy->allowed_origins.begin(), policy->allowed_origins.end(),
                                    "*") != policy->allowed_origins.end();
    Response response;
    if (is_preflight(request)) {
      response = Response::text(204, "");
      if (allowed) {
        response.set_header("Access-Control-Allow-Methods",
                            "GET, POST, PUT, PATCH, DELETE, OPTIONS");
        response.set_header("Access-Control-Allow-Headers",
                            "Content-Type, Authorization, X-API-Key, X-Request-ID");
        response.set_header("Access-Control-Max-Age", "600");
      }
    } else {
      response = next(request);
    }
    if (allowed) {
      response.set_header("Access-Control-Allow-Origin", wildcard ? "*" : *origin);
      response.set_header("Access-Control-Expose-Headers", "X-Request-ID, Retry-After");
    }
    if (!wildcard) {
      response.set_header("Vary", "Origin");
    }
    return response;
  };
}

Middleware auth_middleware(PolicySource source, SessionCheck session) {
  return [source = std::move(source), session = std::move(session)](Request& request,
                                                                    const Next& next) {
    const auto policy = source();
    if (policy->api_keys.empty() || request.open || is_preflight(request)) {
      return next(request);
    }
    for (const std::string& prefix : policy->auth_allowlist) {
      if (!prefix.empty() && request.path.starts_with(prefix)) {
        return next(request);
      }
    }
    const auto key = presented_key(request);
    if (!key && session && session(request)) {
      return next(request);
    }
    if (!key) {
      Response response =
          Response::error(401, "AUTH_REQUIRED",
                          "an API key is required: send it as X-API-Key or Authorization: Bearer");
      response.set_header("WWW-Authenticate",
                          "Bearer realm=\"harmony\", APIKey header=\"X-API-Key\"");
      return response;
    }
    if (!constant_time_contains(policy->api_keys, *key)) {
      return Response::error(403, "FORBIDDEN", "the API key is not valid; check HARMONY_API_KEYS");
    }
    return next(request);
  };
}

Middleware rate_limit_middleware(std::shared_ptr<RateLimiter> limiter, PolicySource source) {
  return [limiter = std::move(limiter), source = std::move(source)](Request& request,
                                                                    const Next& next) {
    const auto policy = source();
    if (!policy->rate_limit.enabled || !request.rate_limited) {
      return next(request);
    }
    const auto decision = limiter->take(request.remote_addr, policy->rate_limit);
    if (decision.allowed) {
      return next(request);
    }
    const auto seconds = std::max<long>(1, (decision.retry_after.count() + 999) / 1000);
    Response response = Response::error(429, "RATE_LIMITED", "too many requests; retry later",
                                        {{"retry_after_ms", decision.retry_after.count()}});
    response.set_header("Retry-After", std::to_string(seconds));
    return response;
  };
}

}  // namespace harmony::http
