#include "App.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "api/Pipeline.hpp"
#include "api/Routes.hpp"
#include "core/Version.hpp"
#include "integrations/slskd/SlskdProbe.hpp"
#include "integrations/spotify/SpotifyProbe.hpp"
#include "log/Log.hpp"
#include "metrics/ProcessMetrics.hpp"
#include "ui/Gate.hpp"
#include "ui/UiRoutes.hpp"
#include "wire/Client.hpp"

namespace harmony::harmonyd {
namespace {

std::unique_ptr<store::Store> open_store(const config::Settings& settings) {
  auto store = store::Store::open({settings.database_path, settings.db_reset});
  if (!store) {
    throw ErrorException(std::move(store).error());
  }
  log::info(fmt::format("database {} ready (schema version {}, WAL)", settings.database_path,
                        (*store)->schema_version()),
            {{"PATH", settings.database_path}});
  return std::move(*store);
}

std::unique_ptr<ui::MustacheTemplates> load_templates() {
  auto templates = ui::MustacheTemplates::load();
  if (!templates) {
    throw ErrorException(std::move(templates).error());
  }
  return std::move(*templates);
}

http::ServerOptions server_options(const config::Settings& settings) {
  return {settings.host,
          settings.port,
          settings.http_workers,
          settings.max_body_bytes,
          2,
          settings.http_max_connections,
          5,
          settings.http_request_deadline};
}

}  // namespace

App::App(config::Settings settings, config::LoadOptions load_options, systemd::Notifier& notifier)
    : m_load_options(std::move(load_options)),
      m_settings(std::make_shared<const config::Settings>(std::move(settings))),
      m_store(open_store(*m_settings)),
      m_library(std::make_unique<LibraryService>(*m_settings, *m_store)),
      m_spotify(
          std::make_unique<SpotifyService>(m_settings->spotify, *m_store, m_clock, m_metrics)),
      m_watchlist(std::make_unique<WatchlistService>(
          WatchlistOptions{m_settings->watchlist_interval, m_settings->activity_retention},
          *m_store, m_spotify->catalog(), m_library->tracks(), m_clock)),
      m_playlists(std::make_unique<PlaylistService>(
          playlists::SyncOptions{m_settings->music_dir, m_settings->playlist_sync_interval},
          *m_store, m_spotify->playlists(), [this] { return m_spotify->require_configured(); },
          m_library->tracks(), m_clock)),
      m_ended_jobs({&m_watchlist->download_observer(), m_playlists.get()}),
      m_downloads(std::make_unique<DownloadService>(*m_settings, *m_store, m_clock,
                                                    m_library->filing_observer(), m_ended_jobs)),
      m_templates(load_templates()),
      m_session_store(*m_store),
      m_sessions(m_session_store, m_clock),
      m_login_throttle(m_clock),
      m_console(*this),
      m_ui{m_console, *m_templates, m_sessions, m_login_throttle, [this] { return ui_options(); }},
      m_imports(std::make_unique<ImportService>(*m_store, m_spotify->catalog(), m_library->tracks(),
                                                m_clock)),
      m_server(server_options(*m_settings)),
      m_watchdog(notifier, systemd::watchdog_interval(), [this] { return serves_requests(); }) {
  register_metrics();
  // Outermost: turns the pipeline's JSON errors on /ui/ paths into pages.
  m_server.router().use(ui::page_errors(m_ui));
  api::install_pipeline(
      m_server.router(), m_metrics,
      [this] {
        // The policy is a member of the settings snapshot; aliasing keeps that snapshot alive.
        auto current = this->settings();
        return std::shared_ptr<const http::SecurityPolicy>(current, &current->security);
      },
      m_clock, ui::session_authenticator(m_ui));
  for (http::Route& route : api::routes(*this)) {
    m_server.add(std::move(route));
  }
  for (http::Route& route : ui::routes(m_ui)) {
    m_server.add(std::move(route));
  }
}

ui::UiOptions App::ui_options() const {
  const auto current = settings();
  return {current->security.api_keys, current->ui_session_ttl, current->ui_cookies_secure,
          !current->slskd_url.empty()};
}

App::~App() {
  stop(std::chrono::seconds(5));
}

std::shared_ptr<const config::Settings> App::settings() const {
  std::lock_guard lock(m_settings_mutex);
  return m_settings;
}

void App::start() {
  auto port = m_server.bind();
  if (!port) {
    throw ErrorException(std::move(port).error());
  }
  m_port = *port;
  {
    const auto current = settings();
    const std::size_t stale = health::remove_stale_probes(
        {current->config_dir, current->downloads_dir, current->music_dir});
    if (stale > 0) {
      log::info(fmt::format("removed {} stale readiness probe file(s)", stale));
    }
  }
  m_library->start();
  m_downloads->start();
  m_spotify->start(m_port);
  m_watchlist->start();
  m_playlists->start();
  m_imports->start();
  std::promise<void> served;
  m_served = served.get_future().share();
  m_serving = true;
  m_serve_thread = std::thread([this, served = std::move(served)]() mutable {
    m_server.serve();
    m_serving = false;
    served.set_value();
  });
}

bool App::stop(std::chrono::milliseconds drain) noexcept {
  m_imports->stop();
  m_playlists->stop();
  m_watchlist->stop();
  m_downloads->stop();
  m_spotify->stop();
  m_library->stop();
  if (!m_serve_thread.joinable()) {
    return true;
  }
  const auto deadline = std::chrono::steady_clock::now() + drain;
  // stop() only closes a listener that is already accepting, so repeat it until serve()
  // returns: a signal may arrive before the serve thread reached its accept loop.
  do {
    m_server.request_stop();
  } while (m_served.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready &&
           std::chrono::steady_clock::now() < deadline);
  if (m_served.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    log::warning(
        fmt::format("{} request(s) still running after the {} ms drain; exiting without them",
                    m_server.in_flight(), drain.count()));
    return false;
  }
  m_serve_thread.join();
  return true;
}

void App::reload() {
  auto loaded = config::load_settings(m_load_options);
  if (!loaded) {
    log::error(fmt::format("reload failed, keeping the current configuration: {}",
                           loaded.error().message));
    return;
  }
  const auto current = settings();
  for (const auto& [name, before, after] :
       {std::tuple{"APP_HOST", current->host, loaded->host},
        std::tuple{"APP_PORT", std::to_string(current->port), std::to_string(loaded->port)},
        std::tuple{"DATABASE_URL", current->database_path, loaded->database_path},
        std::tuple{"DOWNLOADS_DIR", current->downloads_dir, loaded->downloads_dir},
        std::tuple{"MUSIC_DIR", current->music_dir, loaded->music_dir},
        std::tuple{"HTTP_WORKERS", std::to_string(current->http_workers),
                   std::to_string(loaded->http_workers)},
        std::tuple{"HTTP_MAX_CONNECTIONS", std::to_string(current->http_max_connections),
                   std::to_string(loaded->http_max_connections)},
        std::tuple{"HTTP_REQUEST_DEADLINE", std::to_string(current->http_request_deadline.count()),
                   std::to_string(loaded->http_request_deadline.count())}}) {
    if (before != after) {
      log::warning(fmt::format("{} changed; it takes effect after a restart", name),
                   {{"KEY", name}});
    }
  }
  if (loaded->slskd_url != current->slskd_url ||
      loaded->slskd_api_key.reveal() != current->slskd_api_key.reveal()) {
    log::warning(
        "SLSKD_URL or SLSKD_API_KEY changed; health checks use it now, downloads after "
        "a restart");
  }
  // Restart-only values stay as they are, so /env and readiness describe what actually runs.
  loaded->host = current->host;
  loaded->port = current->port;
  loaded->database_path = current->database_path;
  loaded->downloads_dir = current->downloads_dir;
  loaded->music_dir = current->music_dir;
  loaded->http_workers = current->http_workers;
  loaded->http_max_connections = current->http_max_connections;
  loaded->http_request_deadline = current->http_request_deadline;
  for (const std::string& warning : loaded->warnings) {
    log::warning(warning);
  }
  log::set_min_level(loaded->log_level);
  {
    std::lock_guard lock(m_settings_mutex);
    m_settings = std::make_shared<const config::Settings>(std::move(*loaded));
  }
  {
    std::lock_guard lock(m_connections_mutex);
    m_connections_at = {};
  }
  log::info("configuration reloaded");
}

std::string App::url() const {
  const auto current = settings();
  const std::string host = current->host == "0.0.0.0" ? std::string("127.0.0.1") : current->host;
  return fmt::format("http://{}:{}/", host, m_port);
}

std::string App::status_line() {
  const auto report = readiness();
  std::string line = fmt::format("serving on {}", url());
  if (!settings()->auth_enabled()) {
    line += "; API open (no HARMONY_API_KEYS)";
  }
  for (const auto& check : report.checks) {
    if (check.failed()) {
      return line + "; not ready: " + check.problem;
    }
  }
  return line + "; ready";
}

health::ReadinessReport App::readiness() {
  return m_readiness.get([this] { return evaluate_readiness(); });
}

health::ReadinessReport App::evaluate_readiness() {
  const auto current = settings();
  integrations::SlskdProbe slskd(current->slskd_url, current->slskd_api_key,
                                 current->dependency_timeout);
  // The daemon's cached app token: SPOTIFY_* keys apply after a restart, like the service.
  integrations::SpotifyProbe spotify(m_spotify->settings(),
                                     [this] { return m_spotify->check_app_token(); });
  const health::Readiness readiness(
      [current] { return std::shared_ptr<const config::Settings>(current); },
      [this] { return store::inspect_database(m_store->path()); }, slskd, spotify);
  health::ReadinessReport report = readiness.evaluate();
  for (const auto& check : report.checks) {
    m_metrics
        .gauge("harmony_readiness_check",
               "1 when the readiness check passed (or is not configured), else 0.",
               {{"check", check.name}})
        .set(check.failed() ? 0 : 1);
  }
  m_metrics.gauge("harmony_ready", "1 when the last readiness evaluation passed.")
      .set(report.ok() ? 1 : 0);
  return report;
}

bool App::serves_requests() const {
  if (!m_serving.load()) {
    return false;
  }
  // Through the front door, so a wedged worker pool or accept loop stops the pings and systemd
  // restarts harmonyd, where a flag would keep saying "alive".
  const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::clamp(m_watchdog.period() / 4, std::chrono::microseconds(100'000),
                 std::chrono::microseconds(2'000'000)));
  return wire::probe_url(url() + "api/health/live", timeout).ok();
}

double App::uptime_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
}

