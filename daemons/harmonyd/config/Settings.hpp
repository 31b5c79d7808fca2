#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "config/Keys.hpp"
#include "config/SpotifySettings.hpp"
#include "core/Result.hpp"
#include "hdm/FormatPreference.hpp"
#include "hdm/MoveTemplate.hpp"
#include "hdm/SearchPacer.hpp"
#include "http/Security.hpp"
#include "log/Log.hpp"
#include "log/Redact.hpp"

namespace harmony::harmonyd::config {

// A key as /env shows it: the effective value (secrets redacted) and where it came from.
struct ShownValue {
  std::string key;
  std::string value;
  std::string origin;
};

// The download pipeline's keys (issue 8), validated: the template's placeholders and the
// format list are parsed at startup, so a typo stops harmonyd with exit 78.
struct DownloadSettings {
  std::string move_template = std::string(hdm::MoveTemplate::k_default);
  std::string preferred_formats = std::string(hdm::FormatPreference::k_default);
  std::vector<std::string> edition_words;  // EDITION_WORDS, normalised
  double match_threshold = 0.6;
  hdm::SearchBudget budget;
  int max_attempts = 5;
  std::chrono::milliseconds retry_backoff{60'000};
  std::chrono::milliseconds remote_queue_timeout{300'000};
  std::chrono::milliseconds stall_timeout{600'000};
  std::chrono::milliseconds search_timeout{15'000};
  std::chrono::milliseconds poll_interval{1'000};
};

// harmonyd's validated configuration. Built from the layered sources; every field has passed
// its checks, so the rest of the daemon never re-validates. Paths are absolute.
struct Settings {
  Profile profile = Profile::container;
  std::string config_dir;
  std::string config_file;  // harmony.yml in use (may not exist yet)
  std::string env_file;     // CONFIG_DIR/.env (may not exist)
  std::string host;
  int port = 8080;
  log::Level log_level = log::Level::info;
  std::string database_path;
  bool db_reset = false;
  std::string downloads_dir;
  std::string music_dir;
  std::size_t http_workers = 4;
  std::size_t http_max_connections = 256;
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
  std::chrono::milliseconds http_request_deadline{30'000};  // HTTP_REQUEST_DEADLINE
  http::SecurityPolicy security;
  std::chrono::milliseconds ui_session_ttl{std::chrono::hours(8)};  // UI_SESSION_TTL
  bool ui_cookies_secure = false;                                   // UI_COOKIES_SECURE
  std::chrono::milliseconds dependency_timeout{800};
  std::string slskd_url;  // SLSKD_URL, or its older name SLSKD_BASE_URL
  log::Secret slskd_api_key;
  DownloadSettings downloads;
  SpotifySettings spotify;
  // LIBRARY_SCAN_INTERVAL; zero: MUSIC_DIR is scanned only at start and on request.
  std::chrono::milliseconds library_scan_interval{std::chrono::hours(6)};
  std::chrono::milliseconds watchlist_interval{std::chrono::hours(12)};  // WATCHLIST_INTERVAL
  std::chrono::milliseconds playlist_sync_interval{
      std::chrono::hours(6)};                                             // PLAYLIST_SYNC_INTERVAL
  std::chrono::milliseconds activity_retention{std::chrono::hours(720)};  // ACTIVITY_RETENTION

  std::vector<ShownValue> shown;      // every key, for /env
  std::vector<std::string> warnings;  // unknown keys etc., logged by the caller

  bool auth_enabled() const noexcept { return !security.api_keys.empty(); }
};

struct LoadOptions {
  std::string config_file;  // --config: use this file instead of CONFIG_DIR/harmony.yml
};

// HARMONY_PROFILE and CONFIG_DIR from the environment, then harmony.yml, CONFIG_DIR/.env and
// the environment (lowest to highest precedence). Errors are ErrorKind::config naming the key
// (or file and line) and its source.
Result<Profile> profile_from_environment();
Result<std::string> config_dir_from_environment(Profile profile);
Result<Settings> load_settings(const LoadOptions& options);

std::string_view to_string(Profile profile) noexcept;

}  // namespace harmony::harmonyd::config
