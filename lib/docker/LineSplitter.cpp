#include "docker/LineSplitter.hpp"

#include <algorithm>

namespace harmony::docker {

LineSplitter::LineSplitter(Sink sink, std::size_t max_line)
    : m_sink(std::move(sink)), m_max_line(std::max<std::size_t>(max_line, 1)) {}

void LineSplitter::emit() {
  if (!m_line.empty() && m_line.back() == '\r') {
    m_line.pop_back();
  }
  m_sink(m_line, m_truncated);
  m_line.clear();
  m_truncated = false;
}

void LineSplitter::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto newline = bytes.find('\n');
    const auto piece = bytes.substr(0, newline);
    const std::size_t room = m_max_line - std::min(m_max_line, m_line.size());
    m_line.append(piece.substr(0, room));
    if (piece.size() > room) {
      m_truncated = true;
    }
    if (newline == std::string_view::npos) {
      return;
    }
    emit();
    bytes.remove_prefix(newline + 1);
  }
}

void LineSplitter::finish() {
  if (!m_line.empty() || m_truncated) {
    emit();
  }
}

}  // namespace harmony::docker
