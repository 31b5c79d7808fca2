#include "textmatch/Utf8.hpp"

#include <utf8proc.h>

namespace harmony::textmatch {

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) noexcept {
  if (at >= text.size()) {
    return 0;
  }
  utf8proc_int32_t code = 0;
  const auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                       static_cast<utf8proc_ssize_t>(text.size() - at), &code);
  return length > 0 ? static_cast<std::size_t>(length) : 0;
}

}  // namespace harmony::textmatch
