#include "integrations/spotify/Pkce.hpp"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>

#include "integrations/spotify/Encoding.hpp"

namespace harmony::harmonyd::spotify {
namespace {

Result<std::string> random_text(std::size_t bytes) {
  std::array<unsigned char, 64> buffer{};
  if (RAND_bytes(buffer.data(), static_cast<int>(bytes)) != 1) {
    return make_error(ErrorKind::internal, "RAND_bytes failed: no system randomness for OAuth");
  }
  return base64url(std::string_view(reinterpret_cast<const char*>(buffer.data()), bytes));
}

}  // namespace

Result<std::string> make_verifier() {
  return random_text(48);  // 64 characters
}

std::string challenge_for(const std::string& verifier) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest.data());
  return base64url(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

Result<std::string> make_state() {
  return random_text(32);
}

}  // namespace harmony::harmonyd::spotify
