#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "api/Downloads.hpp"
#include "api/Imports.hpp"
#include "api/LibraryIndex.hpp"
#include "api/Playlists.hpp"
#include "api/Spotify.hpp"
#include "api/Watchlist.hpp"
#include "health/Readiness.hpp"

namespace harmony::harmonyd::api {

// What the HTTP handlers need from the daemon (the App implements it; tests use
// tests/fakes/FakeApiServices.hpp). Every method is called from worker threads.
class ApiServices {
 public:
  virtual ~ApiServices() = default;
  virtual health::ReadinessReport readiness() = 0;
  virtual double uptime_seconds() const = 0;
  // {"status","version","uptime_seconds","workers":{...},"connections":{...}}
  virtual nlohmann::json status() = 0;
  // The configuration snapshot with every secret redacted.
  virtual nlohmann::json environment() = 0;
  // Prometheus text exposition of every metric.
  virtual std::string metrics_text() = 0;
  // The download manager behind /api/v1/downloads.
  virtual Downloads& downloads() = 0;
  // Spotify behind /api/v1/oauth and /api/v1/spotify.
  virtual Spotify& spotify() = 0;
  // The index of MUSIC_DIR behind /api/v1/library.
  virtual LibraryIndex& library() = 0;
  // Followed artists behind /api/v1/watchlist and /api/v1/activity.
  virtual Watchlist& watchlist() = 0;
  // Imports behind /api/v1/imports.
  virtual Imports& imports() = 0;
  // Followed playlists behind /api/v1/playlists, /api/v1/spotify/playlists and /api/v1/sync.
  virtual Playlists& playlists() = 0;
};

}  // namespace harmony::harmonyd::api