nlohmann::json App::connections() {
  std::lock_guard lock(m_connections_mutex);
  // Probing costs up to HEALTH_DEP_TIMEOUT_MS, so /status reuses a result for 10 s.
  if (m_connections.is_null() ||
      std::chrono::steady_clock::now() - m_connections_at > std::chrono::seconds(10)) {
    const auto current = settings();
    integrations::SlskdProbe slskd(current->slskd_url, current->slskd_api_key,
                                   current->dependency_timeout);
    integrations::SpotifyProbe spotify(m_spotify->settings(),
                                       [this] { return m_spotify->check_app_token(); });
    m_connections = {{"slskd", health::to_string(slskd.probe().status)},
                     {"spotify", health::to_string(spotify.probe().status)}};
    m_connections_at = std::chrono::steady_clock::now();
  }
  return m_connections;
}

nlohmann::json App::status() {
  const auto& writes = m_store->writes();
  nlohmann::json workers = {
      {"http",
       {{"status", m_serving ? "running" : "stopped"},
        {"threads", m_server.worker_threads()},
        {"in_flight", m_server.in_flight()}}},
      {"db_writer",
       {{"status", "running"},
        {"queue_size", writes.depth()},
        {"committed", writes.committed_jobs()},
        {"failed", writes.failed_jobs()}}},
      {"downloads", m_downloads->status()},
  };
  nlohmann::json links = connections();
  const bool degraded = links["slskd"] == "fail" || links["spotify"] == "fail";
  return {{"status", degraded ? "degraded" : "ok"},
          {"version", k_version},
          {"uptime_seconds", uptime_seconds()},
          {"workers", std::move(workers)},
          {"connections", std::move(links)}};
}

