#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/Result.hpp"

namespace harmony {

// Parses durations as people write them in configs and command lines: "250ms", "5s", "2m",
// "1h", "1m30s", and a bare number meaning seconds ("30", "0.5"). Negative or malformed
// input is an ErrorKind::invalid whose message quotes the text.
Result<std::chrono::milliseconds> parse_duration(std::string_view text);

// "1.4s", "250ms", "2m05s": the inverse, for messages.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace harmony
