#include "LineExcerpt.hpp"

#include <fmt/format.h>

namespace harmony::watchdog {
namespace {

// Length of the valid UTF-8 sequence starting at `at`, or 0 when the bytes there are invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  unsigned min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (at + length > s.size()) {
    return 0;
  }
  unsigned code = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) {
      return 0;
    }
    code = (code << 6) | (byte(at + i) & 0x3F);
  }
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  return (code < min || code > 0x10FFFF || surrogate) ? 0 : length;
}

}  // namespace

std::string line_excerpt(std::string_view line, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(line.size(), max_bytes) + 24);
  std::size_t at = 0;
  while (at < line.size()) {
    const unsigned char c = static_cast<unsigned char>(line[at]);
    std::size_t take = 1;
    if (c < 0x80) {
      if (out.size() + 1 > max_bytes) {
        break;
      }
      out += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
    } else if (std::size_t length = utf8_sequence(line, at); length > 0) {
      if (out.size() + length > max_bytes) {
        break;
      }
      out.append(line.substr(at, length));
      take = length;
    } else {
      if (out.size() + 1 > max_bytes) {
        break;
      }
      out += '?';
    }
    at += take;
  }
  if (at < line.size()) {
    out += fmt::format("… [+{} bytes]", line.size() - at);
  }
  return out;
}

}  // namespace harmony::watchdog