nlohmann::json App::environment() {
  const auto current = settings();
  nlohmann::json keys = nlohmann::json::object();
  for (const auto& shown : current->shown) {
    keys[shown.key] = {{"value", shown.value}, {"origin", shown.origin}};
  }
  nlohmann::json auth = {{"enabled", current->auth_enabled()},
                         {"keys", current->security.api_keys.size()}};
  if (!current->auth_enabled()) {
    auth["warning"] = "the API is open: set HARMONY_API_KEYS to require a key";
  }
  return {
      {"profile", config::to_string(current->profile)},
      {"config_dir", current->config_dir},
      {"config_file", current->config_file},
      {"auth", std::move(auth)},
      {"keys", std::move(keys)},
      {"warnings", current->warnings},
      {"build",
       {{"version", k_version},
        {"started_at", fmt::format("{:%FT%TZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(
                                                    m_started_wall)))}}}};
}

std::string App::metrics_text() {
  return m_metrics.render();
}

void App::register_metrics() {
  metrics::register_process_metrics(m_metrics);
  m_metrics
      .gauge("harmony_build_info", "Build information; the value is always 1.",
             {{"version", k_version}})
      .set(1);
  const auto* writes = &m_store->writes();
  m_metrics.counter_callback("harmony_db_writes_total",
                             "Write jobs through the single writer, by result.",
                             [writes] { return static_cast<double>(writes->committed_jobs()); },
                             {{"result", "committed"}});
  m_metrics.counter_callback(
      "harmony_db_writes_total", "Write jobs through the single writer, by result.",
      [writes] { return static_cast<double>(writes->failed_jobs()); }, {{"result", "failed"}});
  m_metrics.gauge_callback("harmony_db_write_queue_depth", "Write jobs waiting for the writer.",
                           [writes] { return static_cast<double>(writes->depth()); });
  const std::string path = m_store->path();
  m_metrics.gauge_callback("harmony_db_size_bytes", "Size of the database file and its WAL.",
                           [path] {
                             std::error_code ec;
                             double total = 0;
                             for (const std::string& file : {path, path + "-wal"}) {
                               const auto size = std::filesystem::file_size(file, ec);
                               total += ec ? 0.0 : static_cast<double>(size);
                             }
                             return total;
                           });
  m_metrics.gauge("harmony_db_schema_version", "Schema version of the database.")
      .set(m_store->schema_version());
  m_downloads->register_metrics(m_metrics);
  m_spotify->register_metrics(m_metrics);
  m_library->register_metrics(m_metrics);
  m_watchlist->register_metrics(m_metrics);
  m_playlists->register_metrics(m_metrics);
  m_imports->register_metrics(m_metrics);
}

}  // namespace harmony::harmonyd
