// What a peer answers over lib/wire (the Docker engine, a health endpoint, AudioControl) is
// untrusted: any bytes, in any chunk sizes, and a close at any point.
#include <cstdint>
#include <string_view>

#include "wire/ResponseReader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::size_t body_bytes = 0;
  harmony::wire::ResponseReader reader([](const harmony::wire::ResponseHead&) {},
                                       [&body_bytes](std::string_view bytes) {
                                         body_bytes += bytes.size();
                                         return true;
                                       },
                                       (data[0] & 0x80) != 0);
  // The first byte picks the chunk size, so every field and chunk header is split somewhere.
  const std::size_t chunk = 1 + data[0] % 32;
  bool going = true;
  for (std::size_t at = 0; at < text.size() && going; at += chunk) {
    auto progress = reader.feed(text.substr(at, chunk));
    going = progress.ok() && *progress == harmony::wire::ResponseReader::Progress::more;
  }
  if (going) {
    static_cast<void>(reader.finish());
  }
  if (body_bytes > text.size()) {
    __builtin_trap();  // a reader never invents bytes
  }
  return 0;
}
