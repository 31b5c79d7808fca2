#include "config/SpotifySettings.hpp"

#include <charconv>

#include <fmt/format.h>

#include "config/Config.hpp"
#include "core/Duration.hpp"

namespace harmony::harmonyd::config {
namespace {

Error invalid(const harmony::config::Config& config, const std::string& key,
              std::string_view expected) {
  return make_error(ErrorKind::config, fmt::format("invalid value for key '{}' in {}: expected {}",
                                                   key, config.origin_of(key), expected));
}

// scheme://authority/path → {scheme, authority, path}; nothing for a malformed URL.
struct UrlParts {
  std::string scheme;
  std::string authority;
  std::string path;
};
std::optional<UrlParts> split_url(const std::string& url) {
  const auto colon = url.find("://");
  if (colon == std::string::npos || colon == 0) {
    return std::nullopt;
  }
  UrlParts parts{url.substr(0, colon), {}, {}};
  const std::string rest = url.substr(colon + 3);
  const auto slash = rest.find('/');
  parts.authority = rest.substr(0, slash);
  parts.path = slash == std::string::npos ? "" : rest.substr(slash);
  if (parts.authority.empty() || parts.authority.find_first_of(" @?#") != std::string::npos ||
      parts.path.find_first_of(" #") != std::string::npos) {
    return std::nullopt;
  }
  return parts;
}

bool valid_scopes(std::string_view scopes) {
  if (scopes.empty() || scopes.size() > 1024) {
    return false;
  }
  for (const char c : scopes) {
    if (!((c >= 'a' && c <= 'z') || c == '-' || c == ' ')) {
      return false;
    }
  }
  return true;
}

Result<std::string> read_base_url(const harmony::config::Config& config, const std::string& key,
                                  Profile profile) {
  auto url = config.get_string(key, default_for(*find_key(key), profile));
  if (!url) {
    return url;
  }
  while (url->ends_with('/')) {
    url->pop_back();
  }
  const auto parts = split_url(*url);
  if (!parts || (parts->scheme != "http" && parts->scheme != "https")) {
    return invalid(config, key,
                   "an http:// or https:// URL such as " + find_key(key)->default_value);
  }
  return url;
}

}  // namespace

std::optional<LoopbackRedirect> loopback_redirect(const std::string& redirect_uri) {
  const auto parts = split_url(redirect_uri);
  if (!parts || parts->scheme != "http" || parts->path.find('?') != std::string::npos) {
    return std::nullopt;
  }
  LoopbackRedirect loopback;
  std::string port_text;
  if (parts->authority.starts_with("[::1]")) {
    loopback.host = "::1";
    port_text = parts->authority.substr(5);
  } else if (parts->authority.starts_with("127.0.0.1")) {
    loopback.host = "127.0.0.1";
    port_text = parts->authority.substr(9);
  } else {
    return std::nullopt;
  }
  if (!port_text.empty()) {
    if (port_text[0] != ':') {
      return std::nullopt;
    }
    const auto [end, ec] =
        std::from_chars(port_text.data() + 1, port_text.data() + port_text.size(), loopback.port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || loopback.port < 1 ||
        loopback.port > 65535) {
      return std::nullopt;
    }
  }
  loopback.path = parts->path.empty() ? "/" : parts->path;
  return loopback;
}

Result<SpotifySettings> read_spotify_settings(const harmony::config::Config& config,
                                              Profile profile) {
  SpotifySettings s;
  auto text = [&](const std::string& key) {
    return config.get_string(key, default_for(*find_key(key), profile));
  };
  HARMONY_TRY_ASSIGN(s.client_id, text("SPOTIFY_CLIENT_ID"));
  std::string secret;
  HARMONY_TRY_ASSIGN(secret, text("SPOTIFY_CLIENT_SECRET"));
  s.client_secret = log::Secret(secret);
  if (s.client_id.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos) {
    return invalid(config, "SPOTIFY_CLIENT_ID",
                   "the app's client id, letters and digits only (developer.spotify.com "
                   "→ your app → Settings)");
  }
  HARMONY_TRY_ASSIGN(s.redirect_uri, text("SPOTIFY_REDIRECT_URI"));
  const auto redirect = split_url(s.redirect_uri);
  const bool loopback = loopback_redirect(s.redirect_uri).has_value();
  if (!redirect || (redirect->scheme != "https" && !loopback) || redirect->path.empty()) {
    return invalid(config, "SPOTIFY_REDIRECT_URI",
                   "an https:// URI or a loopback http://127.0.0.1:PORT/path or "
                   "http://[::1]:PORT/path with a path (Spotify refuses 'localhost' and other "
                   "http hosts); register the same URI in the Spotify app");
  }
  HARMONY_TRY_ASSIGN(s.scopes, text("SPOTIFY_SCOPES"));
  if (!valid_scopes(s.scopes)) {
    return invalid(config, "SPOTIFY_SCOPES",
                   "space-separated scope names such as 'user-library-read playlist-read-private'");
  }
  HARMONY_TRY_ASSIGN(s.accounts_url, read_base_url(config, "SPOTIFY_ACCOUNTS_URL", profile));
  HARMONY_TRY_ASSIGN(s.api_url, read_base_url(config, "SPOTIFY_API_URL", profile));
  std::int64_t requests = 0;
  HARMONY_TRY_ASSIGN(
      requests,
      config.get_int("SPOTIFY_REQUESTS_PER_30S",
                     std::stoll(find_key("SPOTIFY_REQUESTS_PER_30S")->default_value), 1, 1000));
  s.requests_per_30s = static_cast<int>(requests);
  std::string ttl_text;
  HARMONY_TRY_ASSIGN(ttl_text, text("OAUTH_STATE_TTL"));
  const auto ttl = parse_duration(ttl_text);
  if (!ttl || *ttl < std::chrono::seconds(1) || *ttl > std::chrono::hours(1)) {
    return invalid(config, "OAUTH_STATE_TTL", "a duration from 1s to 1h such as 10m");
  }
  s.state_ttl = *ttl;
  return s;
}

}  // namespace harmony::harmonyd::config
