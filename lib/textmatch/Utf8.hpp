#pragma once

#include <cstddef>
#include <string_view>

namespace harmony::textmatch {

// The one UTF-8 validator (utf8proc's decoder): the length of the sequence starting at
// `text[at]`, or 0 when it is malformed: truncated, a stray continuation byte, an overlong form
// (such as "\xE0\x80\xAF" for '/'), a surrogate or a code point above U+10FFFF.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) noexcept;

}  // namespace harmony::textmatch
