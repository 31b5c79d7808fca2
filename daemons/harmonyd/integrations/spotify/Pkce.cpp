#include "integrations/spotify/Pkce.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>

namespace harmony::harmonyd::spotify {
namespace {

std::string base64url(const unsigned char* data, std::size_t size) {
  std::string encoded(4 * ((size + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), data,
                                     static_cast<int>(size));
  encoded.resize(static_cast<std::size_t>(length));
  while (!encoded.empty() && encoded.back() == '=') {
    encoded.pop_back();
  }
  for (char& c : encoded) {
    c = c == '+' ? '-' : (c == '/' ? '_' : c);
  }
  return encoded;
}

Result<std::string> random_text(std::size_t bytes) {
  std::array<unsigned char, 64> buffer{};
  if (RAND_bytes(buffer.data(), static_cast<int>(bytes)) != 1) {
    return make_error(ErrorKind::internal, "RAND_bytes failed: no system randomness for OAuth");
  }
  return base64url(buffer.data(), bytes);
}

}  // namespace

Result<std::string> make_verifier() {
  return random_text(48);  // 64 characters
}

std::string challenge_for(const std::string& verifier) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest.data());
  return base64url(digest.data(), digest.size());
}

Result<std::string> make_state() {
  return random_text(32);
}

}  // namespace harmony::harmonyd::spotify
