#pragma once

#include <string>
#include <string_view>

#include "core/Result.hpp"
#include "wire/ResponseReader.hpp"
#include "wire/Stream.hpp"

namespace harmony::wire {

struct Request {
  std::string_view method = "GET";
  std::string_view target = "/";  // origin form, already escaped
  std::string_view host;          // the Host field
  Headers headers{};
  std::string_view body{};  // sent with Content-Length when not empty, or for POST and PUT
};

// The bytes of `request` on the wire, with "Connection: close": every exchange has a connection
// of its own, so nothing depends on a kept-alive connection the peer may have dropped.
std::string format_request(const Request& request);

// Sends `request` on `stream` and reads the response until it is complete, `on_body` asks to stop,
// or the deadline or canceller ends it. Returns the HTTP status, 0 when cancelled before the head
// arrived. A peer that closes before the end is an error; a stop or a cancellation is not.
Result<int> exchange(Stream& stream, const Request& request, Deadline deadline,
                     const Canceller* canceller, const ResponseReader::OnHead& on_head,
                     const ResponseReader::OnBody& on_body);

}  // namespace harmony::wire
