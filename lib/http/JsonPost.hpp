#pragma once

#include <chrono>
#include <string>

#include "core/Result.hpp"

namespace harmony::http {

// POSTs `body` with Content-Type application/json through http::send() (no redirects, no
// proxies from the environment) and returns the HTTP status. A connection failure or timeout
// is ErrorKind::unavailable naming the URL and the reason. The response body is discarded
// (at most 64 KiB is read). Thread-safe.
Result<int> post_json(const std::string& url, const std::string& body,
                      std::chrono::milliseconds timeout);

}  // namespace harmony::http
