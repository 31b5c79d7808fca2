#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/Result.hpp"

namespace harmony::http {

struct ClientRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds timeout{2000};
  std::size_t max_body_bytes =
      std::size_t{64} * 1024;  // remote bodies are untrusted: longer ones are cut
  std::string method = "GET";  // for send(): GET, POST, PUT, DELETE
  std::string body{};          // for send(): sent as-is when not empty
};

struct ClientResponse {
  int status = 0;
  std::string body;
  bool truncated = false;  // the body was longer than max_body_bytes and was cut
  // Response header fields (names as the server spelled them, grouped by name), at most 64 KB.
  std::vector<std::pair<std::string, std::string>> headers{};
};

// A blocking call on a connection of its own over lib/wire: http:// and https:// (TLS 1.2+ by
// OpenSSL, verified against the system CA bundle /etc/ssl/certs/ca-certificates.crt; OpenSSL's
// SSL_CERT_FILE or SSL_CERT_DIR, when set, replace it), no redirects, no proxies. `timeout`
// bounds the connect and the whole call. Transport failures (refused, timeout, DNS, TLS) are
// ErrorKind::unavailable naming the method and the URL without its query; any HTTP status is a
// successful result for the caller to judge. Thread-safe.
Result<ClientResponse> get(const ClientRequest& request);

// The same for any method, with `request.body` as the request body.
Result<ClientResponse> send(const ClientRequest& request);

// True when a send() failure happened before any connection was made (refused, name or proxy
// not resolved): the server cannot have seen the request.
bool never_connected(const Error& error) noexcept;

}  // namespace harmony::http
