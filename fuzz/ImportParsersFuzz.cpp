// Imports are whatever people paste or upload: any bytes must become lines or a reason, with
// every kept text valid UTF-8 and bounded, and no crash or undefined behaviour.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "imports/ImportParsers.hpp"

namespace imports = harmony::harmonyd::imports;

namespace {

void check(const harmony::Result<imports::ParsedImport>& parsed) {
  if (!parsed) {
    return;
  }
  for (const auto& line : parsed->lines) {
    const bool understood = line.kind != imports::LineKind::invalid;
    // An understood line has what a request needs; an invalid one says why.
    if (understood == !line.reason.empty() || line.text.size() > imports::k_max_echo ||
        line.artist.size() > imports::k_max_field_bytes ||
        line.title.size() > imports::k_max_field_bytes) {
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check(imports::parse_text(text));
  check(imports::parse_csv(text));
  check(imports::parse_m3u(text));
  check(imports::parse_import(text));
  return 0;
}
