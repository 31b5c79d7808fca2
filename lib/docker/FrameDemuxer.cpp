#include "docker/FrameDemuxer.hpp"

#include <algorithm>
#include <string>

namespace harmony::docker {

FrameDemuxer::FrameDemuxer(Sink sink, std::size_t max_frame)
    : m_sink(std::move(sink)), m_max_frame(std::max<std::size_t>(max_frame, 1)) {}

void FrameDemuxer::flush_pending() {
  if (!m_pending.empty()) {
    m_sink(m_stream, m_pending);
    m_pending.clear();
  }
}

void FrameDemuxer::feed(std::string_view bytes) {
  feed_frames(bytes);
  // Deliver what arrived now rather than wait for the rest of a long frame (log latency).
  if (!m_corrupt) {
    flush_pending();
  }
}

void FrameDemuxer::feed_frames(std::string_view bytes) {
  while (!bytes.empty() && !m_corrupt) {
    if (m_remaining == 0) {
      const std::size_t take = std::min(bytes.size(), sizeof(m_header) - m_header_fill);
      std::copy_n(bytes.begin(), take, m_header + m_header_fill);
      m_header_fill += take;
      bytes.remove_prefix(take);
      if (m_header_fill < sizeof(m_header)) {
        return;
      }
      m_header_fill = 0;
      if (m_header[0] > 2 || m_header[1] != 0 || m_header[2] != 0 || m_header[3] != 0) {
        m_corrupt = true;
        return;
      }
      m_stream = static_cast<Stream>(m_header[0]);
      m_remaining = (std::uint32_t{m_header[4]} << 24) | (std::uint32_t{m_header[5]} << 16) |
                    (std::uint32_t{m_header[6]} << 8) | std::uint32_t{m_header[7]};
      continue;
    }
    const std::size_t take =
        std::min<std::size_t>({bytes.size(), m_remaining, m_max_frame - m_pending.size()});
    m_pending.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    m_remaining -= static_cast<std::uint32_t>(take);
    if (m_remaining == 0 || m_pending.size() >= m_max_frame) {
      flush_pending();
    }
  }
}

}  // namespace harmony::docker
