#pragma once

#include "core/Result.hpp"
#include "log/Redact.hpp"

namespace harmony::harmonyd::spotify {

// Where a Web API call gets its bearer token: the app's (client credentials) or the connected
// user's. Implementations refresh ahead of expiry and are thread-safe.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  // A token valid now; ErrorKind::unavailable with Failure::unauthenticated when there is none.
  virtual Result<log::Secret> access_token() = 0;
  // Spotify answered 401 to `rejected`: get a new token (once) unless another caller already did.
  virtual Result<log::Secret> refresh_after_rejection(const log::Secret& rejected) = 0;
};

}  // namespace harmony::harmonyd::spotify
