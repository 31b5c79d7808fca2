#pragma once

#include <chrono>
#include <cstddef>
#include <string>
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
