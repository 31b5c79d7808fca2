#pragma once

#include <chrono>
#include <string>

#include "core/Result.hpp"

namespace harmony::http {

// One GET of `url` (http::get()) for a health check: success is a 2xx status within `timeout`.
// Anything else is ErrorKind::unavailable naming the URL and what happened ("HTTP 503",
// "Connection refused"). The body is read and discarded, at most 64 KiB. Thread-safe.
Result<void> probe_url(const std::string& url, std::chrono::milliseconds timeout);

}  // namespace harmony::http
