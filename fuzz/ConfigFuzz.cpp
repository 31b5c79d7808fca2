// Configuration files are written by hand: harmony.yml, .env and the watchdog's YAML must load
// or fail with a message, never crash. The first byte picks the loader.
#include <cstdint>
#include <string>

#include "Settings.hpp"
#include "config/Loaders.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      static_cast<void>(harmony::config::parse_yaml(text, "harmony.yml"));
      break;
    case 1:
      static_cast<void>(harmony::config::parse_env(text, ".env"));
      break;
    default:
      static_cast<void>(harmony::watchdog::parse_settings(text, "watchdog.yml"));
      break;
  }
  return 0;
}
