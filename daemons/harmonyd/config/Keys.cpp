#include "config/Keys.hpp"

namespace harmony::harmonyd::config {

const std::vector<KeyDef>& keys() {
  static const std::vector<KeyDef> k_keys = {
      {"core", "HARMONY_PROFILE", "container", std::nullopt,
       "container (/config, /downloads, /music, bind 0.0.0.0) or local (./var/..., bind 127.0.0.1)",
       true},
      {"core", "CONFIG_DIR", "/config", "./var/config", "holds harmony.yml, .env and harmony.db",
       true},
      {"core", "APP_HOST", "0.0.0.0", "127.0.0.1", "address the HTTP server binds to"},
      {"core", "APP_PORT", "8080", std::nullopt, "TCP port of the HTTP API and UI (1-65535)"},
      {"core", "HARMONY_LOG_LEVEL", "info", std::nullopt,
       "debug, info, notice, warning, error or critical"},
      {"database", "DATABASE_URL", "", std::nullopt,
       "SQLite file (path or sqlite:///path); empty means CONFIG_DIR/harmony.db"},
      {"database", "DB_RESET", "false", std::nullopt,
       "true deletes and recreates the database at startup (all state is lost)"},
      {"paths", "DOWNLOADS_DIR", "/downloads", "./var/downloads",
       "slskd's download folder, shared with it"},
      {"paths", "MUSIC_DIR", "/music", "./var/music", "the music library files are filed into"},
      {"http", "HTTP_WORKERS", "4", std::nullopt,
       "request worker threads; each open keep-alive connection holds one (2-256)"},
      {"http", "HTTP_MAX_CONNECTIONS", "256", std::nullopt,
       "open connections served at once; slow clients beyond it wait in the listen backlog "
       "(HTTP_WORKERS-4096)"},
      {"http", "HTTP_MAX_BODY_BYTES", "1048576", std::nullopt,
       "larger request bodies are refused with 413"},
      {"http", "HTTP_REQUEST_DEADLINE", "30s", std::nullopt,
       "a request not received completely (headers and body) within this is cut off with 408 "
       "(1s-1h)"},
      {"security", "HARMONY_API_KEYS", "", std::nullopt,
       "comma-separated API keys; when set every route except the health probes needs one"},
      {"security", "AUTH_ALLOWLIST", "", std::nullopt,
       "comma-separated extra path prefixes that need no API key"},
      {"security", "ALLOWED_ORIGINS", "", std::nullopt,
       "comma-separated origins (scheme://host:port) besides harmonyd's own that browsers may "
       "use it from; empty: same origin only; * allows any"},
      {"security", "RATE_LIMIT_ENABLED", "true", std::nullopt,
       "per-client token-bucket rate limit"},
      {"security", "RATE_LIMIT_BUCKET_CAP", "120", std::nullopt,
       "burst size per client, in requests"},
      {"security", "RATE_LIMIT_REFILL_PER_SEC", "20", std::nullopt,
       "sustained requests per second per client"},
      {"ui", "UI_SESSION_TTL", "8h", std::nullopt,
       "a web UI session ends after this long without a request (1m to 720h)"},
      {"ui", "UI_COOKIES_SECURE", "false", std::nullopt,
       "true marks the session cookie Secure (set it when the UI is served over HTTPS)"},
      {"health", "HEALTH_DEP_TIMEOUT_MS", "800", std::nullopt,
       "timeout of each dependency probe in readiness and selfcheck (50-10000)"},
      {"integrations", "SLSKD_URL", "", std::nullopt,
       "slskd base URL, e.g. http://127.0.0.1:5030; empty means not configured"},
      {"integrations", "SLSKD_API_KEY", "", std::nullopt, "slskd API key, sent as X-API-Key"},
      {"integrations", "SLSKD_BASE_URL", "", std::nullopt,
       "older name of SLSKD_URL (Harmony-compatible); used only when SLSKD_URL is empty"},
      {"downloads", "MOVE_TEMPLATE", "{artist}/{album} ({year})/{track:02} - {title}.{ext}",
       std::nullopt, "where a download is filed under MUSIC_DIR; placeholders checked at startup"},
      {"downloads", "PREFERRED_FORMATS", "flac, mp3 320, mp3 V0, mp3 256, mp3 192, ogg, m4a, mp3",
       std::nullopt, "format/quality preference, best first"},
      {"downloads", "EDITION_WORDS",
       "live, remix, remixed, karaoke, instrumental, demo, deluxe, acapella, rehearsal",
       std::nullopt,
       "comma-separated words that mark another edition; penalised unless the request has them"},
      {"downloads", "MATCH_THRESHOLD", "0.6", std::nullopt,
       "lowest candidate score (0-1) that is ever downloaded"},
      {"downloads", "SEARCH_BUDGET", "34/220s", std::nullopt,
       "at most N slskd searches per window (Soulseek bans faster searching)"},
      {"downloads", "DOWNLOAD_MAX_ATTEMPTS", "5", std::nullopt,
       "search rounds before a download goes to the dead-letter list (1-100)"},
      {"downloads", "DOWNLOAD_RETRY_BACKOFF", "1m", std::nullopt,
       "first wait after a failed round; doubles per round (+-20 % jitter), at most 1h"},
      {"downloads", "DOWNLOAD_REMOTE_QUEUE_TIMEOUT", "5m", std::nullopt,
       "a transfer 'Queued, Remotely' this long moves on to the next candidate"},
      {"downloads", "DOWNLOAD_STALL_TIMEOUT", "10m", std::nullopt,
       "a transfer without progress this long moves on to the next candidate"},
      {"downloads", "DOWNLOAD_POLL_INTERVAL", "1s", std::nullopt,
       "how often unfinished downloads are advanced (slskd searches and transfers polled)"},
      {"downloads", "SEARCH_TIMEOUT", "15s", std::nullopt,
       "slskd searchTimeout (counted from the last response)"},
      {"library", "LIBRARY_SCAN_INTERVAL", "6h", std::nullopt,
       "how often MUSIC_DIR is rescanned for files added, changed or removed outside harmonyd "
       "(0: only at start and on POST /api/v1/library/scan); filed downloads are indexed at once"},
      {"watchlist", "WATCHLIST_INTERVAL", "12h", std::nullopt,
       "how often each watched artist is checked for new releases (spread over the interval, "
       "at least 1s; below 1h only for tests)"},
      {"watchlist", "ACTIVITY_RETENTION", "720h", std::nullopt,
       "how long entries of the activity feed (/api/v1/activity) are kept (720h = 30 days; at "
       "least 1h)"},
      {"playlists", "PLAYLIST_SYNC_INTERVAL", "6h", std::nullopt,
       "how often each followed playlist is synced with Spotify (new items become downloads, "
       "MUSIC_DIR/Playlists/<name>.m3u8 is rewritten; at least 1s; below 1h only for tests)"},
      {"spotify", "SPOTIFY_CLIENT_ID", "", std::nullopt,
       "Spotify app client id; empty means not configured"},
      {"spotify", "SPOTIFY_CLIENT_SECRET", "", std::nullopt,
       "Spotify app client secret (set both or neither)"},
      {"spotify", "SPOTIFY_REDIRECT_URI", "http://127.0.0.1:8888/callback", std::nullopt,
       "OAuth redirect URI registered with the Spotify app; a loopback http URI is served by "
       "harmonyd itself"},
      {"spotify", "SPOTIFY_SCOPES",
       "user-read-private user-library-read user-follow-read playlist-read-private "
       "playlist-read-collaborative",
       std::nullopt, "space-separated OAuth scopes asked for when a user connects"},
      {"spotify", "SPOTIFY_ACCOUNTS_URL", "https://accounts.spotify.com", std::nullopt,
       "Spotify accounts service (authorize and token endpoints); a proxy may stand in"},
      {"spotify", "SPOTIFY_API_URL", "https://api.spotify.com/v1", std::nullopt,
       "Spotify Web API base URL; a proxy may stand in"},
      {"spotify", "SPOTIFY_REQUESTS_PER_30S", "90", std::nullopt,
       "local pacing: at most this many Web API requests per rolling 30 s (1-1000)"},
      {"spotify", "OAUTH_STATE_TTL", "10m", std::nullopt,
       "how long a started Spotify login may be completed (1s-1h)"},
  };
  return k_keys;
}

std::set<std::string> key_names() {
  std::set<std::string> names;
  for (const KeyDef& key : keys()) {
    if (!key.environment_only) {
      names.insert(key.name);
    }
  }
  return names;
}

const KeyDef* find_key(const std::string& name) {
  for (const KeyDef& key : keys()) {
    if (key.name == name) {
      return &key;
    }
  }
  return nullptr;
}

std::string default_for(const KeyDef& key, Profile profile) {
  return profile == Profile::local && key.local_default ? *key.local_default : key.default_value;
}

}  // namespace harmony::harmonyd::config
