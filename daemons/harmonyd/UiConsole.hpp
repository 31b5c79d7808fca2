#pragma once

#include "api/ApiServices.hpp"
#include "ui/Console.hpp"

namespace harmony::harmonyd {

// The web UI's view of the daemon: the same services the API uses, in the shapes the pages
// read (JSON as the API returns it).
class UiConsole final : public ui::Console {
 public:
  explicit UiConsole(api::ApiServices& services) : m_services(services) {}

  nlohmann::json readiness() override { return m_services.readiness().to_json(true); }
  nlohmann::json status() override { return m_services.status(); }
  nlohmann::json environment() override { return m_services.environment(); }
  api::Downloads& downloads() override { return m_services.downloads(); }
  api::Spotify& spotify() override { return m_services.spotify(); }
  api::Watchlist& watchlist() override { return m_services.watchlist(); }
  api::Imports& imports() override { return m_services.imports(); }
  api::Playlists& playlists() override { return m_services.playlists(); }

 private:
  api::ApiServices& m_services;
};

}  // namespace harmony::harmonyd
