#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/Result.hpp"

namespace harmony::mdns {

// TIDAL Connect advertises "<friendly name>-<32 hex digits>" as one DNS label.
inline constexpr std::size_t k_max_label_bytes = 63;
inline constexpr std::size_t k_hex_suffix_digits = 32;
// The longest friendly name whose "-<32 hex>" instance still fits in one label: 30 bytes.
inline constexpr std::size_t k_max_friendly_name_bytes =
    k_max_label_bytes - 1 - k_hex_suffix_digits;

// Checks a friendly name before it is used to match (or publish) instances. Spaces, dots,
// quotes and non-ASCII letters are fine: DNS-SD instance labels are arbitrary UTF-8, and names
// are compared as raw bytes. Rejected, with a message saying why (ErrorKind::invalid): an empty
// name, invalid UTF-8, control characters, and names longer than k_max_friendly_name_bytes
// (Avahi refuses such a label with error -10, "invalid service name").
Result<void> validate_friendly_name(std::string_view name);

// True when `instance` is `friendly` itself or exactly `<friendly>-<32 hex digits>`. A plain
// byte comparison, never a pattern: "hifiberry" does not match "hifiberry2-<hex>", and a name
// with '.', '*' or '[' means only itself.
bool is_instance_of(std::string_view friendly, std::string_view instance) noexcept;

// Decodes a label as avahi-browse -p prints it ("Living\032Room", "a\.b", "x\\y") into raw
// bytes. A backslash followed by neither three decimal digits (<= 255) nor one character is an
// ErrorKind::invalid error quoting the label.
Result<std::string> unescape_label(std::string_view escaped);

// A name from the network made safe for a log line or message: control bytes become \xNN and
// anything past 96 bytes is cut with "…".
std::string printable(std::string_view name);

}  // namespace harmony::mdns
