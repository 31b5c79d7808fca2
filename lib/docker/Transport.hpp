#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/Result.hpp"
#include "wire/Canceller.hpp"

namespace harmony::docker {

struct Response {
  long status = 0;
  std::string body;
  std::string api_version;  // the Api-Version header, when present
};

// Cancels a streaming request from any thread, promptly (an eventfd its socket waits on).
using CancelToken = wire::Canceller;

// HTTP/1.1 over the engine's unix socket (lib/wire: http-parser reads the answers). Every call
// has a connection of its own (a unix-socket connect costs microseconds), so the class is
// thread-safe and never trips over a kept-alive connection the engine dropped. A failure to reach
// the socket is ErrorKind::unavailable naming the socket path and the cause.
class Transport {
 public:
  Transport(std::string socket_path, std::chrono::milliseconds timeout);

  const std::string& socket_path() const noexcept { return m_socket_path; }

  // `path` starts with '/' and is already escaped. Bodies are bounded (16 MiB).
  Result<Response> request(std::string_view method, const std::string& path,
                           const std::string& json_body = {},
                           std::optional<std::chrono::milliseconds> timeout = std::nullopt);

  // A GET (or, with a `post_json` body, a POST) that streams: blocks until the server ends the
  // response, `on_data` returns false, or `token` is cancelled. `on_open(status)` runs once, when
  // the headers have arrived. Returns the HTTP status (0 when none arrived before cancellation).
  Result<long> stream(const std::string& path, const std::function<void(long)>& on_open,
                      const std::function<bool(std::string_view)>& on_data, CancelToken& token,
                      std::string_view post_json = {});

  // Escapes one path segment or query value.
  static std::string escape(std::string_view text);

 private:
  std::string m_socket_path;
  std::chrono::milliseconds m_timeout;
};

// The typed error for a non-2xx answer: 404 → ErrorKind::not_found, anything else →
// ErrorKind::invalid; both carry the HTTP status in native_code and the engine's message (bounded)
// in the text.
Error api_error(const Response& response, std::string_view what);

}  // namespace harmony::docker
