#include "api/SpotifyErrors.hpp"

#include "integrations/spotify/Failure.hpp"

namespace harmony::harmonyd::api {

http::Response spotify_error(Spotify& spotify, const Error& error) {
  using spotify::Failure;
  const Failure why = spotify::failure_of(error);
  const std::string code(spotify::error_code(why));
  int status = 0;
  switch (why) {
    case Failure::state_mismatch:
    case Failure::code_expired:
    case Failure::invalid_redirect:
    case Failure::access_denied:
    case Failure::token_exchange_failed:
      status = 400;
      break;
    case Failure::manual_rate_limited:
      status = 429;
      break;
    case Failure::unauthenticated:
      status = 409;
      break;
    case Failure::forbidden:
    case Failure::bad_reply:
      status = 502;
      break;
    case Failure::rate_limited:
    case Failure::not_configured:
    case Failure::upstream:
    case Failure::invalid_client:
      status = 503;
      break;
    case Failure::invalid_grant:
    case Failure::none:
      return http::Response::from_error(error);
  }
  auto response = http::Response::error(status, code, error.message);
  if (status == 400 || status == 429) {
    auto body = nlohmann::json::parse(response.body);
    body["error_code"] = code;
    body["message"] = error.message;
    body["provider"] = "spotify";
    response.body = body.dump();
  }
  if (why == Failure::rate_limited) {
    response.set_header("Retry-After",
                        std::to_string(std::max<std::int64_t>(1, spotify.retry_after_seconds())));
  } else if (why == Failure::manual_rate_limited) {
    response.set_header("Retry-After", "50");
  }
  return response;
}

}  // namespace harmony::harmonyd::api
