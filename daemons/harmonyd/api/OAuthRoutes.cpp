// /api/v1/oauth: start a Spotify login, finish it by pasting the redirect, ask how it went.
#include "api/Routes.hpp"
#include "api/SpotifyErrors.hpp"

namespace harmony::harmonyd::api {
namespace {

constexpr std::size_t k_max_redirect_url = std::size_t{16} * 1024;

}  // namespace

http::Response v1_oauth_start(ApiServices& services, const http::Request&) {
  auto started = services.spotify().oauth_start();
  if (!started) {
    return spotify_error(services.spotify(), started.error());
  }
  return http::Response::json(200, *started);
}

http::Response v1_oauth_manual(ApiServices& services, const http::Request& request) {
  auto body = http::parse_json_body(request);
  if (!body) {
    return http::Response::from_error(body.error());
  }
  if (!body->is_object() || !body->contains("redirect_url") ||
      !(*body)["redirect_url"].is_string() ||
      (*body)["redirect_url"].get_ref<const std::string&>().size() > k_max_redirect_url) {
    return http::Response::error(
        400, "INVALID_REQUEST",
        "the body must be {\"redirect_url\": \"<the full address the browser ended on>\"}");
  }
  auto done = services.spotify().oauth_manual((*body)["redirect_url"].get<std::string>(),
                                              request.remote_addr);
  if (!done) {
    return spotify_error(services.spotify(), done.error());
  }
  return http::Response::json(200, *done);
}

http::Response v1_oauth_status(ApiServices& services, const http::Request& request) {
  const auto it = request.path_params.find("state");
  const std::string state = it == request.path_params.end() ? "" : it->second.substr(0, 256);
  return http::Response::json(200, services.spotify().oauth_status(state));
}

}  // namespace harmony::harmonyd::api
