#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/Result.hpp"

namespace harmony::wire {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct ResponseHead {
  int status = 0;
  Headers headers;  // as the server spelled them, in order

  // The first value of `name` (compared case-insensitively), or empty.
  std::string_view header(std::string_view name) const;
};

// Reads one HTTP/1.x response from bytes as they arrive, with Node's http-parser: status line,
// header fields (at most 100 fields and http-parser's 80 KiB), and a body in any framing
// (Content-Length, chunked, or until the peer closes), handed on decoded as it comes. Remote
// bytes are untrusted: a malformed message is ErrorKind::invalid naming http-parser's reason.
class ResponseReader {
 public:
  enum class Progress {
    more,      // feed more bytes (or finish() at EOF)
    complete,  // the whole response was read
    stopped,   // the body callback asked to stop
  };
  using OnHead = std::function<void(const ResponseHead&)>;
  using OnBody = std::function<bool(std::string_view)>;  // false stops reading

  // `head_only`: the request was a HEAD, so the response has no body whatever it announces.
  ResponseReader(OnHead on_head, OnBody on_body, bool head_only = false);
  ~ResponseReader();
  ResponseReader(const ResponseReader&) = delete;
  ResponseReader& operator=(const ResponseReader&) = delete;

  Result<Progress> feed(std::string_view bytes);
  // The peer closed: completes a response whose body runs until EOF, else it was cut short.
  Result<Progress> finish();
  bool head_seen() const noexcept;

  struct State;  // http-parser's callbacks reach it through the parser's data pointer

 private:
  std::unique_ptr<State> m_state;
};

}  // namespace harmony::wire
