#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "config/Keys.hpp"
#include "core/Result.hpp"
#include "log/Redact.hpp"

namespace harmony::config {
class Config;
}

namespace harmony::harmonyd::config {

// The SPOTIFY_* keys and OAUTH_STATE_TTL, validated: URLs are http(s) without a trailing
// slash, the redirect URI is one Spotify accepts (https, or http on a loopback IP literal —
// never "localhost"), scopes are plain words.
struct SpotifySettings {
  std::string client_id;
  log::Secret client_secret;
  std::string redirect_uri;
  std::string scopes;
  std::string accounts_url;
  std::string api_url;
  int requests_per_30s = 90;
  std::chrono::milliseconds state_ttl{600'000};

  // Both credentials set: the integration is on. Only one set is a readiness failure.
  bool configured() const noexcept { return !client_id.empty() && !client_secret.empty(); }
};

// Where a loopback http redirect URI points, for harmonyd's own callback listener.
struct LoopbackRedirect {
  std::string host;  // "127.0.0.1" or "::1"
  int port = 80;
  std::string path;  // "/callback"
};
// The listener for `redirect_uri` when harmonyd can serve it itself: http on 127.0.0.1/[::1].
std::optional<LoopbackRedirect> loopback_redirect(const std::string& redirect_uri);

Result<SpotifySettings> read_spotify_settings(const harmony::config::Config& config,
                                              Profile profile);

}  // namespace harmony::harmonyd::config
