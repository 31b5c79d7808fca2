#include "mdns/InstanceName.hpp"

#include <fmt/format.h>

#include "textmatch/Utf8.hpp"

namespace harmony::mdns {
namespace {

bool is_hex(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

}  // namespace

Result<void> validate_friendly_name(std::string_view name) {
  if (name.empty()) {
    return make_error(ErrorKind::invalid,
                      "the friendly name is empty; set FRIENDLY_NAME or pass --name");
  }
  for (std::size_t at = 0; at < name.size();) {
    const std::size_t length = textmatch::utf8_sequence_length(name, at);
    if (length == 0) {
      return make_error(ErrorKind::invalid,
                        fmt::format("the friendly name is not valid UTF-8 (byte {} of {}); "
                                    "save the file as UTF-8",
                                    at + 1, name.size()));
    }
    const auto byte = static_cast<unsigned char>(name[at]);
    if (length == 1 && (byte < 0x20 || byte == 0x7F)) {
      return make_error(ErrorKind::invalid,
                        fmt::format("the friendly name contains a control character (0x{:02x}) at "
                                    "byte {}; remove it",
                                    byte, at + 1));
    }
    at += length;
  }
  if (name.size() > k_max_friendly_name_bytes) {
    return make_error(
        ErrorKind::invalid,
        fmt::format("the friendly name '{}' is {} bytes; TIDAL Connect advertises "
                    "'<name>-<{} hex>', which must fit the {}-byte DNS label limit, so the name "
                    "may have at most {} bytes (non-ASCII letters take 2-4 bytes each); "
                    "choose a shorter name (Avahi would refuse it with error -10)",
                    name, name.size(), k_hex_suffix_digits, k_max_label_bytes,
                    k_max_friendly_name_bytes));
  }
  return {};
}

bool is_instance_of(std::string_view friendly, std::string_view instance) noexcept {
  if (friendly.empty() || !instance.starts_with(friendly)) {
    return false;
  }
  const std::string_view rest = instance.substr(friendly.size());
  if (rest.empty()) {
    return true;
  }
  if (rest.size() != 1 + k_hex_suffix_digits || rest.front() != '-') {
    return false;
  }
  for (char c : rest.substr(1)) {
    if (!is_hex(c)) {
      return false;
    }
  }
  return true;
}

Result<std::string> unescape_label(std::string_view escaped) {
  std::string out;
  out.reserve(escaped.size());
  for (std::size_t at = 0; at < escaped.size(); ++at) {
    if (escaped[at] != '\\') {
      out.push_back(escaped[at]);
      continue;
    }
    const std::string_view rest = escaped.substr(at + 1);
    if (rest.size() >= 3 && is_digit(rest[0]) && is_digit(rest[1]) && is_digit(rest[2])) {
      const int value = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
      if (value > 255) {
        return make_error(ErrorKind::invalid, fmt::format("label '{}': escape \\{} is above 255",
                                                          escaped, rest.substr(0, 3)));
      }
      out.push_back(static_cast<char>(value));
      at += 3;
    } else if (!rest.empty() && !is_digit(rest[0])) {
      out.push_back(rest[0]);
      at += 1;
    } else {
      return make_error(ErrorKind::invalid,
                        fmt::format("label '{}': a backslash at byte {} starts no valid escape",
                                    escaped, at + 1));
    }
  }
  return out;
}

std::string printable(std::string_view name) {
  constexpr std::size_t k_max_bytes = 96;
  std::string out;
  for (std::size_t at = 0; at < name.size() && at < k_max_bytes; ++at) {
    const auto byte = static_cast<unsigned char>(name[at]);
    if (byte < 0x20 || byte == 0x7F) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out.push_back(name[at]);
    }
  }
  if (name.size() > k_max_bytes) {
    out += "…";
  }
  return out;
}

}  // namespace harmony::mdns
