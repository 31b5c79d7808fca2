#pragma once

#include "api/Spotify.hpp"
#include "http/Message.hpp"

namespace harmony::harmonyd::api {

// One mapping from a Spotify failure to its HTTP answer, shared by the OAuth and Spotify routes:
// OAuth outcomes → 400 with their OAUTH_* code (body also has top-level `error_code`), too many
// manual attempts → 429, rate limited → 503 with Retry-After, not configured → 503, no user →
// 409, Spotify's 403 → 502 with the explanation, anything else by its ErrorKind.
http::Response spotify_error(Spotify& spotify, const Error& error);

}  // namespace harmony::harmonyd::api
