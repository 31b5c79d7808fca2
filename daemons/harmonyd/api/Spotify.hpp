#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/Result.hpp"

namespace harmony::harmonyd::api {

// What the /api/v1/oauth and /api/v1/spotify routes need (the daemon's SpotifyService
// implements it; route tests use a fake). Errors carry a spotify::Failure in native_code,
// which the routes turn into status codes and error codes. Thread-safe.
class Spotify {
 public:
  virtual ~Spotify() = default;
  // {provider, authorization_url, state, code_challenge_method, redirect_uri, expires_at,
  //  manual_completion_url}
  virtual Result<nlohmann::json> oauth_start() = 0;
  // `client` is the caller's address, for the per-client attempt limit.
  virtual Result<nlohmann::json> oauth_manual(const std::string& redirect_url,
                                              const std::string& client) = 0;
  virtual nlohmann::json oauth_status(const std::string& state) = 0;
  // {status, user, scopes, token_expires_at, rate_limited_until, ...}
  virtual nlohmann::json status() = 0;
  virtual Result<void> forget_user() = 0;
  virtual Result<nlohmann::json> search(const std::string& type, const std::string& query,
                                        int limit, int offset) = 0;
  virtual Result<nlohmann::json> artist(const std::string& id) = 0;
  virtual Result<nlohmann::json> album(const std::string& id) = 0;
  virtual Result<nlohmann::json> playlist_items(const std::string& id, int limit, int offset) = 0;
  // Seconds until Spotify may be called again (0 when not latched), for Retry-After.
  virtual std::int64_t retry_after_seconds() = 0;
};

}  // namespace harmony::harmonyd::api
