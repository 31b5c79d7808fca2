#include "ControlFrames.hpp"

#include <algorithm>

namespace harmony::bridge {
namespace {

constexpr std::string_view k_begin = "%begin ";
constexpr std::string_view k_end = "%end ";
constexpr std::string_view k_error = "%error ";
constexpr std::string_view k_exit = "%exit";

}  // namespace

void ControlFrames::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto end = bytes.find('\n');
    const std::string_view piece = bytes.substr(0, end);
    if (!m_line_too_long) {
      if (m_line.size() + piece.size() > m_max_reply) {
        m_line_too_long = true;
        m_line.clear();
        m_line.shrink_to_fit();
      } else {
        m_line.append(piece);
      }
    }
    if (end == std::string_view::npos) {
      return;
    }
    if (m_line_too_long) {
      // Not a protocol line (those are short): inside a block it makes the reply oversized.
      if (m_in_block) {
        m_oversized = true;
        m_body.clear();
        m_body.shrink_to_fit();
      }
    } else {
      take_line(m_line);
    }
    m_line.clear();
    m_line_too_long = false;
    bytes.remove_prefix(end + 1);
  }
}

void ControlFrames::take_line(std::string_view line) {
  if (m_in_block) {
    take_body_line(line);
    return;
  }
  if (line.starts_with(k_begin)) {
    m_in_block = true;
    m_guard = line.substr(k_begin.size());
    m_body.clear();
    m_oversized = false;
  } else if (line == k_exit || line.starts_with(std::string(k_exit) + ' ')) {
    if (m_handlers.on_exit) {
      m_handlers.on_exit(line.substr(std::min(line.size(), k_exit.size() + 1)));
    }
  }
  // Anything else outside a block is a notification or noise.
}

void ControlFrames::take_body_line(std::string_view line) {
  const bool ended_ok = line.starts_with(k_end) && line.substr(k_end.size()) == m_guard;
  const bool ended_error = line.starts_with(k_error) && line.substr(k_error.size()) == m_guard;
  if (!ended_ok && !ended_error) {
    if (!m_oversized && m_body.size() + line.size() + 1 > m_max_reply) {
      m_oversized = true;
      m_body.clear();
      m_body.shrink_to_fit();
    }
    if (!m_oversized) {
      m_body.append(line);
      m_body.push_back('\n');
    }
    return;
  }
  Reply reply;
  reply.outcome = m_oversized ? Outcome::oversized : ended_ok ? Outcome::ok : Outcome::error;
  reply.ours = m_guard.ends_with(" 1");
  reply.body = m_oversized ? std::string_view() : std::string_view(m_body);
  m_in_block = false;
  if (m_handlers.on_reply) {
    m_handlers.on_reply(reply);
  }
  m_body.clear();
  m_oversized = false;
}

bool ControlFrames::discard_partial() {
  const bool had = !m_line.empty() || m_line_too_long || m_in_block;
  m_line.clear();
  m_line_too_long = false;
  m_in_block = false;
  m_guard.clear();
  m_body.clear();
  m_oversized = false;
  return had;
}

}  // namespace harmony::bridge
