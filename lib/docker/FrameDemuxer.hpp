#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace harmony::docker {

// Splits Docker's multiplexed stdout/stderr stream (logs and exec of non-TTY containers) into
// frames: an 8-byte header [type, 0, 0, 0, size as big-endian uint32] then `size` payload bytes.
// Input arrives in arbitrary pieces. The stream is untrusted: a payload larger than `max_frame`
// is delivered in pieces of at most `max_frame` bytes (never buffered whole; what has arrived
// is delivered at the end of each feed), and a header with
// an unknown type or non-zero padding puts the demuxer in the `corrupt` state, after which input
// is ignored.
class FrameDemuxer {
 public:
  enum class Stream : std::uint8_t { stdin_stream = 0, stdout_stream = 1, stderr_stream = 2 };
  using Sink = std::function<void(Stream, std::string_view payload)>;

  explicit FrameDemuxer(Sink sink, std::size_t max_frame = 1 << 20);

  void feed(std::string_view bytes);
  bool corrupt() const noexcept { return m_corrupt; }
  // True when the input ended in the middle of a header or a payload.
  bool mid_frame() const noexcept { return m_header_fill != 0 || m_remaining != 0; }

 private:
  void feed_frames(std::string_view bytes);
  void flush_pending();

  Sink m_sink;
  std::size_t m_max_frame;
  unsigned char m_header[8]{};
  std::size_t m_header_fill = 0;
  std::uint32_t m_remaining = 0;
  Stream m_stream = Stream::stdout_stream;
  std::string m_pending;
  bool m_corrupt = false;
};

}  // namespace harmony::docker
