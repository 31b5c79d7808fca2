#pragma once

#include <string>
#include <string_view>

namespace harmony::harmonyd::spotify {

// Standard base64 with padding (Basic auth) and unpadded base64url (PKCE, OAuth state).
std::string base64(std::string_view bytes);
std::string base64url(std::string_view bytes);
// Remote text made safe to put in a message: at most `limit` bytes, control characters as
// spaces, `fallback` when empty.
std::string printable(std::string_view text, std::size_t limit, std::string_view fallback);

}  // namespace harmony::harmonyd::spotify
