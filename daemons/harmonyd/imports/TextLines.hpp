#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/Result.hpp"

namespace harmony::harmonyd::imports {

// Helpers the import parsers share.

// `text` without a leading UTF-8 BOM; ErrorKind::invalid when it holds a NUL byte (a binary
// file, not a list).
Result<std::string_view> strip_bom(std::string_view text);
// The lines of `text` split at LF, CRLF or CR, without their ends; more than `max_lines` is an
// ErrorKind::invalid.
Result<std::vector<std::string_view>> split_lines(std::string_view text, std::size_t max_lines);
// Without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text) noexcept;
// Empty when `text` is valid UTF-8 without control characters (tab allowed); else the reason.
std::string text_problem(std::string_view text);
// Up to k_max_echo bytes of `text`, cut at a character boundary, invalid bytes as U+FFFD.
std::string echo(std::string_view text);

}  // namespace harmony::harmonyd::imports
