#include "files/PathSegment.hpp"

namespace harmony::files {
namespace {

// Length of the UTF-8 sequence starting at text[pos], or 0 when it is not valid UTF-8.
std::size_t utf8_length(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t len = 0;
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xc2 && lead <= 0xdf) {
    len = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    len = 3;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    len = 4;
  } else {
    return 0;
  }
  if (pos + len > text.size()) {
    return 0;
  }
  for (std::size_t i = 1; i < len; ++i) {
    if ((static_cast<unsigned char>(text[pos + i]) & 0xc0) != 0x80) {
      return 0;
    }
  }
  return len;
}

}  // namespace

std::string sanitise_segment(std::string_view text, std::size_t max_bytes,
                             std::string_view fallback) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t len = utf8_length(text, pos);
    if (len == 0) {
      ++pos;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[pos]);
    if (len == 1 && (c < 0x20 || c == 0x7f)) {
      ++pos;
      continue;
    }
    // C1 controls (U+0080..U+009F) are encoded as C2 80..C2 9F.
    if (len == 2 && c == 0xc2 && static_cast<unsigned char>(text[pos + 1]) < 0xa0) {
      pos += len;
      continue;
    }
    if (out.size() + len > max_bytes) {
      break;
    }
    if (len == 1 && (c == '/' || c == '\\')) {
      out.push_back('_');
    } else {
      out.append(text.substr(pos, len));
    }
    pos += len;
  }
  const auto first = out.find_first_not_of(". ");
  if (first == std::string::npos) {
    return std::string(fallback);
  }
  const auto last = out.find_last_not_of(". ");
  return out.substr(first, last - first + 1);
}

}  // namespace harmony::files
