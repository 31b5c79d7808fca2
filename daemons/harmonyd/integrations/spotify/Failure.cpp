#include "integrations/spotify/Failure.hpp"

namespace harmony::harmonyd::spotify {

Error failure(ErrorKind kind, Failure why, std::string message) {
  return make_error(kind, std::move(message), static_cast<int>(why));
}

Failure failure_of(const Error& error) noexcept {
  const int code = error.native_code;
  if (code >= static_cast<int>(Failure::not_configured) &&
      code <= static_cast<int>(Failure::manual_rate_limited)) {
    return static_cast<Failure>(code);
  }
  return Failure::none;
}

std::string_view error_code(Failure why) noexcept {
  switch (why) {
    case Failure::none:
      return "INTERNAL";
    case Failure::not_configured:
      return "SPOTIFY_NOT_CONFIGURED";
    case Failure::rate_limited:
      return "SPOTIFY_RATE_LIMITED";
    case Failure::unauthenticated:
      return "SPOTIFY_UNAUTHENTICATED";
    case Failure::forbidden:
      return "SPOTIFY_FORBIDDEN";
    case Failure::upstream:
      return "SPOTIFY_UNAVAILABLE";
    case Failure::bad_reply:
      return "SPOTIFY_BAD_REPLY";
    case Failure::invalid_grant:
      return "SPOTIFY_INVALID_GRANT";
    case Failure::invalid_client:
      return "SPOTIFY_INVALID_CLIENT";
    case Failure::state_mismatch:
      return "OAUTH_STATE_MISMATCH";
    case Failure::code_expired:
      return "OAUTH_CODE_EXPIRED";
    case Failure::invalid_redirect:
      return "OAUTH_INVALID_REDIRECT";
    case Failure::access_denied:
      return "OAUTH_ACCESS_DENIED";
    case Failure::token_exchange_failed:
      return "OAUTH_TOKEN_EXCHANGE_FAILED";
    case Failure::manual_rate_limited:
      return "OAUTH_MANUAL_RATE_LIMITED";
  }
  return "INTERNAL";
}

}  // namespace harmony::harmonyd::spotify
