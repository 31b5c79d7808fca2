#include "config/Settings.hpp"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "config/Config.hpp"
#include "config/Loaders.hpp"
#include "core/Duration.hpp"
#include "hdm/CandidateScorer.hpp"

namespace harmony::harmonyd::config {
namespace fs = std::filesystem;
using harmony::config::Config;

namespace {

std::string absolute(const std::string& path) {
  return path.empty() ? path : fs::absolute(path).lexically_normal().string();
}

// Reads every key through one typed getter per kind, stopping at the first invalid value.
class Reader {
 public:
  Reader(const Config& config, Profile profile) : m_config(config), m_profile(profile) {}

  std::string fallback(const std::string& key) const {
    return default_for(*find_key(key), m_profile);
  }

  Result<std::string> text(const std::string& key) const {
    return m_config.get_string(key, fallback(key));
  }
  Result<std::int64_t> integer(const std::string& key, std::int64_t min, std::int64_t max) const {
    return m_config.get_int(key, std::stoll(fallback(key)), min, max);
  }
  Result<double> number(const std::string& key, double min, double max) const {
    return m_config.get_double(key, std::stod(fallback(key)), min, max);
  }
  Result<bool> flag(const std::string& key) const {
    return m_config.get_bool(key, fallback(key) == "true");
  }
  Result<std::vector<std::string>> list(const std::string& key) const {
    std::vector<std::string> defaults;
    if (const std::string value = fallback(key); !value.empty()) {
      defaults.push_back(value);  // every list default is a single item ("*") or empty
    }
    return m_config.get_list(key, defaults);
  }
  Error invalid(const std::string& key, std::string_view expected) const {
    return make_error(ErrorKind::config,
                      fmt::format("invalid value for key '{}' in {}: expected {}", key,
                                  m_config.origin_of(key), expected));
  }

