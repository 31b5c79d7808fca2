#include "integrations/spotify/Encoding.hpp"

#include <openssl/evp.h>

namespace harmony::harmonyd::spotify {

std::string base64(std::string_view bytes) {
  std::string encoded(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()),
                                     static_cast<int>(bytes.size()));
  encoded.resize(static_cast<std::size_t>(length));
  return encoded;
}

std::string base64url(std::string_view bytes) {
  std::string encoded = base64(bytes);
  while (!encoded.empty() && encoded.back() == '=') {
    encoded.pop_back();
  }
  for (char& c : encoded) {
    c = c == '+' ? '-' : (c == '/' ? '_' : c);
  }
  return encoded;
}

std::string printable(std::string_view text, std::size_t limit, std::string_view fallback) {
  std::string out(text.substr(0, limit));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20) {
      c = ' ';
    }
  }
  return out.empty() ? std::string(fallback) : out;
}

}  // namespace harmony::harmonyd::spotify
