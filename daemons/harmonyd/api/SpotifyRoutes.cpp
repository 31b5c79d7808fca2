// /api/v1/spotify: connection status, forgetting the user, and catalogue lookups.
#include <charconv>

#include <fmt/format.h>

#include "api/Routes.hpp"
#include "api/SpotifyErrors.hpp"

namespace harmony::harmonyd::api {
namespace {

// An integer query parameter in [low, high], or `fallback` when absent.
Result<int> int_param(const http::Request& request, const char* name, int fallback, int low,
                      int high, std::string_view why) {
  const auto text = request.query_value(name);
  if (!text) {
    return fallback;
  }
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size() || value < low ||
      value > high) {
    return make_error(ErrorKind::invalid,
                      fmt::format("'{}' must be an integer from {} to {}{}", name, low, high, why));
  }
  return value;
}

std::string path_id(const http::Request& request) {
  const auto it = request.path_params.find("id");
  return it == request.path_params.end() ? std::string() : it->second;
}

http::Response answer(ApiServices& services, Result<nlohmann::json> result) {
  if (!result) {
    return spotify_error(services.spotify(), result.error());
  }
  return http::Response::json(200, *result);
}

}  // namespace

http::Response v1_spotify_status(ApiServices& services, const http::Request&) {
  return http::Response::json(200, services.spotify().status());
}

http::Response v1_spotify_forget(ApiServices& services, const http::Request&) {
  if (auto done = services.spotify().forget_user(); !done) {
    return spotify_error(services.spotify(), done.error());
  }
  return http::Response::json(200, services.spotify().status());
}

http::Response v1_spotify_search(ApiServices& services, const http::Request& request) {
  const std::string type = request.query_value("type").value_or("track");
  if (type != "artist" && type != "album" && type != "track") {
    return http::Response::error(400, "INVALID_REQUEST", "'type' must be artist, album or track");
  }
  const std::string query = request.query_value("q").value_or("");
  if (query.empty() || query.size() > 500) {
    return http::Response::error(400, "INVALID_REQUEST", "'q' must be 1 to 500 bytes of text");
  }
  const auto limit =
      int_param(request, "limit", 10, 1, 10, " (Spotify serves at most 10 results per page)");
  const auto offset = int_param(request, "offset", 0, 0, 1000, "");
  if (!limit || !offset) {
    return http::Response::from_error(!limit ? limit.error() : offset.error());
  }
  return answer(services, services.spotify().search(type, query, *limit, *offset));
}

http::Response v1_spotify_artist(ApiServices& services, const http::Request& request) {
  return answer(services, services.spotify().artist(path_id(request)));
}

http::Response v1_spotify_album(ApiServices& services, const http::Request& request) {
  return answer(services, services.spotify().album(path_id(request)));
}

http::Response v1_spotify_playlist_items(ApiServices& services, const http::Request& request) {
  const auto limit = int_param(request, "limit", 50, 1, 50, "");
  const auto offset = int_param(request, "offset", 0, 0, 1'000'000, "");
  if (!limit || !offset) {
    return http::Response::from_error(!limit ? limit.error() : offset.error());
  }
  return answer(services, services.spotify().playlist_items(path_id(request), *limit, *offset));
}

}  // namespace harmony::harmonyd::api
