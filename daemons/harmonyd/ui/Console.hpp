#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/Downloads.hpp"
#include "api/Imports.hpp"
#include "api/Playlists.hpp"
#include "api/Spotify.hpp"
#include "api/Watchlist.hpp"

namespace harmony::harmonyd::ui {

// What the pages read and change, as the daemon offers it (App adapts itself; the route tests
// use a fake). Every method is called from request threads.
class Console {
 public:
  virtual ~Console() = default;
  // ReadinessReport::to_json(true): {"status","checks":{name:{status,...}},"issues":[...]}.
  virtual nlohmann::json readiness() = 0;
  // /api/v1/status: {"status","version","uptime_seconds","workers","connections"}.
  virtual nlohmann::json status() = 0;
  // /env: the configuration with secrets redacted and each key's origin.
  virtual nlohmann::json environment() = 0;
  virtual api::Downloads& downloads() = 0;
  // The services behind /api/v1/spotify, /api/v1/oauth and /api/v1/watchlist.
  virtual api::Spotify& spotify() = 0;
  virtual api::Watchlist& watchlist() = 0;
  // The service behind /api/v1/imports.
  virtual api::Imports& imports() = 0;
  // The service behind /api/v1/playlists and /api/v1/sync.
  virtual api::Playlists& playlists() = 0;
};

// The UI's part of the configuration, read per request so a reload (SIGHUP) applies at once.
struct UiOptions {
  std::vector<std::string> api_keys;  // HARMONY_API_KEYS; empty → the UI is open
  std::chrono::milliseconds session_ttl{std::chrono::hours(8)};  // UI_SESSION_TTL, idle
  bool cookies_secure = false;                                   // UI_COOKIES_SECURE
  bool downloads_enabled = false;                                // SLSKD_URL set
  bool auth_enabled() const noexcept { return !api_keys.empty(); }
};
using UiOptionsSource = std::function<UiOptions()>;

}  // namespace harmony::harmonyd::ui
