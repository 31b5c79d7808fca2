// /api/v1/watchlist and /api/v1/activity: bodies validated here (JSON only, unknown fields and
// bad values answered 422 naming the field), watches and releases as JSON.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <set>
#include <variant>

#include <fmt/format.h>

#include "api/Routes.hpp"
#include "api/SpotifyErrors.hpp"
#include "api/WatchlistJson.hpp"

namespace harmony::harmonyd::api {
namespace {

using watchlist::WatchedArtist;
using watchlist_json::artist_json;
using watchlist_json::iso_time;
using watchlist_json::parse_iso_time;
using watchlist_json::release_json;

constexpr std::size_t k_max_reference = 200;
constexpr std::size_t k_max_reason = 200;
constexpr std::size_t k_default_activity = 50;
constexpr std::size_t k_max_activity = 500;

http::Response unprocessable(std::string_view field, std::string_view message) {
  return http::Response::error(422, "VALIDATION_ERROR", message, {{"field", std::string(field)}});
}

// The body as JSON, refused unless it claims to be JSON (a form post from another page must
// not be read as one).
std::variant<nlohmann::json, http::Response> json_body(const http::Request& request,
                                                       bool may_be_empty) {
  if (may_be_empty && request.body.empty()) {
    return nlohmann::json::object();
  }
  const auto type = request.header("Content-Type").value_or("");
  if (type.substr(0, 16) != "application/json") {
    return http::Response::error(415, "UNSUPPORTED_MEDIA_TYPE",
                                 "send the body as JSON with Content-Type: application/json");
  }
  auto body = http::parse_json_body(request);
  if (!body) {
    return http::Response::from_error(body.error());
  }
  if (!body->is_object()) {
    return unprocessable("", "the body must be a JSON object");
  }
  return std::move(*body);
}

std::optional<http::Response> unknown_field(const nlohmann::json& body,
                                            const std::set<std::string>& known) {
  for (const auto& [field, value] : body.items()) {
    if (!known.count(field)) {
      return unprocessable(field.substr(0, 60),
                           fmt::format("unknown field '{}'", field.substr(0, 60)));
    }
  }
  return std::nullopt;
}

// Reads priority / monitor / release_types when present; a response when one is malformed.
std::optional<http::Response> read_settings(const nlohmann::json& body,
                                            std::optional<int>& priority,
                                            std::optional<watchlist::Monitor>& monitor,
                                            std::optional<std::vector<std::string>>& types) {
  if (body.contains("priority")) {
    const auto& p = body["priority"];
    if (!p.is_number_integer() || p.get<std::int64_t>() < watchlist::k_min_priority ||
        p.get<std::int64_t>() > watchlist::k_max_priority) {
      return unprocessable("priority",
                           fmt::format("'priority' must be an integer from {} to {}",
                                       watchlist::k_min_priority, watchlist::k_max_priority));
    }
    priority = p.get<int>();
  }
  if (body.contains("monitor")) {
    const auto& m = body["monitor"];
    monitor = m.is_string() ? watchlist::parse_monitor(m.get<std::string>()) : std::nullopt;
    if (!monitor) {
      return unprocessable("monitor", "'monitor' must be \"new\", \"all\" or \"none\"");
    }
  }
  if (body.contains("release_types")) {
    const auto& list = body["release_types"];
    std::vector<std::string> chosen;
    bool ok = list.is_array() && !list.empty() && list.size() <= 4;
    for (const auto& item : ok ? list : nlohmann::json::array()) {
      ok = ok && item.is_string() && watchlist::is_release_type(item.get<std::string>());
      if (ok && std::find(chosen.begin(), chosen.end(), item.get<std::string>()) == chosen.end()) {
        chosen.push_back(item.get<std::string>());
      }
    }
    if (!ok) {
      return unprocessable("release_types",
                           "'release_types' must be a non-empty list of \"album\", \"single\", "
                           "\"compilation\" and \"appears_on\"");
    }
    types = std::move(chosen);
  }
  return std::nullopt;
}

std::string path_key(const http::Request& request) {
  const auto it = request.path_params.find("key");
  const std::string text = it == request.path_params.end() ? "" : it->second;
  auto id = watchlist::parse_artist_reference(text);
  return id ? watchlist::artist_key(*id) : text.substr(0, k_max_reference);
}

http::Response watchlist_error(ApiServices& services, const Error& error) {
  if (error.kind == ErrorKind::invalid) {
    return http::Response::error(409, "CONFLICT", error.message);
  }
  return spotify_error(services.spotify(), error);
}

http::Response artist_reply(ApiServices& services, const Result<WatchedArtist>& artist,
                            int status = 200) {
  if (!artist) {
    return watchlist_error(services, artist.error());
  }
  return http::Response::json(status, artist_json(*artist));
}

}  // namespace

http::Response v1_watchlist_add(ApiServices& services, const http::Request& request) {
  auto parsed = json_body(request, false);
  if (auto* refused = std::get_if<http::Response>(&parsed)) {
    return std::move(*refused);
  }
  const auto& body = std::get<nlohmann::json>(parsed);
  if (auto refused = unknown_field(body, {"artist", "priority", "monitor", "release_types"})) {
    return std::move(*refused);
  }
  WatchRequest watch;
  if (!body.contains("artist") || !body["artist"].is_string() ||
      body["artist"].get<std::string>().size() > k_max_reference) {
    return unprocessable("artist",
                         "'artist' is required: spotify:<id>, spotify:artist:<id> or an "
                         "https://open.spotify.com/artist/<id> URL");
  }
  watch.artist = body["artist"].get<std::string>();
  if (auto refused = read_settings(body, watch.priority, watch.monitor, watch.release_types)) {
    return std::move(*refused);
  }
  if (auto id = watchlist::parse_artist_reference(watch.artist); !id) {
    return unprocessable("artist", id.error().message);
  }
  auto added = services.watchlist().watch(watch);
  if (!added) {
    return spotify_error(services.spotify(), added.error());
  }
  const auto& [artist, created] = *added;
  if (!created) {
    return http::Response::error(409, "ALREADY_WATCHED",
                                 fmt::format("{} ({}) is already watched; PATCH "
                                             "/api/v1/watchlist/{} changes it",
                                             artist.key, artist.name, artist.key),
                                 {{"artist_key", artist.key}});
  }
  http::Response response = http::Response::json(201, artist_json(artist));
  response.set_header("Location", "/api/v1/watchlist/" + artist.key);
  return response;
}

http::Response v1_watchlist_list(ApiServices& services, const http::Request&) {
  auto artists = services.watchlist().list();
  if (!artists) {
    return http::Response::from_error(artists.error());
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& artist : *artists) {
    items.push_back(artist_json(artist));
  }
  return http::Response::json(200, {{"items", std::move(items)}, {"total", artists->size()}});
}

http::Response v1_watchlist_get(ApiServices& services, const http::Request& request) {
  auto detail = services.watchlist().detail(path_key(request));
  if (!detail) {
    return http::Response::from_error(detail.error());
  }
  nlohmann::json json = artist_json(detail->artist);
  nlohmann::json releases = nlohmann::json::array();
  int complete = 0;
  int missing = 0;
  for (const auto& view : detail->releases) {
    complete += view.complete;
    missing += view.missing;
    releases.push_back(release_json(view));
  }
  json["releases"] = std::move(releases);
  json["tracks_complete"] = complete;
  json["tracks_missing"] = missing;
  return http::Response::json(200, json);
}

http::Response v1_watchlist_patch(ApiServices& services, const http::Request& request) {
  auto parsed = json_body(request, false);
  if (auto* refused = std::get_if<http::Response>(&parsed)) {
    return std::move(*refused);
  }
  const auto& body = std::get<nlohmann::json>(parsed);
  if (auto refused = unknown_field(body, {"priority", "monitor", "release_types"})) {
    return std::move(*refused);
  }
  WatchPatch patch;
  if (auto refused = read_settings(body, patch.priority, patch.monitor, patch.release_types)) {
    return std::move(*refused);
  }
  return artist_reply(services, services.watchlist().change(path_key(request), patch));
}

http::Response v1_watchlist_pause(ApiServices& services, const http::Request& request) {
  auto parsed = json_body(request, true);
  if (auto* refused = std::get_if<http::Response>(&parsed)) {
    return std::move(*refused);
  }
  const auto& body = std::get<nlohmann::json>(parsed);
  if (auto refused = unknown_field(body, {"reason", "resume_at"})) {
    return std::move(*refused);
  }
  std::string reason;
  if (body.contains("reason")) {
    if (!body["reason"].is_string() || body["reason"].get<std::string>().size() > k_max_reason) {
      return unprocessable("reason",
                           fmt::format("'reason' must be text of at most {} bytes", k_max_reason));
    }
    reason = body["reason"].get<std::string>();
  }
  std::int64_t resume_at = 0;
  if (body.contains("resume_at") && !body["resume_at"].is_null()) {
    const auto when = body["resume_at"].is_string()
                          ? parse_iso_time(body["resume_at"].get<std::string>())
                          : std::nullopt;
    if (!when) {
      return unprocessable("resume_at",
                           "'resume_at' must be a UTC time such as 2026-12-01T08:00:00Z");
    }
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    if (*when <= now) {
      return unprocessable("resume_at",
                           "'resume_at' is in the past; leave it out to pause "
                           "until resumed");
    }
    resume_at = *when;
  }
  return artist_reply(services, services.watchlist().pause(path_key(request), reason, resume_at));
}

http::Response v1_watchlist_resume(ApiServices& services, const http::Request& request) {
  return artist_reply(services, services.watchlist().resume(path_key(request)));
}

http::Response v1_watchlist_check(ApiServices& services, const http::Request& request) {
  return artist_reply(services, services.watchlist().check_now(path_key(request)), 202);
}

http::Response v1_watchlist_delete(ApiServices& services, const http::Request& request) {
  auto removed = services.watchlist().unwatch(path_key(request));
  if (!removed) {
    return http::Response::from_error(removed.error());
  }
  return http::Response::text(204, "");
}

http::Response v1_activity(ApiServices& services, const http::Request& request) {
  const auto query = [&](const char* key) {
    const auto it = request.query.find(key);
    return it == request.query.end() ? std::string() : it->second;
  };
  const std::string type = query("type");
  if (type.size() > 40) {
    return unprocessable("type", "'type' is at most 40 bytes");
  }
  std::size_t limit = k_default_activity;
  std::optional<std::int64_t> cursor;
  for (const auto& [key, low, high] :
       {std::tuple{"limit", std::int64_t{1}, std::int64_t(k_max_activity)},
        std::tuple{"cursor", std::int64_t{1}, INT64_MAX}}) {
    const std::string text = query(key);
    if (text.empty()) {
      continue;
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) {
      return unprocessable(key,
                           fmt::format("'{}' must be an integer from {} to {}", key, low, high));
    }
    if (std::string_view(key) == "limit") {
      limit = static_cast<std::size_t>(value);
    } else {
      cursor = value;
    }
  }
  auto page = services.watchlist().activity(type, limit, cursor);
  if (!page) {
    return http::Response::from_error(page.error());
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& entry : page->entries) {
    items.push_back({{"id", entry.id},
                     {"at", iso_time(entry.at_ms)},
                     {"type", entry.type},
                     {"artist_key", entry.artist_key},
                     {"message", entry.message}});
  }
  return http::Response::json(
      200, {{"items", std::move(items)},
            {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor) : nullptr}});
}

}  // namespace harmony::harmonyd::api
