// The speaker controller's tmux screen is untrusted container output (track names come from
// the music service): any capture parses to a bounded state or an error.
#include <cstdint>
#include <string_view>

#include "ScreenParser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const harmony::bridge::ScreenParser parser;
  const auto state = parser.parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!state.ok() && state.error().message.empty()) {
    __builtin_trap();  // every refusal says why
  }
  return 0;
}
