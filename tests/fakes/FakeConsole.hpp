#pragma once

#include <fmt/format.h>

#include "fakes/FakeDownloads.hpp"
#include "fakes/FakeImports.hpp"
#include "fakes/FakePlaylists.hpp"
#include "fakes/FakeSpotify.hpp"
#include "fakes/FakeWatchlist.hpp"
#include "ui/Console.hpp"

namespace harmony::fakes {

// ui::Console over FakeDownloads, FakeSpotify, FakeWatchlist, FakeImports, FakePlaylists and fixed
// JSON shaped like the daemon's (readiness, status, /env); tests change the JSON fields to describe
// another daemon.
class FakeConsole final : public harmonyd::ui::Console {
 public:
  nlohmann::json readiness() override { return readiness_json; }
  nlohmann::json status() override { return status_json; }
  nlohmann::json environment() override { return environment_json; }
  harmonyd::api::Downloads& downloads() override { return jobs; }
  harmonyd::api::Spotify& spotify() override { return spotify_service; }
  harmonyd::api::Watchlist& watchlist() override { return watched; }
  harmonyd::api::Imports& imports() override { return imported; }
  harmonyd::api::Playlists& playlists() override { return followed; }

  FakeDownloads jobs;
  FakeSpotify spotify_service;
  FakeWatchlist watched;
  FakeImports imported;
  FakePlaylists followed;
  nlohmann::json readiness_json = {
      {"status", "ok"},
      {"checks",
       {{"config", {{"status", "ok"}, {"dir", "/config"}}},
        {"database", {{"status", "ok"}, {"path", "/config/harmony.db"}}},
        {"slskd", {{"status", "ok"}, {"url", "http://127.0.0.1:5030"}}},
        {"spotify", {{"status", "not_configured"}}}}},
      {"issues", nlohmann::json::array()}};
  nlohmann::json status_json = {{"status", "ok"},
                                {"version", "test"},
                                {"uptime_seconds", 12.0},
                                {"connections", {{"slskd", "ok"}, {"spotify", "not_configured"}}}};
  nlohmann::json environment_json = {
      {"profile", "container"},
      {"config_file", "/config/harmony.yml"},
      {"keys",
       {{"HARMONY_API_KEYS", {{"value", "***"}, {"origin", "environment"}}},
        {"SLSKD_URL", {{"value", "http://127.0.0.1:5030"}, {"origin", ".env"}}}}},
      {"warnings", nlohmann::json::array()},
      {"build", {{"version", "test"}, {"started_at", "2026-01-01T00:00:00Z"}}}};
};

}  // namespace harmony::fakes
