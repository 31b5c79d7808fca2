#include "files/PathSegment.hpp"

#include "textmatch/Utf8.hpp"

namespace harmony::files {

std::string sanitise_segment(std::string_view text, std::size_t max_bytes,
                             std::string_view fallback) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t len = textmatch::utf8_sequence_length(text, pos);
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
