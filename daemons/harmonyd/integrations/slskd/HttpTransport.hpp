#pragma once

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/Result.hpp"

namespace harmony::harmonyd::slskd {

struct HttpCall {
  std::string method;  // GET, POST, PUT, DELETE
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent as-is (JSON) when not empty
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_body_bytes = std::size_t{8} << 20;
};

struct HttpReply {
  int status = 0;
  std::string body;
  bool truncated = false;  // the body was longer than max_body_bytes; `body` holds the start
  std::vector<std::pair<std::string, std::string>> headers{};

  // The first header named `name` (case-insensitive), or "" when absent.
  std::string header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() == name.size() &&
          std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a)) ==
                   std::tolower(static_cast<unsigned char>(b));
          })) {
        return value;
      }
    }
    return {};
  }
};

// Sends one HTTP request. Transport failures (refused, timeout) are ErrorKind::unavailable
// naming the URL, with native_code k_not_reached (SlskdClient.hpp) when no connection was ever
// made; every HTTP status is a successful result. Must be thread-safe.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual Result<HttpReply> send(const HttpCall& call) = 0;
};

}  // namespace harmony::harmonyd::slskd
