#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace harmony::bridge::utf8 {

// Bytes taken by the UTF-8 sequence starting with `lead`; 0 for a continuation or invalid byte.
std::size_t sequence_length(unsigned char lead) noexcept;

// The number of code points in `text`, counting every invalid byte as one.
std::size_t count(std::string_view text) noexcept;

// The byte offset of code point `index` (text.size() when past the end); invalid bytes count as
// one.
std::size_t offset_of(std::string_view text, std::size_t index) noexcept;

// Untrusted text made safe to show and to serialise: invalid UTF-8 bytes and control characters
// (C0, DEL) are dropped, tabs become spaces, and the result is cut to at most `max_bytes` on a
// code point boundary.
std::string sanitize(std::string_view text, std::size_t max_bytes);

}  // namespace harmony::bridge::utf8
