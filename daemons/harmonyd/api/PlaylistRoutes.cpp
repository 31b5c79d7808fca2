// /api/v1/playlists, /api/v1/spotify/playlists and /api/v1/sync: followed playlists, the
// connected user's playlists to choose from, and the manual sync.
#include <fmt/format.h>

#include "api/Routes.hpp"
#include "api/SpotifyErrors.hpp"
#include "integrations/spotify/Failure.hpp"

namespace harmony::harmonyd::api {
namespace {

constexpr std::size_t k_max_reference = 300;

http::Response invalid_field(std::string_view field, std::string_view message) {
  return http::Response::error(400, "VALIDATION_ERROR", message, {{"field", std::string(field)}});
}

std::string path_id(const http::Request& request) {
  const auto it = request.path_params.find("id");
  return it == request.path_params.end() ? std::string() : it->second.substr(0, 100);
}

// Not found and bad input by their kind; Spotify's failures as the Spotify routes answer them.
http::Response playlist_error(ApiServices& services, const Error& error) {
  if (error.kind == ErrorKind::invalid && spotify::failure_of(error) == spotify::Failure::none) {
    return invalid_field("playlist", error.message);
  }
  return spotify_error(services.spotify(), error);
}

http::Response answer(ApiServices& services, Result<nlohmann::json> result, int status = 200) {
  if (!result) {
    return playlist_error(services, result.error());
  }
  return http::Response::json(status, *result);
}

}  // namespace

http::Response v1_spotify_playlists(ApiServices& services, const http::Request&) {
  return answer(services, services.playlists().spotify_playlists());
}

http::Response v1_playlists_follow(ApiServices& services, const http::Request& request) {
  auto body = http::parse_json_body(request);
  if (!body) {
    return http::Response::from_error(body.error());
  }
  if (!body->is_object() || !body->contains("playlist") || !(*body)["playlist"].is_string() ||
      (*body)["playlist"].get_ref<const std::string&>().size() > k_max_reference) {
    return invalid_field("playlist",
                         R"('playlist' is required: a Spotify playlist link, a spotify:playlist: )"
                         R"(URI, a playlist id or "liked", e.g. {"playlist":"liked"})");
  }
  auto followed = services.playlists().follow((*body)["playlist"].get<std::string>());
  if (!followed) {
    return playlist_error(services, followed.error());
  }
  auto& [playlist, created] = *followed;
  const std::string id = playlist.value("id", "");
  http::Response response = http::Response::json(created ? 201 : 200, playlist);
  response.set_header("Location", "/api/v1/playlists/" + id);
  return response;
}

http::Response v1_playlists_list(ApiServices& services, const http::Request&) {
  return answer(services, services.playlists().list());
}

http::Response v1_playlists_get(ApiServices& services, const http::Request& request) {
  return answer(services, services.playlists().get(path_id(request)));
}

http::Response v1_playlists_delete(ApiServices& services, const http::Request& request) {
  if (auto removed = services.playlists().unfollow(path_id(request)); !removed) {
    return playlist_error(services, removed.error());
  }
  return http::Response::json(200, {{"id", path_id(request)}, {"followed", false}});
}

http::Response v1_playlists_sync(ApiServices& services, const http::Request& request) {
  return answer(services, services.playlists().sync(path_id(request)), 202);
}

http::Response v1_sync(ApiServices& services, const http::Request&) {
  return answer(services, services.playlists().sync(""), 202);
}

}  // namespace harmony::harmonyd::api
