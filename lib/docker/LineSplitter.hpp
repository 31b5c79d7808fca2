#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace harmony::docker {

// Cuts a byte stream into '\n'-terminated lines (a trailing '\r' is dropped). A line longer than
// `max_line` is delivered cut at `max_line` with `truncated` set and the rest of it discarded, so
// untrusted input never grows memory without bound.
class LineSplitter {
 public:
  using Sink = std::function<void(std::string_view line, bool truncated)>;

  explicit LineSplitter(Sink sink, std::size_t max_line = std::size_t{64} * 1024);

  void feed(std::string_view bytes);
  // Delivers an unterminated last line, if any.
  void finish();

 private:
  void emit();

  Sink m_sink;
  std::size_t m_max_line;
  std::string m_line;
  bool m_truncated = false;
};

}  // namespace harmony::docker