 private:
  const Config& m_config;
  Profile m_profile;
};

Result<std::chrono::milliseconds> read_duration(const Reader& read, const std::string& key);

Result<void> read_core(const Reader& read, const Config& config, Settings& s) {
  std::string level;
  HARMONY_TRY_ASSIGN(s.host, read.text("APP_HOST"));
  std::int64_t port = 0;
  HARMONY_TRY_ASSIGN(port, read.integer("APP_PORT", 1, 65535));
  s.port = static_cast<int>(port);
  HARMONY_TRY_ASSIGN(level, read.text("HARMONY_LOG_LEVEL"));
  for (char& c : level) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!log::parse_level(level, s.log_level)) {
    return make_error(ErrorKind::config,
                      fmt::format("invalid value '{}' for key 'HARMONY_LOG_LEVEL' in {}: expected "
                                  "debug, info, notice, warning, error or critical",
                                  level.substr(0, 32), config.origin_of("HARMONY_LOG_LEVEL")));
  }
  std::string database;
  HARMONY_TRY_ASSIGN(database, read.text("DATABASE_URL"));
  if (database.starts_with("sqlite:///")) {
    database = database.substr(std::string_view("sqlite://").size());
  } else if (database.find("://") != std::string::npos || database == ":memory:") {
    return read.invalid("DATABASE_URL",
                        "a file path or sqlite:///absolute/path (only SQLite files are supported)");
  }
  s.database_path = absolute(database.empty() ? s.config_dir + "/harmony.db" : database);
  HARMONY_TRY_ASSIGN(s.db_reset, read.flag("DB_RESET"));
  HARMONY_TRY_ASSIGN(s.downloads_dir, read.text("DOWNLOADS_DIR"));
  HARMONY_TRY_ASSIGN(s.music_dir, read.text("MUSIC_DIR"));
  s.downloads_dir = absolute(s.downloads_dir);
  s.music_dir = absolute(s.music_dir);
  if (s.downloads_dir.empty() || s.music_dir.empty()) {
    return read.invalid(s.music_dir.empty() ? "MUSIC_DIR" : "DOWNLOADS_DIR", "a directory path");
  }
  std::int64_t workers = 0;
  std::int64_t body = 0;
  std::int64_t connections = 0;
  HARMONY_TRY_ASSIGN(workers, read.integer("HTTP_WORKERS", 2, 256));
  HARMONY_TRY_ASSIGN(connections, read.integer("HTTP_MAX_CONNECTIONS", 2, 4096));
  HARMONY_TRY_ASSIGN(body, read.integer("HTTP_MAX_BODY_BYTES", 1024, 1LL << 30));
  if (connections < workers) {
    return read.invalid("HTTP_MAX_CONNECTIONS", "at least HTTP_WORKERS");
  }
  s.http_workers = static_cast<std::size_t>(workers);
  s.http_max_connections = static_cast<std::size_t>(connections);
  s.max_body_bytes = static_cast<std::size_t>(body);
  HARMONY_TRY_ASSIGN(s.http_request_deadline, read_duration(read, "HTTP_REQUEST_DEADLINE"));
  if (s.http_request_deadline < std::chrono::seconds(1) ||
      s.http_request_deadline > std::chrono::hours(1)) {
    return read.invalid("HTTP_REQUEST_DEADLINE", "a duration from 1s to 1h such as 30s");
  }
  return {};
}

Result<void> read_security(const Reader& read, Settings& s) {
  HARMONY_TRY_ASSIGN(s.security.api_keys, read.list("HARMONY_API_KEYS"));
  HARMONY_TRY_ASSIGN(s.security.auth_allowlist, read.list("AUTH_ALLOWLIST"));
  HARMONY_TRY_ASSIGN(s.security.allowed_origins, read.list("ALLOWED_ORIGINS"));
  HARMONY_TRY_ASSIGN(s.security.rate_limit.enabled, read.flag("RATE_LIMIT_ENABLED"));
  HARMONY_TRY_ASSIGN(s.security.rate_limit.capacity, read.number("RATE_LIMIT_BUCKET_CAP", 1, 1e6));
  HARMONY_TRY_ASSIGN(s.security.rate_limit.refill_per_second,
                     read.number("RATE_LIMIT_REFILL_PER_SEC", 0.01, 1e6));
  HARMONY_TRY_ASSIGN(s.ui_cookies_secure, read.flag("UI_COOKIES_SECURE"));
  HARMONY_TRY_ASSIGN(s.ui_session_ttl, read_duration(read, "UI_SESSION_TTL"));
  if (s.ui_session_ttl < std::chrono::minutes(1) || s.ui_session_ttl > std::chrono::days(30)) {
    return read.invalid("UI_SESSION_TTL", "a duration from 1m to 720h such as 8h");
  }
  for (const std::string& prefix : s.security.auth_allowlist) {
    if (!prefix.starts_with('/')) {
      return read.invalid("AUTH_ALLOWLIST", "path prefixes starting with '/'");
    }
  }
  return {};
}

Result<void> read_integrations(const Reader& read, Settings& s) {
  std::int64_t timeout = 0;
  HARMONY_TRY_ASSIGN(timeout, read.integer("HEALTH_DEP_TIMEOUT_MS", 50, 10000));
  s.dependency_timeout = std::chrono::milliseconds(timeout);
  HARMONY_TRY_ASSIGN(s.slskd_url, read.text("SLSKD_URL"));
  if (s.slskd_url.empty()) {
    HARMONY_TRY_ASSIGN(s.slskd_url, read.text("SLSKD_BASE_URL"));
  }
  while (s.slskd_url.ends_with('/')) {
    s.slskd_url.pop_back();
  }
  if (!s.slskd_url.empty() && !s.slskd_url.starts_with("http://") &&
      !s.slskd_url.starts_with("https://")) {
    return read.invalid("SLSKD_URL", "an http:// or https:// URL such as http://127.0.0.1:5030");
  }
  std::string secret;
  HARMONY_TRY_ASSIGN(secret, read.text("SLSKD_API_KEY"));
  s.slskd_api_key = log::Secret(secret);
  return {};
}

Result<std::chrono::milliseconds> read_duration(const Reader& read, const std::string& key) {
  auto text = read.text(key);
  if (!text) {
    return std::move(text).error();
  }
  auto parsed = parse_duration(*text);
  if (!parsed || parsed->count() <= 0) {
    return read.invalid(key, "a duration such as 30s, 5m or 1h");
  }
  return *parsed;
}

Result<void> read_downloads(const Reader& read, Settings& s) {
  DownloadSettings& d = s.downloads;
  HARMONY_TRY_ASSIGN(d.move_template, read.text("MOVE_TEMPLATE"));
  if (auto tmpl = hdm::MoveTemplate::parse(d.move_template); !tmpl) {
    return std::move(tmpl).error();
  }
  HARMONY_TRY_ASSIGN(d.preferred_formats, read.text("PREFERRED_FORMATS"));
  if (auto formats = hdm::FormatPreference::parse(d.preferred_formats); !formats) {
    return std::move(formats).error();
  }
  std::string edition_words;
  HARMONY_TRY_ASSIGN(edition_words, read.text("EDITION_WORDS"));
  auto words = hdm::parse_edition_words(edition_words);
  if (!words) {
    return read.invalid("EDITION_WORDS", "single words separated by commas, e.g. 'live, remix'");
  }
  d.edition_words = std::move(*words);
  HARMONY_TRY_ASSIGN(d.match_threshold, read.number("MATCH_THRESHOLD", 0.0, 1.0));
  std::string budget;
  HARMONY_TRY_ASSIGN(budget, read.text("SEARCH_BUDGET"));
  const auto slash = budget.find('/');
  const auto window = slash == std::string::npos
                          ? Result<std::chrono::milliseconds>(make_error(ErrorKind::invalid, ""))
                          : parse_duration(budget.substr(slash + 1));
  int count = 0;
  const auto [end, ec] =
      std::from_chars(budget.data(), budget.data() + std::min(slash, budget.size()), count);
  if (slash == std::string::npos || ec != std::errc() || end != budget.data() + slash ||
      count < 1 || !window || window->count() <= 0) {
    return read.invalid("SEARCH_BUDGET", "searches per window such as 34/220s");
  }
  d.budget.searches = count;
  d.budget.window = *window;
  std::int64_t attempts = 0;
  HARMONY_TRY_ASSIGN(attempts, read.integer("DOWNLOAD_MAX_ATTEMPTS", 1, 100));
  d.max_attempts = static_cast<int>(attempts);
  HARMONY_TRY_ASSIGN(d.retry_backoff, read_duration(read, "DOWNLOAD_RETRY_BACKOFF"));
  HARMONY_TRY_ASSIGN(d.remote_queue_timeout, read_duration(read, "DOWNLOAD_REMOTE_QUEUE_TIMEOUT"));
  HARMONY_TRY_ASSIGN(d.stall_timeout, read_duration(read, "DOWNLOAD_STALL_TIMEOUT"));
  HARMONY_TRY_ASSIGN(d.search_timeout, read_duration(read, "SEARCH_TIMEOUT"));
  HARMONY_TRY_ASSIGN(d.poll_interval, read_duration(read, "DOWNLOAD_POLL_INTERVAL"));
  return {};
}

Result<void> read_library(const Reader& read, Settings& s) {
  std::string interval;
  HARMONY_TRY_ASSIGN(interval, read.text("LIBRARY_SCAN_INTERVAL"));
  if (interval == "0") {
    s.library_scan_interval = std::chrono::milliseconds(0);
    return {};
  }
  auto parsed = parse_duration(interval);
  if (!parsed || *parsed < std::chrono::minutes(1)) {
    return read.invalid("LIBRARY_SCAN_INTERVAL", "0 or a duration of at least 1m such as 6h");
  }
  s.library_scan_interval = *parsed;
  return {};
}

Result<void> read_watchlist(const Reader& read, Settings& s) {
  for (auto [key, target, minimum, example] :
       {std::tuple{"WATCHLIST_INTERVAL", &s.watchlist_interval,
                   std::chrono::milliseconds(std::chrono::seconds(1)), "12h"},
        std::tuple{"PLAYLIST_SYNC_INTERVAL", &s.playlist_sync_interval,
                   std::chrono::milliseconds(std::chrono::seconds(1)), "6h"},
        std::tuple{"ACTIVITY_RETENTION", &s.activity_retention,
                   std::chrono::milliseconds(std::chrono::hours(1)), "720h"}}) {
    std::string text;
    HARMONY_TRY_ASSIGN(text, read.text(key));
    auto parsed = parse_duration(text);
    if (!parsed || *parsed < minimum) {
      return read.invalid(key, fmt::format("a duration of at least {} such as {}",
                                           format_duration(minimum), example));
    }
    *target = *parsed;
  }
  return {};
}

void collect_shown(const Config& config, Profile profile, Settings& s) {
  for (const KeyDef& key : keys()) {
    auto entry = config.find(key.name);
    std::string value = entry ? entry->value : default_for(key, profile);
    if (log::is_secret_key(key.name) && !value.empty()) {
      value = std::string(log::k_redacted);
    }
    s.shown.push_back({key.name, value, entry ? entry->origin.describe() : "default"});
  }
  for (const auto& [key, origin] : config.unknown_keys(key_names())) {
    const KeyDef* known = find_key(key);
    s.warnings.push_back(
        known != nullptr
            ? fmt::format("key '{}' in {} is ignored: it is read from the environment only", key,
                          origin.describe())
            : fmt::format("unknown key '{}' in {} is ignored; see docs/configuration.md "
                          "for the keys harmonyd reads",
                          key, origin.describe()));
  }
}

}  // namespace

