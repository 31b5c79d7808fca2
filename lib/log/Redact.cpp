#include "log/Redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace harmony::log {

bool is_secret_key(std::string_view key) noexcept {
  std::string upper(key.size(), '\0');
  std::transform(key.begin(), key.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  constexpr std::array<std::string_view, 6> k_markers = {"KEY",      "TOKEN",  "SECRET",
                                                         "PASSWORD", "PASSWD", "CREDENTIAL"};
  return std::any_of(k_markers.begin(), k_markers.end(), [&](std::string_view marker) {
    return upper.find(marker) != std::string::npos;
  });
}

std::string redact(std::string_view text, std::string_view secret) {
  std::string out(text);
  if (secret.empty()) {
    return out;
  }
  for (std::size_t at = out.find(secret); at != std::string::npos;
       at = out.find(secret, at + k_redacted.size())) {
    out.replace(at, secret.size(), k_redacted);
  }
  return out;
}

}  // namespace harmony::log
