#include "SpotifyService.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "integrations/spotify/Failure.hpp"
#include "log/Log.hpp"

namespace harmony::harmonyd {
namespace {

using nlohmann::json;
using spotify::Failure;

// At most 6 manual completions per 5 minutes per client.
const http::RateLimit k_manual_limit{true, 6, 6.0 / 300.0};

json iso_time(std::int64_t unix_ms) {
  if (unix_ms <= 0) {
    return nullptr;
  }
  return fmt::format("{:%FT%TZ}", fmt::gmtime(static_cast<std::time_t>(unix_ms / 1000)));
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

spotify::GateOptions gate_options(const config::SpotifySettings& settings) {
  spotify::GateOptions options;
  options.requests_per_30s = settings.requests_per_30s;
  return options;
}

}  // namespace

SpotifyService::SpotifyService(const config::SpotifySettings& settings, store::Store& store,
                               const Clock& clock, metrics::Registry& metrics)
    : m_settings(settings),
      m_clock(clock),
      m_gate(clock, gate_options(settings)),
      m_api({settings.api_url}, m_transport, m_gate, &metrics),
      m_accounts({settings.accounts_url, settings.client_id, settings.client_secret}, m_transport,
                 &metrics),
      m_app_tokens(m_accounts, clock),
      m_sessions(store),
      m_session({settings.redirect_uri, settings.scopes, settings.state_ttl}, m_accounts, m_api,
                m_sessions, clock, &metrics),
      m_catalog(m_api, m_app_tokens, m_session),
      m_playlists(m_api, m_session),
      m_manual_attempts(clock, 1000) {}

SpotifyService::~SpotifyService() {
  stop();
}

void SpotifyService::start(int console_port) {
  const auto loopback = config::loopback_redirect(m_settings.redirect_uri);
  if (!m_settings.configured() || !loopback) {
    return;
  }
  if (console_port > 0) {
    // The redirect URI is loopback, so the browser that reaches the callback runs on this
    // machine and reaches harmonyd's own port on the same host.
    const bool v6 = loopback->host.find(':') != std::string::npos;
    m_console_url = fmt::format("http://{}{}{}:{}/ui/spotify", v6 ? "[" : "", loopback->host,
                                v6 ? "]" : "", console_port);
  }
  m_callback = std::make_unique<http::Server>(
      http::ServerOptions{loopback->host, loopback->port, 4, std::size_t{64} * 1024, 2});
  m_callback->add({"GET", loopback->path,
                   [this](const http::Request& request) { return callback(request); },
                   http::Access::open, false});
  auto port = m_callback->bind();
  if (!port) {
    log::warning(fmt::format("cannot serve the Spotify redirect URI {} ({}); logins can still "
                             "be finished with POST /api/v1/oauth/manual",
                             m_settings.redirect_uri, port.error().message),
                 {{"KEY", "SPOTIFY_REDIRECT_URI"}});
    m_callback.reset();
    return;
  }
  m_callback_port = *port;
  m_callback_thread = std::thread([this] { m_callback->serve(); });
  log::info(fmt::format("serving the Spotify redirect URI {}", m_settings.redirect_uri));
}

void SpotifyService::stop() noexcept {
  if (m_callback_thread.joinable()) {
    m_callback->stop();
    m_callback_thread.join();
  }
}

Result<void> SpotifyService::require_configured() const {
  if (m_settings.configured()) {
    return {};
  }
  const char* missing = m_settings.client_id.empty() && m_settings.client_secret.empty()
                            ? "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET are"
                        : m_settings.client_id.empty() ? "SPOTIFY_CLIENT_ID is"
                                                       : "SPOTIFY_CLIENT_SECRET is";
  return spotify::failure(ErrorKind::unavailable, Failure::not_configured,
                          fmt::format("Spotify is not configured: {} not set (see "
                                      "docs/spotify.md)",
                                      missing));
}

Result<void> SpotifyService::check_app_token() {
  if (auto configured = require_configured(); !configured) {
    return configured;
  }
  auto token = m_app_tokens.access_token();
  return token ? Result<void>() : Result<void>(std::move(token).error());
}

void SpotifyService::register_metrics(metrics::Registry& registry) {
  registry.counter_callback("harmony_spotify_rate_limited_seconds_total",
                            "Time harmonyd held every Spotify request after a 429.",
                            [this] { return m_gate.latched_seconds_total(); });
  registry.counter_callback("harmony_spotify_rate_limits_total",
                            "429 answers that latched the Spotify client.",
                            [this] { return static_cast<double>(m_gate.latches()); });
  registry.gauge_callback("harmony_spotify_rate_limited",
                          "1 while Spotify requests are held after a 429.",
                          [this] { return m_gate.latched_until() ? 1.0 : 0.0; });
}

Result<json> SpotifyService::oauth_start() {
  if (auto configured = require_configured(); !configured) {
    return std::move(configured).error();
  }
  auto login = m_session.start();
  if (!login) {
    return std::move(login).error();
  }
  return json{{"provider", "spotify"},
              {"authorization_url", login->authorization_url},
              {"state", login->state},
              {"code_challenge_method", "S256"},
              {"redirect_uri", login->redirect_uri},
              {"expires_at", iso_time(login->expires_ms)},
              {"callback_served", m_callback_port != 0},
              {"manual_completion_url", "/api/v1/oauth/manual"}};
}

Result<json> SpotifyService::oauth_manual(const std::string& redirect_url,
                                          const std::string& client) {
  if (auto configured = require_configured(); !configured) {
    return std::move(configured).error();
  }
  if (!m_manual_attempts.take(client, k_manual_limit).allowed) {
    return spotify::failure(ErrorKind::invalid, Failure::manual_rate_limited,
                            "more than 6 manual completions in 5 minutes from this client; wait "
                            "and try again");
  }
  auto state = m_session.complete_from_url(redirect_url);
  if (!state) {
    return std::move(state).error();
  }
  const auto now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.wall_now().time_since_epoch())
          .count();
  return json{
      {"ok", true}, {"provider", "spotify"}, {"state", *state}, {"completed_at", iso_time(now_ms)}};
}

json SpotifyService::oauth_status(const std::string& state) {
  json body{{"provider", "spotify"},
            {"state", state},
            {"status", "unknown"},
            {"redirect_uri", m_settings.redirect_uri},
            {"manual_completion_url", "/api/v1/oauth/manual"}};
  auto found = m_session.transaction(state);
  if (!found || !*found) {
    return body;
  }
  const auto& t = **found;
  body["status"] = t.status == "exchanging" ? "pending" : t.status;
  body["created_at"] = iso_time(t.created_ms);
  body["expires_at"] = iso_time(t.expires_ms);
  body["completed_at"] = iso_time(t.completed_ms);
  body["error_code"] = t.error_code.empty() ? json(nullptr) : json(t.error_code);
  body["message"] = t.message;
  return body;
}

json SpotifyService::status() {
  json body{{"status", "unconfigured"},
            {"user", nullptr},
            {"scopes", json::array()},
            {"token_expires_at", nullptr},
            {"rate_limited_until", nullptr},
            {"redirect_uri", m_settings.redirect_uri},
            {"callback_served", m_callback_port != 0}};
  if (auto configured = require_configured(); !configured) {
    body["reason"] = configured.error().message;
    return body;
  }
  const auto session = m_session.status();
  body["status"] = session.connected ? "connected" : "unauthenticated";
  if (!session.reason.empty()) {
    body["reason"] = session.reason;
  }
  if (session.connected) {
    body["user"] = {{"id", session.user_id}, {"display_name", session.user_name}};
    json scopes = json::array();
    for (std::size_t at = 0; at < session.scope.size();) {
      const auto space = std::min(session.scope.find(' ', at), session.scope.size());
      if (space > at) {
        scopes.push_back(session.scope.substr(at, space - at));
      }
      at = space + 1;
    }
    body["scopes"] = std::move(scopes);
    body["token_expires_at"] = iso_time(session.expires_ms);
  }
  // Refused app credentials break every catalogue call: say so rather than look healthy.
  if (const auto error = m_app_tokens.last_error(); error && error->kind == ErrorKind::config) {
    body["status"] = "error";
    body["reason"] = error->message;
  }
  if (const auto until = m_gate.latched_until()) {
    body["status"] = "rate_limited";
    const auto wall =
        m_clock.wall_now() +
        std::chrono::duration_cast<std::chrono::system_clock::duration>(*until - m_clock.now());
    body["rate_limited_until"] = iso_time(
        std::chrono::duration_cast<std::chrono::milliseconds>(wall.time_since_epoch()).count() +
        999);
  }
  return body;
}

Result<void> SpotifyService::forget_user() {
  if (auto configured = require_configured(); !configured) {
    return configured;
  }
  return m_session.forget();
}

Result<json> SpotifyService::search(const std::string& type, const std::string& query, int limit,
                                    int offset) {
  if (auto configured = require_configured(); !configured) {
    return std::move(configured).error();
  }
  const auto page_json = [&](const auto& page) {
    json items = json::array();
    for (const auto& item : page.items) {
      items.push_back(spotify::to_json(item));
    }
    return json{{"type", type},
                {"query", query},
                {"limit", page.limit},
                {"offset", page.offset},
                {"total", page.total},
                {"has_next", page.has_next},
                {"rejected", page.rejected},
                {"items", std::move(items)}};
  };
  if (type == "artist") {
    auto page = m_catalog.search_artists(query, limit, offset);
    return page ? Result<json>(page_json(*page)) : Result<json>(std::move(page).error());
  }
  if (type == "album") {
    auto page = m_catalog.search_albums(query, limit, offset);
    return page ? Result<json>(page_json(*page)) : Result<json>(std::move(page).error());
  }
  auto page = m_catalog.search_tracks(query, limit, offset);
  return page ? Result<json>(page_json(*page)) : Result<json>(std::move(page).error());
}

Result<json> SpotifyService::artist(const std::string& id) {
  if (auto configured = require_configured(); !configured) {
    return std::move(configured).error();
  }
  auto artist = m_catalog.artist(id);
  if (!artist) {
    return std::move(artist).error();
  }
  auto releases = m_catalog.artist_albums(id, 200);
  if (!releases) {
    return std::move(releases).error();
  }
  json body = spotify::to_json(*artist);
  body["releases"] = json::array();
  for (const auto& album : *releases) {
    body["releases"].push_back(spotify::to_json(album));
  }
  return body;
}

Result<json> SpotifyService::album(const std::string& id) {
  if (auto configured = require_configured(); !configured) {
    return std::move(configured).error();
  }
  auto album = m_catalog.album(id, true);
  if (!album) {
    return std::move(album).error();
  }
  return spotify::to_json(*album);
}

Result<json> SpotifyService::playlist_items(const std::string& id, int limit, int offset) {
  if (auto configured = require_configured(); !configured) {
    return std::move(configured).error();
  }
  auto page = m_catalog.playlist_items(id, limit, offset);
  if (!page) {
    return std::move(page).error();
  }
  json items = json::array();
  for (const auto& entry : page->items) {
    items.push_back({{"added_at", entry.added_at}, {"item", spotify::to_json(entry.item)}});
  }
  return json{{"limit", page->limit},       {"offset", page->offset},
              {"total", page->total},       {"has_next", page->has_next},
              {"rejected", page->rejected}, {"items", std::move(items)}};
}

std::int64_t SpotifyService::retry_after_seconds() {
  return m_gate.retry_after_seconds();
}

http::Response SpotifyService::callback(const http::Request& request) {
  std::map<std::string, std::string> params;
  for (const auto& [key, value] : request.query) {
    params.emplace(key, value);
  }
  auto state = m_session.complete(params);
  std::string title = "Spotify is connected";
  std::string text = "harmonyd now has access to your Spotify account.";
  int status = 200;
  if (!state) {
    status = 400;
    title = "Spotify was not connected";
    text = html_escape(state.error().message) + " (" +
           std::string(spotify::error_code(spotify::failure_of(state.error()))) +
           "). Start again from harmonyd, or, if the browser ended on another machine, send the "
           "full address it shows to POST /api/v1/oauth/manual as {\"redirect_url\": \"…\"}.";
    log::warning("Spotify login not completed: " + state.error().message);
  } else {
    log::info("Spotify user connected through the redirect listener");
  }
  const std::string back =
      m_console_url.empty()
          ? std::string()
          : fmt::format("<p><a href=\"{}\" id=\"back\">Back to Harmony's Spotify page</a></p>",
                        html_escape(m_console_url));
  auto response = http::Response::text(
      status,
      fmt::format("<!doctype html><html><head><meta charset=\"utf-8\"><title>{0}</title></head>"
                  "<body><h1>{0}</h1><p>{1}</p>{2}</body></html>\n",
                  title, text, back),
      "text/html; charset=utf-8");
  // The page's address holds the code: keep it out of caches, frames and Referer headers.
  response.set_header("Cache-Control", "no-store");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Content-Security-Policy", "default-src 'none'");
  return response;
}

}  // namespace harmony::harmonyd
