#include "ScreenRecords.hpp"

namespace harmony::bridge {

void ScreenRecords::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto end = bytes.find(k_record_separator);
    const std::string_view piece = bytes.substr(0, end);
    if (!m_oversized) {
      if (m_partial.size() + piece.size() > m_max_record) {
        m_oversized = true;
        m_partial.clear();
        m_partial.shrink_to_fit();
      } else {
        m_partial.append(piece);
      }
    }
    if (end == std::string_view::npos) {
      return;
    }
    m_sink(m_oversized ? std::string_view() : std::string_view(m_partial), m_oversized);
    m_partial.clear();
    m_oversized = false;
    bytes.remove_prefix(end + 1);
  }
}

bool ScreenRecords::discard_partial() {
  const bool had = !m_partial.empty() || m_oversized;
  m_partial.clear();
  m_oversized = false;
  return had;
}

}  // namespace harmony::bridge
