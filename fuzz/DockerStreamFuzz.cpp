// What the Docker engine sends is untrusted container output: event lines (JSON) and the
// multiplexed stdout/stderr frame stream, fed in arbitrary chunk sizes.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "docker/EventParser.hpp"
#include "docker/FrameDemuxer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    static_cast<void>(harmony::docker::parse_event_line(text.substr(start, end - start)));
    start = end + 1;
  }
  std::size_t payload_bytes = 0;
  harmony::docker::FrameDemuxer demuxer(
      [&payload_bytes](harmony::docker::FrameDemuxer::Stream, std::string_view payload) {
        payload_bytes += payload.size();
      },
      4096);
  // The first byte picks the chunk size, so frame headers get split at every offset.
  const std::size_t chunk = 1 + data[0] % 16;
  for (std::size_t at = 0; at < text.size() && !demuxer.corrupt(); at += chunk) {
    demuxer.feed(text.substr(at, chunk));
  }
  if (payload_bytes > text.size()) {
    __builtin_trap();  // a demuxer never invents bytes
  }
  return 0;
}