std::string_view to_string(Profile profile) noexcept {
  return profile == Profile::local ? "local" : "container";
}

Result<Profile> profile_from_environment() {
  const char* value = std::getenv("HARMONY_PROFILE");
  const std::string text = value ? value : "container";
  if (text == "container" || text.empty()) {
    return Profile::container;
  }
  if (text == "local") {
    return Profile::local;
  }
  return make_error(ErrorKind::config,
                    fmt::format("invalid value '{}' for key 'HARMONY_PROFILE' in environment: "
                                "expected container or local",
                                text.substr(0, 32)));
}

Result<std::string> config_dir_from_environment(Profile profile) {
  const char* value = std::getenv("CONFIG_DIR");
  const std::string dir = value && *value ? value : default_for(*find_key("CONFIG_DIR"), profile);
  return absolute(dir);
}

Result<Settings> load_settings(const LoadOptions& options) {
  Settings s;
  auto profile = profile_from_environment();
  if (!profile) {
    return std::move(profile).error();
  }
  s.profile = *profile;
  s.config_dir = *config_dir_from_environment(s.profile);
  s.config_file =
      options.config_file.empty() ? s.config_dir + "/harmony.yml" : absolute(options.config_file);
  s.env_file = s.config_dir + "/.env";

  Config config;
  for (const auto& [path, loader] : {std::pair{s.config_file, &harmony::config::load_yaml_file},
                                     std::pair{s.env_file, &harmony::config::load_env_file}}) {
    auto layer = loader(path);
    if (layer) {
      config.add_layer(std::move(*layer));
    } else if (layer.error().kind != ErrorKind::not_found) {
      Error error = std::move(layer).error();
      error.kind = ErrorKind::config;
      return error;
    }
  }
  config.add_layer(harmony::config::environment_layer());

  const Reader read(config, s.profile);
  if (auto done = read_core(read, config, s); !done) {
    return std::move(done).error();
  }
  if (auto done = read_security(read, s); !done) {
    return std::move(done).error();
  }
  if (auto done = read_integrations(read, s); !done) {
    return std::move(done).error();
  }
  if (auto done = read_downloads(read, s); !done) {
    return std::move(done).error();
  }
  HARMONY_TRY_ASSIGN(s.spotify, read_spotify_settings(config, s.profile));
  if (auto done = read_library(read, s); !done) {
    return std::move(done).error();
  }
  if (auto done = read_watchlist(read, s); !done) {
    return std::move(done).error();
  }
  collect_shown(config, s.profile, s);
  return s;
}

}  // namespace harmony::harmonyd::config
