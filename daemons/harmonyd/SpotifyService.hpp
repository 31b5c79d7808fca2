#pragma once

#include <memory>
#include <thread>

#include "api/Spotify.hpp"
#include "config/SpotifySettings.hpp"
#include "core/Clock.hpp"
#include "http/RateLimiter.hpp"
#include "http/Server.hpp"
#include "integrations/slskd/ClientHttpTransport.hpp"
#include "integrations/spotify/AccountsClient.hpp"
#include "integrations/spotify/AppTokenSource.hpp"
#include "integrations/spotify/HttpSpotifyCatalog.hpp"
#include "integrations/spotify/HttpSpotifyPlaylists.hpp"
#include "integrations/spotify/RateGate.hpp"
#include "integrations/spotify/SpotifySession.hpp"
#include "integrations/spotify/WebApi.hpp"
#include "metrics/Registry.hpp"
#include "store/SpotifySessionRepository.hpp"
#include "store/Store.hpp"

namespace harmony::harmonyd {

// Spotify as the daemon runs it: one Web API client behind one rate gate for the app, the app
// token for catalogue calls, the user's OAuth session in SQLite, and — when SPOTIFY_REDIRECT_URI
// is a loopback http URI — a second listener serving that redirect, so a browser on this machine
// completes the login by itself. Built by the App; SPOTIFY_* keys take effect after a restart.
// Without SPOTIFY_CLIENT_ID/SECRET every call answers Failure::not_configured.
class SpotifyService final : public api::Spotify {
 public:
  SpotifyService(const config::SpotifySettings& settings, store::Store& store, const Clock& clock,
                 metrics::Registry& metrics);
  ~SpotifyService() override;
  SpotifyService(const SpotifyService&) = delete;
  SpotifyService& operator=(const SpotifyService&) = delete;

  // Starts the callback listener; a port in use is logged as a warning (manual completion
  // still works), never fatal. `console_port` is harmonyd's own HTTP port: the callback page
  // links back to the web UI's Spotify page on the same loopback host (0: no link).
  void start(int console_port = 0);
  void stop() noexcept;
  int callback_port() const noexcept { return m_callback_port; }
  const config::SpotifySettings& settings() const noexcept { return m_settings; }
  // The rate-gated catalogue client (app token), for watchlists.
  spotify::SpotifyCatalog& catalog() noexcept { return m_catalog; }
  // The connected user's playlists and Liked Songs (user token, same rate gate), for playlists.
  spotify::SpotifyPlaylists& playlists() noexcept { return m_playlists; }
  // Failure::not_configured without SPOTIFY_CLIENT_ID/SECRET.
  Result<void> require_configured() const;
  // Whether a valid app token (cached) can be had, for readiness: refused credentials →
  // ErrorKind::config, an unreachable accounts service → unavailable.
  Result<void> check_app_token();
  void register_metrics(metrics::Registry& registry);

  Result<nlohmann::json> oauth_start() override;
  Result<nlohmann::json> oauth_manual(const std::string& redirect_url,
                                      const std::string& client) override;
  nlohmann::json oauth_status(const std::string& state) override;
  nlohmann::json status() override;
  Result<void> forget_user() override;
  Result<nlohmann::json> search(const std::string& type, const std::string& query, int limit,
                                int offset) override;
  Result<nlohmann::json> artist(const std::string& id) override;
  Result<nlohmann::json> album(const std::string& id) override;
  Result<nlohmann::json> playlist_items(const std::string& id, int limit, int offset) override;
  std::int64_t retry_after_seconds() override;

 private:
  // The redirect's landing page: what happened and, on failure, how to finish manually.
  http::Response callback(const http::Request& request);

  const config::SpotifySettings m_settings;
  const Clock& m_clock;
  slskd::ClientHttpTransport m_transport;
  spotify::RateGate m_gate;
  spotify::WebApi m_api;
  spotify::AccountsClient m_accounts;
  spotify::AppTokenSource m_app_tokens;
  store::SpotifySessionRepository m_sessions;
  spotify::SpotifySession m_session;
  spotify::HttpSpotifyCatalog m_catalog;
  spotify::HttpSpotifyPlaylists m_playlists;
  http::RateLimiter m_manual_attempts;
  std::unique_ptr<http::Server> m_callback;
  std::thread m_callback_thread;
  int m_callback_port = 0;
  std::string m_console_url;  // the web UI's Spotify page as the callback's browser reaches it
};

}  // namespace harmony::harmonyd
