#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace harmony::watchdog {

// Longest MATCHED_LINE= we log, in bytes.
inline constexpr std::size_t k_max_excerpt_bytes = 512;

// A log line made safe to log: at most `max_bytes` of valid UTF-8, invalid bytes and control
// characters replaced by '?', and "… [+N bytes]" appended when cut. The input is untrusted.
std::string line_excerpt(std::string_view line, std::size_t max_bytes = k_max_excerpt_bytes);

}  // namespace harmony::watchdog
