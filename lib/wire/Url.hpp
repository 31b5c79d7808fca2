#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/Result.hpp"

namespace harmony::wire {

// An http:// or https:// URL taken apart (by http-parser's URL parser).
struct HttpUrl {
  bool tls = false;         // https
  std::string host;         // without brackets for an IPv6 address
  std::uint16_t port = 80;  // 443 for https unless the URL says otherwise
  std::string target;       // path and query, "/" when the URL has none
  std::string shown;  // the URL without query and fragment, for messages (queries may hold keys)
};

// Accepts only http:// URLs: this HTTP client speaks no TLS, so an https:// URL is
// ErrorKind::config saying so; user info in the URL is refused too (it would be a secret in a
// message). Anything unparsable is ErrorKind::config naming the URL.
Result<HttpUrl> parse_http_url(std::string_view url);

// The same for a program that speaks TLS too (wire/tls): http:// and https://.
Result<HttpUrl> parse_web_url(std::string_view url);

}  // namespace harmony::wire
