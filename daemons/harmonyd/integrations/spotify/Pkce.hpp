#pragma once

#include <string>

#include "core/Result.hpp"

namespace harmony::harmonyd::spotify {

// PKCE (RFC 7636) with S256, and the OAuth state, from the system's CSPRNG.
// A verifier of 64 characters from [A-Za-z0-9-._~]; ErrorKind::internal if no randomness.
Result<std::string> make_verifier();
// base64url(SHA-256(verifier)) without padding.
std::string challenge_for(const std::string& verifier);
// 32 random bytes as 43 url-safe characters.
Result<std::string> make_state();

}  // namespace harmony::harmonyd::spotify
