#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace harmony::bridge {

// Splits the screen stream (one capture after another, each followed by k_record_separator) into
// captures. The stream comes from inside the container, so it is untrusted: a capture longer than
// `max_record` is never buffered whole — its bytes are dropped and it is delivered as `oversized`
// with no text when its separator arrives. Input arrives in pieces of any size (Docker frames do
// not follow our records).
class ScreenRecords {
 public:
  // ASCII RS. tmux stores only printable cells (it interprets C0 controls instead of drawing
  // them), so `capture-pane -p` without -e never contains it.
  static constexpr char k_record_separator = '\036';
  using Sink = std::function<void(std::string_view capture, bool oversized)>;

  explicit ScreenRecords(Sink sink, std::size_t max_record = std::size_t{64} * 1024)
      : m_sink(std::move(sink)), m_max_record(max_record) {}

  void feed(std::string_view bytes);
  // Forgets a capture cut off by the end of the stream; true when there was one.
  bool discard_partial();

 private:
  Sink m_sink;
  std::size_t m_max_record;
  std::string m_partial;
  bool m_oversized = false;
};

}  // namespace harmony::bridge
