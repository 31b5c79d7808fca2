#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "core/Result.hpp"
#include "wire/ResponseReader.hpp"

namespace harmony::wire {

struct Call {
  std::string method = "GET";
  std::string url;  // http:// only (see parse_http_url)
  Headers headers{};
  std::string body{};
  std::chrono::milliseconds timeout{2000};              // bounds the connect and the whole call
  std::size_t max_body_bytes = std::size_t{64} * 1024;  // longer bodies are cut
};

struct Reply {
  int status = 0;
  std::string body;
  bool truncated = false;  // the body was longer than max_body_bytes and was cut
};

// One blocking plain-HTTP call on a connection of its own, for the small daemons' loopback and
// LAN peers (health endpoints, AudioControl); it links no TLS library. Transport failures are
// ErrorKind::unavailable naming the method and the URL without its query; any HTTP status is a
// successful result for the caller to judge. Thread-safe.
Result<Reply> call(const Call& request);

// GET `url`; success only for a 2xx answer (the body, at most 64 KiB, is ignored).
Result<void> probe_url(const std::string& url, std::chrono::milliseconds timeout);

// POST `body` as application/json; returns the HTTP status (the reply body is ignored).
Result<int> post_json(const std::string& url, const std::string& body,
                      std::chrono::milliseconds timeout);

}  // namespace harmony::wire
