#include "imports/TextLines.hpp"

#include <fmt/format.h>

#include "imports/ImportLine.hpp"
#include "textmatch/Utf8.hpp"

namespace harmony::harmonyd::imports {

Result<std::string_view> strip_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }
  if (text.find('\0') != std::string_view::npos) {
    return make_error(ErrorKind::invalid,
                      "the upload holds NUL bytes: it looks like a binary file, not a list of "
                      "tracks (send text, CSV or M3U8)");
  }
  return text;
}

Result<std::vector<std::string_view>> split_lines(std::string_view text, std::size_t max_lines) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find_first_of("\r\n", start);
    if (lines.size() == max_lines) {
      return make_error(ErrorKind::invalid,
                        fmt::format("the import has more than {} lines; split it", max_lines));
    }
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
  }
  return lines;
}

std::string_view trim(std::string_view text) noexcept {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string text_problem(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const auto length = textmatch::utf8_sequence_length(text, at);
    if (length == 0) {
      return fmt::format("not valid UTF-8 at byte {}; save the file as UTF-8", at + 1);
    }
    const auto byte = static_cast<unsigned char>(text[at]);
    if (length == 1 && (byte < 0x20 || byte == 0x7F) && byte != '\t') {
      return fmt::format("holds the control character 0x{:02X} at byte {}", byte, at + 1);
    }
    at += length;
  }
  return {};
}

std::string echo(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const auto length = textmatch::utf8_sequence_length(text, at);
    const std::string_view piece =
        length == 0 ? std::string_view("\xEF\xBF\xBD") : text.substr(at, length);
    if (out.size() + piece.size() > k_max_echo) {
      break;
    }
    const auto byte = static_cast<unsigned char>(text[at]);
    out += length == 1 && byte < 0x20 ? std::string_view(" ") : piece;
    at += length == 0 ? 1 : length;
  }
  return out;
}

}  // namespace harmony::harmonyd::imports
