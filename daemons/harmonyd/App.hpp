#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "DownloadService.hpp"
#include "ImportService.hpp"
#include "LibraryService.hpp"
#include "PlaylistService.hpp"
#include "SpotifyService.hpp"
#include "UiConsole.hpp"
#include "WatchlistService.hpp"
#include "api/ApiServices.hpp"
#include "config/Settings.hpp"
#include "core/Clock.hpp"
#include "health/ReadinessCache.hpp"
#include "http/Server.hpp"
#include "metrics/Registry.hpp"
#include "store/SessionRepository.hpp"
#include "store/Store.hpp"
#include "systemd/Notifier.hpp"
#include "systemd/WatchdogPinger.hpp"
#include "ui/LoginThrottle.hpp"
#include "ui/MustacheTemplates.hpp"
#include "ui/SessionManager.hpp"
#include "ui/UiContext.hpp"
#include "watchlist/JobOutcomeFanOut.hpp"

namespace harmony::harmonyd {

// The composition root: owns every subsystem, in dependency order, for the daemon's lifetime,
// and is what the HTTP handlers see through ApiServices.
class App final : public api::ApiServices {
 public:
  // Opens the store (throws ErrorException: filesystem for a corrupt/unusable database,
  // config for a newer schema) and builds the HTTP pipeline and routes.
  App(config::Settings settings, config::LoadOptions load_options, systemd::Notifier& notifier);
  ~App() override;
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Binds the listener and starts serving on a background thread. After it returns the port
  // accepts connections. Throws ErrorException when the port cannot be bound.
  void start();
  // Stops accepting and waits up to `drain` for in-flight requests. False when requests were
  // still running at the deadline (the caller then exits without waiting for them).
  bool stop(std::chrono::milliseconds drain) noexcept;
  // SIGHUP: re-reads the configuration; on error logs it and keeps the current one. Keys that
  // need a restart (listen address, paths, database) are reported, not applied.
  void reload();

  int port() const noexcept { return m_port; }
  std::string url() const;
  std::string status_line();

  health::ReadinessReport readiness() override;
  double uptime_seconds() const override;
  nlohmann::json status() override;
  nlohmann::json environment() override;
  std::string metrics_text() override;
  api::Downloads& downloads() override { return *m_downloads; }
  api::Spotify& spotify() override { return *m_spotify; }
  api::LibraryIndex& library() override { return *m_library; }
  api::Watchlist& watchlist() override { return *m_watchlist; }
  api::Imports& imports() override { return *m_imports; }
  api::Playlists& playlists() override { return *m_playlists; }

 private:
  std::shared_ptr<const config::Settings> settings() const;
  void register_metrics();
  ui::UiOptions ui_options() const;
  nlohmann::json connections();
  health::ReadinessReport evaluate_readiness();
  // The watchdog's health: a real request to /api/health/live answered in time.
  bool serves_requests() const;

  const config::LoadOptions m_load_options;
  SystemClock m_clock;
  const std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
  const std::chrono::system_clock::time_point m_started_wall = std::chrono::system_clock::now();
  mutable std::mutex m_settings_mutex;
  std::shared_ptr<const config::Settings> m_settings;
  metrics::Registry m_metrics;
  std::unique_ptr<store::Store> m_store;
  std::unique_ptr<LibraryService> m_library;
  std::unique_ptr<SpotifyService> m_spotify;
  // Before the downloads: they report ended jobs to the watchlist's activity feed.
  std::unique_ptr<WatchlistService> m_watchlist;
  // Also before the downloads: a filed download rewrites its playlists' M3U8 files.
  std::unique_ptr<PlaylistService> m_playlists;
  watchlist::JobOutcomeFanOut m_ended_jobs;
  std::unique_ptr<DownloadService> m_downloads;
  // The web UI (ui/): templates parsed at startup, sessions in the store.
  std::unique_ptr<ui::MustacheTemplates> m_templates;
  store::SessionRepository m_session_store;
  ui::SessionManager m_sessions;
  ui::LoginThrottle m_login_throttle;
  UiConsole m_console;
  ui::UiContext m_ui;
  std::unique_ptr<ImportService> m_imports;
  http::Server m_server;
  std::mutex m_connections_mutex;
  nlohmann::json m_connections;
  std::chrono::steady_clock::time_point m_connections_at{};
  std::thread m_serve_thread;
  std::shared_future<void> m_served;
  std::atomic<bool> m_serving{false};
  // Readiness is evaluated at most once per second, however often it is asked for.
  health::ReadinessCache m_readiness{m_clock, std::chrono::seconds(1)};
  systemd::WatchdogPinger m_watchdog;
  int m_port = 0;
};

}  // namespace harmony::harmonyd
