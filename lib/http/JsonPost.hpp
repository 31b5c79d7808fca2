#pragma once

#include <chrono>
#include <string>

#include "core/Result.hpp"

namespace harmony::http {

// POSTs `body` with Content-Type application/json (libcurl; no redirects, no proxy from the
// environment for loopback peers) and returns the HTTP status. A connection failure or timeout
// is ErrorKind::unavailable naming the URL and curl's reason. The response body is discarded.
// Thread-safe: each call uses its own curl handle.
Result<int> post_json(const std::string& url, const std::string& body, std::chrono::milliseconds timeout);

}  // namespace harmony::http
