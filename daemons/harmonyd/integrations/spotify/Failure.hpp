#pragma once

#include <string>
#include <string_view>

#include "core/Result.hpp"

namespace harmony::harmonyd::spotify {

// Why a Spotify operation failed, carried in Error::native_code so the routes can give each
// its status and error code (the Error's kind still decides the generic mapping).
enum class Failure : int {
  none = 0,
  not_configured = 1001,  // no SPOTIFY_CLIENT_ID / SECRET
  rate_limited,           // latched after a 429; Retry-After tells when
  unauthenticated,        // no user connected, or the refresh token was refused
  forbidden,              // 403: Premium, allow-listing, or a Dev-Mode restriction
  upstream,               // unreachable, 5xx after retries
  bad_reply,              // not JSON, or not the shape the contract promises
  invalid_grant,          // the accounts service refused a code or refresh token
  invalid_client,         // the accounts service refused the client id/secret
  state_mismatch,         // OAuth: unknown or already used state
  code_expired,           // OAuth: the transaction outlived OAUTH_STATE_TTL
  invalid_redirect,       // OAuth: not our redirect URI, or no code in it
  access_denied,          // OAuth: the user said no
  token_exchange_failed,  // OAuth: the code could not be exchanged
  manual_rate_limited,    // OAuth: too many manual completions from one client
};

Error failure(ErrorKind kind, Failure why, std::string message);
Failure failure_of(const Error& error) noexcept;
// The OAUTH_* / SPOTIFY_* code shown to API callers.
std::string_view error_code(Failure why) noexcept;

}  // namespace harmony::harmonyd::spotify
