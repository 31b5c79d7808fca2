#include "Utf8.hpp"

#include "textmatch/Utf8.hpp"

namespace harmony::bridge::utf8 {
namespace {

// Length of a well-formed sequence at the start of `text`, or 0 when it is not well-formed
// (overlong forms and surrogates included): the project's one validator.
std::size_t valid_length(std::string_view text) noexcept {
  return textmatch::utf8_sequence_length(text, 0);
}

}  // namespace

std::size_t sequence_length(unsigned char lead) noexcept {
  if (lead < 0x80U) {
    return 1;
  }
  if (lead >= 0xC2U && lead <= 0xDFU) {
    return 2;
  }
  if (lead >= 0xE0U && lead <= 0xEFU) {
    return 3;
  }
  if (lead >= 0xF0U && lead <= 0xF4U) {
    return 4;
  }
  return 0;
}

std::size_t count(std::string_view text) noexcept {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = valid_length(text.substr(i));
    i += length == 0 ? 1 : length;
    ++points;
  }
  return points;
}

std::size_t offset_of(std::string_view text, std::size_t index) noexcept {
  std::size_t i = 0;
  for (std::size_t point = 0; point < index && i < text.size(); ++point) {
    const std::size_t length = valid_length(text.substr(i));
    i += length == 0 ? 1 : length;
  }
  return i < text.size() ? i : text.size();
}

std::string sanitize(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(text.size() < max_bytes ? text.size() : max_bytes);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = valid_length(text.substr(i));
    if (length == 0) {
      ++i;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (out.size() + length > max_bytes) {
      break;
    }
    const bool c1_control =
        length == 2 && c == 0xC2U && static_cast<unsigned char>(text[i + 1]) < 0xA0U;
    if (c1_control) {
      i += length;
      continue;
    }
    if (c == '\t') {
      out += ' ';
    } else if (length > 1 || (c >= 0x20U && c != 0x7FU)) {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

}  // namespace harmony::bridge::utf8
