#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace harmony::files {

inline constexpr std::size_t k_max_segment_bytes = 180;

// Makes one path segment (a file or folder name) out of untrusted text, so that joining it to a
// directory can never leave that directory: '/' and '\' become '_', control characters and
// invalid UTF-8 are dropped, leading dots and spaces and trailing dots and spaces are removed
// ("..", "." and "" therefore never survive), and the result is cut to `max_bytes` on a UTF-8
// character boundary. An empty result becomes `fallback`.
std::string sanitise_segment(std::string_view text, std::size_t max_bytes = k_max_segment_bytes,
                             std::string_view fallback = "Unknown");

}  // namespace harmony::files
