#pragma once

#include "api/ApiServices.hpp"
#include "fakes/FakeDownloads.hpp"
#include "fakes/FakeImports.hpp"
#include "fakes/FakeLibraryIndex.hpp"
#include "fakes/FakePlaylists.hpp"
#include "fakes/FakeSpotify.hpp"
#include "fakes/FakeWatchlist.hpp"

namespace harmony::fakes {

// ApiServices with canned answers; counts calls so a test can tell whether a handler ran.
class FakeApiServices final : public harmonyd::api::ApiServices {
 public:
  harmonyd::health::ReadinessReport readiness() override {
    ++calls;
    return report;
  }
  double uptime_seconds() const override { return 1.5; }
  nlohmann::json status() override {
    ++calls;
    return {{"status", "ok"}};
  }
  nlohmann::json environment() override {
    ++calls;
    return {{"keys", nlohmann::json::object()}};
  }
  std::string metrics_text() override {
    ++calls;
    return "m 1\n";
  }

  harmonyd::api::Downloads& downloads() override {
    ++calls;
    return download_jobs;
  }

  harmonyd::api::Spotify& spotify() override {
    ++calls;
    return spotify_service;
  }
  harmonyd::api::LibraryIndex& library() override {
    ++calls;
    return library_index;
  }
  // Route tests of the watchlist set `watchlist_service` (a real WatchlistService over SQLite).
  harmonyd::api::Watchlist& watchlist() override {
    ++calls;
    return watchlist_service != nullptr ? *watchlist_service : empty_watchlist;
  }

  harmonyd::api::Imports& imports() override {
    ++calls;
    return import_service;
  }

  harmonyd::api::Playlists& playlists() override {
    ++calls;
    return playlist_service;
  }

  harmonyd::health::ReadinessReport report;
  FakeDownloads download_jobs;
  FakeSpotify spotify_service;
  FakeLibraryIndex library_index;
  FakeWatchlist empty_watchlist;
  FakeImports import_service;
  FakePlaylists playlist_service;
  harmonyd::api::Watchlist* watchlist_service = nullptr;
  int calls = 0;
};

}  // namespace harmony::fakes
