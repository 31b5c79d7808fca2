#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harmony::harmonyd::imports {

// What one line of an import asks for.
enum class LineKind {
  track,             // artist and title (album, ISRC, duration when given)
  spotify_track,     // a Spotify track link or URI: spotify_id
  spotify_album,     // every track of a Spotify album
  spotify_playlist,  // every item of a Spotify playlist
  invalid,           // `reason` says why
};

std::string_view to_string(LineKind kind) noexcept;

struct ImportLine {
  std::size_t line = 0;  // 1-based line number in the input (a CSV row's first line)
  LineKind kind = LineKind::invalid;
  std::string text;  // the line as given, valid UTF-8, at most k_max_echo bytes
  std::string artist;
  std::string title;
  std::string album;
  std::string isrc;  // normalised: 12 upper-case letters and digits
  std::optional<std::int64_t> duration_ms;
  std::string spotify_id;
  std::string reason;  // why an invalid line was not understood
};

enum class ImportFormat { text, csv, m3u };
std::string_view to_string(ImportFormat format) noexcept;

// Bounds on untrusted input.
inline constexpr std::size_t k_max_lines = 100'000;     // lines (or rows) per import
inline constexpr std::size_t k_max_line_bytes = 2'048;  // longer lines are invalid
inline constexpr std::size_t k_max_field_bytes = 512;   // artist, title, album
inline constexpr std::size_t k_max_echo = 200;          // of the line kept in `text`

struct ParsedImport {
  ImportFormat format = ImportFormat::text;
  std::vector<ImportLine> lines;  // in input order; blank lines and comments are left out
};

}  // namespace harmony::harmonyd::imports
